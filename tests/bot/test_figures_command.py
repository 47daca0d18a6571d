"""`/figures TERM`: a figure's history, end to end through signed requests and the fake Slack."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from digest import dedupe, store
from digest.config import SpeakersConfig
from digest.records import Article, ArticleRecord, Extraction, Figure
from digest.speakers import filer
from tests.bot.test_commands import ask

NOW = datetime.now(UTC)


def _store(db, n: int, days_ago: int, text: str, value: float, about: str, source="wire"):
    url = f"https://news.example.com/figures/{n}"
    published = (NOW - timedelta(days=days_ago)).isoformat()
    figure = Figure(text, 0, len(text), "money", value, "USD", about)
    record = ArticleRecord(
        Article(url, f"Trade report {n}", "…", source, published=published),
        Extraction((), (), (figure,)),
        canonical_url=dedupe.canonical_url(url),
        content_hash=dedupe.content_hash(url),
        fetched=published,
    )
    store.save_article(db, record, filer(SpeakersConfig()))


@pytest.fixture
def deficits(connect):
    db = connect()
    _store(db, 1, 200, "$309 billion", 309e9, "U.S. trade deficit with China last year")
    _store(db, 2, 3, "$375 billion", 375e9, "U.S. trade deficit with China this year", "press")
    _store(db, 3, 10, "$2 billion", 2e9, "soybean purchases")


def _text(reply: dict) -> str:
    return json.dumps(reply["blocks"], ensure_ascii=False)


def test_figures_lists_a_dated_series_newest_first_with_source_and_link(bot_url, slack, deficits):
    [reply] = ask(bot_url, slack, "/figures", "trade deficit")
    assert reply["response_type"] == "ephemeral"
    shown = _text(reply)
    assert "U.S. trade deficit with China" in shown
    assert shown.index("375 billion USD") < shown.index("309 billion USD")
    assert "<https://news.example.com/figures/2|press>" in shown
    assert "soybean" not in shown


def test_figures_matches_words_in_any_order_and_case(bot_url, slack, deficits):
    [reply] = ask(bot_url, slack, "/figures", "Deficit CHINA")
    assert "375 billion USD" in _text(reply)


def test_figures_of_an_unknown_term_says_so(bot_url, slack, deficits):
    [reply] = ask(bot_url, slack, "/figures", "tariff revenue")
    assert "No stored figure measures “tariff revenue”" in _text(reply)


@pytest.mark.parametrize("text", ["", "help", "%%"])
def test_figures_without_a_term_shows_its_usage(bot_url, slack, deficits, text):
    [reply] = ask(bot_url, slack, "/figures", text)
    assert "`/figures TERM`" in _text(reply)


def test_article_text_in_a_figure_cannot_ping_or_link(bot_url, slack, connect):
    db = connect()
    _store(db, 9, 1, "$5 billion", 5e9, "deficit <!channel> <https://evil.example|click>")
    [reply] = ask(bot_url, slack, "/figures", "deficit")
    shown = _text(reply)
    assert "<!channel>" not in shown and "<https://evil" not in shown
    assert "&lt;!channel&gt;" in shown
