"""A figure's history: stored figures whose `about` matches a term, as dated series grouped by
what they measure (`/figures trade deficit`), newest first. Pure records in, series out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from digest.figures.measures import key, measured
from digest.records import FigurePoint

SERIES = 5  # what they measure: more groups than this and the term is too wide to read
POINTS = 8  # dates a series shows: enough to see a trend in one reply
_WORD = re.compile(r"[\w'’.&$%-]+")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@dataclass(frozen=True)
class Series:
    """Figures that measure one thing in one unit, newest first; `more` counts those cut."""

    measures: str
    unit: str | None
    points: tuple[FigurePoint, ...]
    more: int = 0


def terms(text: str) -> list[str]:
    """The words of a query, folded: `/figures Trade deficit` looks for "trade" and "deficit"."""
    words = (word.lower().strip(".,") for word in _WORD.findall(text))
    return [word for word in words if any(c.isalnum() for c in word)]


def matches(about: str, words: list[str]) -> bool:
    """Whether every query word begins a word of `about` ("deficit" finds "deficits")."""
    folded = terms(about)
    return bool(words) and all(any(w.startswith(q) for w in folded) for q in words)


def history(
    figures: Iterable[FigurePoint], text: str, series: int = SERIES, points: int = POINTS
) -> list[Series]:
    """The matching figures grouped by what they measure and their unit, newest first; the same
    value told by several articles on one day is one point (from the latest article to give it)."""
    words = terms(text)
    groups: dict[tuple[str, str | None], list[FigurePoint]] = {}
    for figure in sorted(figures, key=lambda f: f.published, reverse=True):
        if figure.value is None or not matches(figure.about, words):
            continue
        group = groups.setdefault((key(figure.about), figure.unit), [])
        told = {(f.value, f.published[:10]) for f in group}
        if (figure.value, figure.published[:10]) not in told:
            group.append(figure)
    ordered = sorted(groups.values(), key=lambda g: g[0].published, reverse=True)[:series]
    return [
        Series(measured(g[0].about), g[0].unit, tuple(g[:points]), max(0, len(g) - points))
        for g in ordered
    ]


def amount(value: float, unit: str | None) -> str:
    """A value to read: 48300000000 USD -> "48.3 billion USD", 7.2 % -> "7.2%"."""
    for size, word in _SCALES:
        if abs(value) >= size:
            number = f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        number = f"{value:,.4f}".rstrip("0").rstrip(".")
    if unit is None:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"
