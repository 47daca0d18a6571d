"""A story's key figures: only figures whose `about` says what they measure reach the digest."""

from __future__ import annotations

import pytest

from digest.compose._figures import key_figures
from digest.figures.measures import explains, measured

ARTICLE = {"id": 1, "url": "https://news.example/1", "source": "wire"}


def _row(text: str, value: float, about: str | None, salience: float) -> dict:
    return {"text": text, "value": value, "unit": "USD", "about": about, "salience": salience}


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
