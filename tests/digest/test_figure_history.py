"""A figure's history: matching, grouping by what is measured, one point a value and day."""

from __future__ import annotations

import pytest

from digest.figures.history import amount, history, matches, terms
from digest.records import FigurePoint


def _point(value, about, published, source="wire", unit="USD", kind="money") -> FigurePoint:
    return FigurePoint("…", value, unit, kind, about, published, source, "https://x.example", "")


FIGURES = [
    _point(48.3e9, "U.S. trade deficit in September", "2026-10-05T12:00"),
    _point(40.2e9, "U.S. trade deficit in August", "2026-09-04T08:00", "AP"),
    _point(40.2e9, "the U.S. trade deficit", "2026-09-04T15:00", "FT"),
    _point(7, "U.S. trade deficit", "2026-10-05T12:00", unit="%", kind="change"),
    _point(309e9, "last year's trade deficit with China", "2026-03-03", "AP"),
    _point(None, "trade deficit", "2026-11-01"),
    _point(2e9, "soybean purchases", "2026-11-02"),
]


def test_series_group_what_is_measured_in_one_unit_newest_first():
    found = history(FIGURES, "trade deficit")
    assert [(s.measures, s.unit) for s in found] == [
        ("U.S. trade deficit", "USD"),
        ("U.S. trade deficit", "%"),
        ("trade deficit with China", "USD"),
    ]
    assert [p.value for p in found[0].points] == [48.3e9, 40.2e9]


def test_series_are_cut_to_their_newest_points_and_say_how_many_more():
    (series,) = history(FIGURES[:3], "deficit", points=1)
    assert (series.points[0].value, series.more) == (48.3e9, 1)


@pytest.mark.parametrize(
    ("about", "query", "found"),
    [
        ("U.S. trade deficits with China", "deficit", True),
        ("U.S. trade deficit with China", "China DEFICIT", True),
        ("steel tariffs", "deficit", False),
        ("tariff revenue", "tariffs", False),
        ("trade deficit", "%%", False),
    ],
)
def test_every_word_of_the_query_begins_a_word_of_the_about(about, query, found):
    assert matches(about, terms(query)) is found


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (48.3e9, "USD", "48.3 billion USD"),
        (2.5e12, "JPY", "2.5 trillion JPY"),
        (7.25, "%", "7.25%"),
        (13_176, "point", "13,176 point"),
        (3_000_000, None, "3 million"),
    ],
)
def test_values_read_as_a_desk_says_them(value, unit, shown):
    assert amount(value, unit) == shown
