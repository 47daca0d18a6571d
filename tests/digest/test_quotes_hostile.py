"""Hostile articles: extraction stays bounded, gives up with a reason, and loses nothing else."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import digest.nlp
from digest import ingest, store
from digest.cli import main
from digest.config import SourceConfig
from digest.nlp import MAX_CHARS, MAX_QUOTES_PER_ARTICLE, extract, extract_many
from digest.quotes import MAX_QUOTES, QuotesComponent

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
STORY = (
    "The United States will raise tariffs on Chinese steel to 25 percent, Commerce Secretary"
    " Wilbur Ross said on Monday. “We will not let dumping continue,” Ross told reporters,"
    " adding that trade talks had stalled over steel and aluminum exports and tariffs.\n"
)


def inside(text, extraction):
    for quote in extraction.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
    return extraction


@pytest.mark.parametrize(
    "piece",
    ['"x"y', "“", '" ', "''x'' ", ':"', "“We will not give in.”\n\n", 'Ross said "we win" and '],
)
def test_pathological_text_gives_a_bounded_valid_result(nlp, piece):
    text = piece * (6_000 // len(piece))
    extraction = inside(text, extract(text, nlp))
    assert len(extraction.quotes) <= MAX_QUOTES_PER_ARTICLE and extraction.gave_up is None


def test_quotes_per_article_are_capped(nlp):
    text = '"x"y' * (MAX_QUOTES + 500)
    assert len(inside(text, extract(text, nlp)).quotes) == MAX_QUOTES


def test_a_text_over_the_size_budget_is_given_up_with_a_reason_and_the_others_kept(nlp):
    huge = "tariffs " * (MAX_CHARS // 8 + 1)
    first, second = extract_many([huge, STORY], nlp)
    assert first.quotes == () and "over the limit" in first.gave_up
    assert [q.speaker for q in second.quotes if q.direct] == ["Wilbur Ross"]


def test_a_text_over_spacys_max_length_is_read_in_pieces(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 2_000)
    monkeypatch.setattr(digest.nlp, "PIECE_CHARS", 1_500)
    text = STORY * 20
    extraction = inside(text, extract(text, nlp))
    assert sum(q.direct for q in extraction.quotes) == text.count("“")
    assert extraction.quotes[-1].start > len(text) - len(STORY)


def test_a_document_past_its_time_budget_is_given_up_with_the_reason(nlp):
    with nlp.select_pipes(disable=["tradedigest_quotes"]):
        doc = nlp(STORY)
    doc = QuotesComponent(budget_seconds=0.0, max_quotes=10)(doc)
    assert doc._.quotes == () and "took over 0 s" in doc._.gave_up


def test_ingest_records_an_article_given_up_on_as_skipped_and_stores_the_others(
    config, nlp, tmp_path
):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY * 3, encoding="utf-8")
    dump = (
        "Canada asked the WTO on Friday to rule against American duties on softwood lumber, the"
        " latest turn in a trade dispute over tariffs that has run for decades, officials said.\n"
    )
    dump *= MAX_CHARS // len(dump) + 1
    (folder / "dump.txt").write_text(dump, encoding="utf-8")
    config = replace(config, sources=(SourceConfig("desk", "folder", path=folder),))
    db = store.open_store(config.db_path)
    [report] = ingest.run(config, db, nlp, NOW)
    assert (report.new, report.skipped, report.failed_articles) == (1, 1, [])
    rows = {row["status"]: row for row in db["articles"].rows}
    assert "extraction gave up" in rows["skipped"]["skip_reason"]
    assert store.quotes_of(db, [rows["skipped"]["id"]]) == []
    assert store.quotes_of(db, [rows["extracted"]["id"]])


HOSTILE = st.sampled_from(
    [
        *('"x"y', "“", "”", '"', "''", "'''", ":", ' "', '" ', "\n", "\n\n", "\ufeff", "\u200b"),
        *(" said ", " Ross said ", " said Ross", " he said", "Wang Yang", " according to "),
        *("<https://x.example|Click>", "<@U123>", "<b>", "</b>", "&amp;", "\x1b[2J", "\x00"),
        *("Story continues below advertisement", "Read more:", " — ", "Sen. ", "front-runner "),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(HOSTILE, max_size=50).map("".join))
def test_hostile_pieces_in_any_order_give_quotes_inside_the_text(nlp, text):
    inside(text, extract(text, nlp))


def test_extract_names_a_file_given_up_on_and_prints_every_file(tmp_path):
    huge, story = tmp_path / "huge.txt", tmp_path / "story.txt"
    huge.write_text("tariffs " * (MAX_CHARS // 8 + 1), encoding="utf-8")
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(huge), str(story)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["path"], bool(x["quotes"])) for x in lines] == [
        (str(huge), False),
        (str(story), True),
    ]
    assert "gave_up" not in lines[1]
    assert result.stderr.count("\n") == 1 and f"gave up on {huge}: " in result.stderr
