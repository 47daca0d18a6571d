"""A story's key figures: the most salient numbers with what they measure, each given once.

A figure goes into the digest only when its `about` names what it measures in words a reader
understands without the article; `$35` with nothing said of it, or `more than $500,000 — worth`,
gives way to the next best figure, or to none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from digest.compose._model import DigestFigure, ShownFigure
from digest.figures.measures import explains, key
from digest.records import StoredArticle, StoredFigure


def key_figures(
    articles: Sequence[StoredArticle],
    figures_by_article: Mapping[int, list[StoredFigure]],
    limit: int,
    shown: Sequence[ShownFigure] = (),
) -> tuple[DigestFigure, ...]:
    """The story's `limit` best figures, each marked with how it moved since an earlier digest
    showed the same measure (`shown`, latest first)."""
    carried: dict[tuple, list[tuple[StoredFigure, StoredArticle]]] = {}
    for article in articles:
        for row in figures_by_article.get(article.id, ()):
            if row.value is not None and explains(row.about):
                carried.setdefault(_same(row), []).append((row, article))
    ranked = sorted(carried.values(), key=lambda rows: -_rank(rows))[:limit]
    return tuple(updated(_figure(rows), shown) for rows in ranked)


def updated(figure: DigestFigure, shown: Sequence[ShownFigure]) -> DigestFigure:
    """`$375 billion, up from $309 billion on 3 Mar`: the latest earlier showing of the same
    measure in the same unit, when its value differs."""
    if figure.value is None or not figure.about:
        return figure
    for earlier in shown:
        before = earlier.figure
        same = (
            before.unit == figure.unit and before.about and key(before.about) == key(figure.about)
        )
        if not same or before.value is None:
            continue
        if before.value == figure.value:
            return figure
        way = "up" if figure.value > before.value else "down"
        return replace(figure, update=f"{way} from {before.text} on {_day(earlier.day)}")
    return figure


def _day(timestamp: str) -> str:
    day = date.fromisoformat(timestamp[:10])
    return f"{day.day} {day:%b}"


def _same(row: StoredFigure) -> tuple:
    # Within one story the same value in the same unit is the same figure, told again.
    return (row.value, row.unit)


def _rank(rows: list[tuple[StoredFigure, StoredArticle]]) -> float:
    """Salience, then how many articles give it."""
    best = max((r for r, _ in rows), key=lambda r: r.salience or 0.0)
    return (best.salience or 0.0) + 0.1 * len(rows)


def _figure(rows: list[tuple[StoredFigure, StoredArticle]]) -> DigestFigure:
    row, article = max(rows, key=lambda pair: pair[0].salience or 0)
    return DigestFigure(
        text=row.text,
        about=row.about,
        url=article.url,
        source=article.source,
        sources=len({a.id for _, a in rows}),
        value=row.value,
        unit=row.unit,
    )
