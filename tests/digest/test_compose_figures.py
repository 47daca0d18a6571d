"""A story's key figures: only figures whose `about` says what they measure reach the digest."""

from __future__ import annotations

import pytest

from digest.compose import DigestFigure, ShownFigure
from digest.compose._figures import key_figures, updated
from digest.figures.measures import explains, measured
from digest.records import StoredArticle, StoredFigure

URL = "https://news.example/1"
ARTICLE = StoredArticle(1, "wire", URL, URL, "Talks", "…", "2026-11-20", "h", "extracted")


def _row(text: str, value: float, about: str | None, salience: float) -> StoredFigure:
    return StoredFigure(0, 1, text, 0, len(text), "money", value, "USD", about, salience)


@pytest.mark.parametrize(
    "about",
    [
        "trade deficit",
        "China's exports to the U.S. in October",
        "Brent crude a barrel",
        "EU steel quotas",
        "voters who would back Trump",
    ],
)
def test_a_named_thing_explains_a_figure(about):
    assert explains(about)


@pytest.mark.parametrize(
    "about",
    [
        None,
        "",
        "worth",  # "more than $500,000 — worth"
        "others",  # "More than a dozen — others"
        "outside group spending spending",
        "it",
        "in May",
        "last year",
        "the total",
    ],
)
def test_pointers_times_and_stutters_explain_nothing(about):
    assert not explains(about)


def test_the_digest_skips_unexplained_figures_for_the_next_best():
    rows = [
        _row("$35", 35, None, 0.95),
        _row("70 percent", 70, "others", 0.9),
        _row("more than $500,000", 500_000, "worth", 0.9),
        _row("$48.3 billion", 48.3e9, "U.S. trade deficit in September", 0.8),
        _row("$2 billion", 2e9, "soybean purchases", 0.5),
    ]
    shown = key_figures([ARTICLE], {1: rows}, limit=2)
    assert [f.text for f in shown] == ["$48.3 billion", "$2 billion"]


def test_a_story_with_no_explained_figure_shows_none():
    rows = [_row("$35", 35, None, 0.9), _row("31 percent", 31, "it", 0.8)]
    assert key_figures([ARTICLE], {1: rows}, limit=3) == ()


@pytest.mark.parametrize(
    ("about", "thing"),
    [
        ("U.S. trade deficit in September", "U.S. trade deficit"),
        ("last year's trade deficit with Beijing", "trade deficit with Beijing"),
        (
            "China's exports to the U.S. in October from a year earlier",
            "China's exports to the U.S.",
        ),
        ("Steel imports into the EU in the first quarter", "Steel imports into the EU"),
        ("Toyota's operating profit for the year to March", "Toyota's operating profit"),
    ],
)
def test_what_a_figure_measures_is_its_about_without_the_time(about, thing):
    assert measured(about) == thing


def _shown(text, value, about, unit="USD", day="2026-03-03T13:00:00+00:00") -> ShownFigure:
    figure = DigestFigure(text, about, "https://x.example", "wire", value=value, unit=unit)
    return ShownFigure(figure, day)


NOW_SHOWN = DigestFigure(
    "$375 billion", "U.S. trade deficit this year", "https://y", "press", value=375e9, unit="USD"
)


@pytest.mark.parametrize(
    ("shown", "update"),
    [
        (
            [_shown("$309 billion", 309e9, "U.S. trade deficit last year")],
            "up from $309 billion on 3 Mar",
        ),
        ([_shown("$400bn", 400e9, "the U.S. trade deficit")], "down from $400bn on 3 Mar"),
        # The latest showing counts, and only one of the same measure in the same unit.
        (
            [
                _shown("$350 billion", 350e9, "U.S. trade deficit", day="2026-06-01"),
                _shown("$309 billion", 309e9, "U.S. trade deficit", day="2026-03-03"),
            ],
            "up from $350 billion on 1 Jun",
        ),
        ([_shown("3%", 3, "U.S. trade deficit", unit="%")], None),
        ([_shown("$309 billion", 309e9, "soybean exports")], None),
        ([_shown("$375 billion", 375e9, "U.S. trade deficit")], None),
        ([], None),
    ],
)
def test_a_key_figure_says_how_it_moved_since_a_digest_showed_it(shown, update):
    assert updated(NOW_SHOWN, shown).update == update
