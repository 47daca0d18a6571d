import io
import json
import re
from dataclasses import asdict, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from digest.compose import (
    Digest,
    DigestFigure,
    DigestQuote,
    FailingSource,
    SourceLink,
    SpeakerCount,
    Story,
)
from digest.render import (
    card_text,
    to_blocks,
    to_console,
    to_fallback,
    to_markdown,
    to_messages,
    to_text,
)
from digest.speakers import CardQuote, SpeakerCard
from tests.hostile import (
    assert_safe_colour_terminal,
    assert_safe_markdown,
    assert_safe_mrkdwn,
    assert_safe_terminal,
    hostile_text,
    urls,
)

HOSTILE = "<!channel> <@U123> <http://x|y> & <!here>"
RAW_MARKUP = ("<!channel>", "<@U123>", "<http://x|y>", "<!here>")


def story(n: int = 0, *, text: str = "Trade is good.", sources: int = 2, quotes: int = 3) -> Story:
    return Story(
        headline=f"Story {n}: talks open",
        summary=f"Summary {n}.",
        url=f"https://news.example/{n}?a=1&b=2",
        sources=tuple(
            SourceLink(
                f"Outlet {k}",
                f"Title {k}",
                f"https://news.example/{n}/{k}",
                "2026-11-20T09:30:00+00:00",
            )
            for k in range(sources)
        ),
        quotes=tuple(
            DigestQuote(
                f"{text} ({k})",
                f"Speaker {k}",
                "Secretary",
                f"https://news.example/{n}",
                "Outlet 0",
                sources=2,
            )
            for k in range(quotes)
        ),
        figures=(
            DigestFigure("$309 billion", "trade deficit", f"https://news.example/{n}", "Outlet 0"),
        ),
        weight=1.0,
    )


def digest(*stories: Story, **fields) -> Digest:
    return Digest(
        "2026-11-19T13:00:00+00:00", "2026-11-20T13:00:00+00:00", stories, number=7, **fields
    )


def texts(block: dict) -> list[dict]:
    """Every text object in a block."""
    if block["type"] in ("section", "header"):
        return [block["text"]]
    if block["type"] == "context":
        return block["elements"]
    return []


def assert_within_slack_limits(messages: list[list[dict]]) -> None:
    assert messages
    for blocks in messages:
        assert 1 <= len(blocks) <= 50
        for block in blocks:
            if block["type"] == "header":
                assert block["text"]["type"] == "plain_text"
                assert 1 <= len(block["text"]["text"]) <= 150
            if block["type"] == "context":
                assert 1 <= len(block["elements"]) <= 10
            for text in texts(block):
                assert 1 <= len(text["text"]) <= 3000
                if text["type"] == "mrkdwn":
                    assert text["verbatim"] is True


def test_a_digest_that_fits_is_one_message_with_header_stories_and_dividers():
    messages = to_messages(digest(story(1), story(2)))
    assert len(messages) == 1
    [blocks] = messages
    assert blocks == to_blocks(digest(story(1), story(2)))
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["text"].startswith("Trade digest #7")
    assert [b["type"] for b in blocks].count("divider") == 2
    assert_within_slack_limits(messages)


def test_a_digest_too_big_for_one_message_continues_in_the_thread():
    stories = [story(n, sources=30, quotes=6) for n in range(40)]
    many = digest(
        *stories, speakers=(SpeakerCount("Wilbur Ross", "Secretary", 9),), more_stories=12
    )
    messages = to_messages(many)
    assert len(messages) > 1
    assert_within_slack_limits(messages)
    flat = json.dumps(messages, ensure_ascii=False)
    for n in range(40):
        assert f"Story {n}: talks open" in flat
    assert "and 21 more sources" in flat
    assert "…and 12 more stories." in flat
    assert "Continued in the thread." in json.dumps(messages[0])
    assert all("continued" in reply[0]["elements"][0]["text"] for reply in messages[1:])


def test_oversized_text_is_cut_to_slack_limits_and_no_story_straddles_messages():
    huge = story(0, text="&" * 5000, quotes=150)
    long_title = Story(**{**vars(story(1)), "headline": "H" * 5000, "summary": "<" * 9000})
    messages = to_messages(
        Digest(
            "2026-11-19T13:00:00+00:00", "2026-11-20T13:00:00+00:00" + "x" * 200, (huge, long_title)
        )
    )
    assert_within_slack_limits(messages)
    assert len(messages) >= 2


def test_every_story_starts_whole_in_a_message_when_it_fits_one():
    messages = to_messages(digest(*(story(n, quotes=3) for n in range(12))))
    for blocks in messages:
        # Each story opens with its headline section and closes with a divider in the same message.
        opened = sum("talks open" in b.get("text", {}).get("text", "") for b in blocks)
        assert opened == [b["type"] for b in blocks].count("divider")


@pytest.mark.parametrize(
    "field", ["headline", "summary", "quote", "speaker", "title", "source", "about", "url"]
)
def test_article_text_cannot_ping_mention_or_forge_a_link(field):
    quote = DigestQuote("Trade words.", "Ross", "Secretary", "https://ok.example/q", "Outlet")
    figure = DigestFigure("$1", "tariffs", "https://ok.example/f", "Outlet")
    source = SourceLink("Outlet", "Title", "https://ok.example/s", None)
    parts = {
        "headline": "Headline",
        "summary": "Summary.",
        "url": "https://ok.example/story",
        "quote": quote,
        "figure": figure,
        "source": source,
    }
    if field in ("headline", "summary"):
        parts[field] = HOSTILE
    elif field == "url":
        parts["url"] = f"https://ok.example/{HOSTILE}"
    elif field in ("quote", "speaker", "title"):
        parts["quote"] = DigestQuote(
            **{**vars(quote), "text" if field == "quote" else field: HOSTILE}
        )
    elif field == "source":
        parts["source"] = SourceLink(HOSTILE, HOSTILE, "https://ok.example/s", None)
    else:
        parts["figure"] = DigestFigure("$1", HOSTILE, "https://ok.example/f", "Outlet")
    hostile = digest(
        Story(
            parts["headline"],
            parts["summary"],
            parts["url"],
            (parts["source"],),
            (parts["quote"],),
            (parts["figure"],),
        ),
        speakers=(SpeakerCount(HOSTILE, None, 2),),
    )
    messages = to_messages(hostile)
    for text in (t["text"] for blocks in messages for b in blocks for t in texts(b)):
        for markup in RAW_MARKUP:
            assert markup not in text
        # Every remaining <...> is one of ours: an http link with one | and a clean address.
        for link in re.findall(r"<([^>]*)>", text):
            address, _, label = link.partition("|")
            assert address.startswith("https://ok.example/")
            assert not re.search(r"[\s<>|]", address)
            assert "<" not in label
    if field != "url":
        assert "&lt;!channel&gt;" in json.dumps(messages)
    assert not any(m in to_fallback(hostile) for m in RAW_MARKUP)
    markdown = to_markdown(hostile)
    assert not any(m in markdown for m in RAW_MARKUP)


def test_markdown_links_each_source_and_shows_the_repeat_count():
    markdown = to_markdown(digest(story(1)))
    assert markdown.startswith("# Trade digest #7")
    assert "## [Story 1: talks open](https://news.example/1?a=1&b=2)" in markdown
    assert "[Title 0](https://news.example/1/0) (Outlet 0, 20 Nov 09:30)" in markdown
    assert (
        "— **Speaker 0, Secretary** · [Outlet 0](https://news.example/1) · _in 2 sources_"
        in markdown
    )
    assert "- **$309 billion** — trade deficit" in markdown


def test_terminal_text_keeps_article_text_literal():
    text = to_text(digest(story(1, text="[bold]not markup[/bold]")))
    assert "Story 1: talks open" in text
    assert "“[bold]not markup[/bold] (0)” — Speaker 0, Secretary (Outlet 0) · in 2 sources" in text
    assert "• $309 billion — trade deficit" in text


def test_an_empty_day_is_a_short_no_news_digest_everywhere():
    empty = digest()
    [blocks] = to_messages(empty)
    assert len(blocks) == 3
    assert "No new trade news" in blocks[-1]["text"]["text"]
    assert "No new trade news" in to_markdown(empty)
    assert "No new trade news" in to_text(empty)


@settings(max_examples=40, deadline=None)
@given(
    headline=hostile_text,
    words=st.lists(hostile_text, min_size=1, max_size=8),
    name=hostile_text,
    url=urls,
    count=st.integers(min_value=1, max_value=30),
)
def test_any_article_text_renders_within_limits_and_without_markup(
    headline, words, name, url, count
):
    quotes = tuple(DigestQuote(w, name or "x", name, url, name, sources=2) for w in words)
    figures = (DigestFigure(headline, name, url, name),)
    sources = (SourceLink(name, headline, url, "not a date"),)
    stories = [Story(headline, headline, url, sources, quotes, figures) for _ in range(count)]
    failing = (FailingSource(name, 3, headline, None),)
    hostile = digest(*stories, speakers=(SpeakerCount(name or "x", None, 1),), failing=failing)
    messages = to_messages(hostile)
    assert_within_slack_limits(messages)
    for text in (t["text"] for blocks in messages for b in blocks for t in texts(b)):
        assert_safe_mrkdwn(text)
    assert_safe_mrkdwn(to_fallback(hostile))
    assert_safe_markdown(to_markdown(hostile))
    assert_safe_terminal(to_text(hostile))
    assert_safe_colour_terminal(terminal_output(hostile))


@settings(max_examples=40, deadline=None)
@given(text=hostile_text, name=hostile_text, url=urls, count=st.integers(0, 3))
def test_any_speaker_card_is_safe_in_the_terminal(text, name, url, count):
    quote = CardQuote(text, name, url, name)
    card = SpeakerCard(name, name, name, (name, text), count, name, text, (quote,) * count)
    assert_safe_terminal(card_text(card))


FAILING = FailingSource("wire", 4, f"HTTP 500 {HOSTILE}", "2026-11-18T06:00:00+00:00")


@pytest.mark.parametrize("stories", [(), (story(),)])
def test_failing_sources_are_named_in_every_rendering_even_on_an_empty_day(stories):
    failing = digest(*stories, failing=(FAILING,))
    expected = "Sources failing: wire (4 runs, last worked 18 Nov 06:00: HTTP 500"
    assert expected in to_text(failing)
    assert expected in to_markdown(failing)
    slack = " ".join(t["text"] for b in to_blocks(failing) for t in texts(b))
    assert expected in slack
    assert not any(markup in slack for markup in RAW_MARKUP)
    assert Digest.from_body(json.loads(json.dumps(asdict(failing)))) == failing


# What a hostile page can put in a title or quote to drive a terminal: retitle the window, plant
# a hyperlink, clear the screen (7-bit and 8-bit forms), ring the bell.
ESCAPES = (
    "\x1b]0;pwned\x07 \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \x1b[2J \x9b2J \x07"
    " said"
)


def terminal_output(digest: Digest) -> str:
    """The digest as a colour terminal receives it: rich's own escapes, and nothing else."""
    out = io.StringIO()
    Console(file=out, force_terminal=True, color_system="truecolor", width=120).print(
        to_console(digest)
    )
    return out.getvalue()


def assert_drives_nothing(shown: str) -> None:
    assert "click" in shown and "said" in shown
    for sequence in ("\x1b]0;", "pwned", "\x1b[2J", "\x9b", "\x07", "https://evil", "javascript:"):
        assert sequence not in shown


def hostile_story(url: str = "https://ok.example/s") -> Story:
    quote = DigestQuote(ESCAPES, ESCAPES, ESCAPES, url, ESCAPES)
    figure = DigestFigure(ESCAPES, ESCAPES, url, ESCAPES)
    source = SourceLink(ESCAPES, ESCAPES, url, ESCAPES)
    return Story(ESCAPES, ESCAPES, url, (source,), (quote,), (figure,))


def test_article_text_cannot_drive_the_terminal_piped_or_not():
    hostile = digest(hostile_story(), speakers=(SpeakerCount(ESCAPES, None, 1),))
    for shown in (to_text(hostile), terminal_output(hostile), to_markdown(hostile)):
        assert_drives_nothing(shown)


def test_a_speaker_card_cannot_drive_the_terminal():
    quote = CardQuote(ESCAPES, ESCAPES, "javascript:alert(1)", ESCAPES)
    card = SpeakerCard(ESCAPES, ESCAPES, None, (ESCAPES,), 1, ESCAPES, ESCAPES, (quote,))
    shown = card_text(card)
    assert "1 quote," in shown
    assert_drives_nothing(shown)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>", "file:///etc/x"])
def test_only_web_addresses_are_links_in_every_rendering(url):
    story = Story("Headline", "", url, (SourceLink("Out", "Title", url, None),), (), ())
    hostile = digest(story)
    assert url.split(":")[0] + ":" not in to_markdown(hostile)
    assert "Headline" in to_markdown(hostile)
    assert url not in terminal_output(hostile) + to_text(hostile)
    assert url.split(":")[0] not in json.dumps(to_messages(hostile))


def test_paraphrase_reads_as_paraphrase_with_its_speaker_in_front_everywhere():
    paraphrase = DigestQuote(
        "the U.S. wants specific deliverables",
        "Steven Mnuchin",
        "Treasury Secretary",
        "https://news.example/1",
        "Outlet 0",
        direct=False,
    )
    told = replace(story(1, quotes=0), quotes=(paraphrase,))
    said = "Steven Mnuchin, Treasury Secretary, said the U.S. wants specific deliverables"
    text = to_text(digest(told))
    assert said in text
    markdown = to_markdown(digest(told))
    assert f"> **{said.replace(' the U.S.', '** the U.S.')} · [Outlet 0]" in markdown
    slack = json.dumps(to_blocks(digest(told)), ensure_ascii=False)
    assert "Steven Mnuchin, Treasury Secretary, said* the U.S. wants" in slack
    for shown in (text, markdown, slack):
        assert "“the U.S. wants" not in shown
        assert "deliverables —" not in shown


def test_paraphrase_on_the_terminal_card_is_told_never_in_quotation_marks():
    told = CardQuote("the U.S. wants deliverables", "2026-11-20", "https://n.example/a", "T", False)
    card = SpeakerCard("Steven Mnuchin", None, None, (), 1, None, None, (told,))
    shown = card_text(card)
    assert "said the U.S. wants deliverables" in shown
    assert "“the U.S." not in shown
