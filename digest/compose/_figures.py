"""A story's key figures: the most salient numbers with what they measure, each given once.

A figure goes into the digest only when its `about` names what it measures in words a reader
understands without the article; `$35` with nothing said of it, or `more than $500,000 — worth`,
gives way to the next best figure, or to none.
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.compose._model import DigestFigure
from digest.figures.measures import explains


def key_figures(
    articles: Sequence[dict], figures_by_article: dict[int, list[dict]], limit: int
) -> tuple[DigestFigure, ...]:
    """The story's `limit` best figures."""
    carried: dict[tuple, list[tuple[dict, dict]]] = {}
    for article in articles:
        for row in figures_by_article.get(article["id"], ()):
            if row["value"] is not None and explains(row["about"]):
                carried.setdefault(_same(row), []).append((row, article))
    ranked = sorted(carried.values(), key=lambda rows: -_rank(rows))[:limit]
    return tuple(_figure(rows) for rows in ranked)


def _same(row: dict) -> tuple:
    # Within one story the same value in the same unit is the same figure, told again.
    return (row["value"], row["unit"])


def _rank(rows: list[tuple[dict, dict]]) -> float:
    """Salience, then how many articles give it."""
    best = max((r for r, _ in rows), key=lambda r: r["salience"] or 0.0)
    return (best["salience"] or 0.0) + 0.1 * len(rows)


def _figure(rows: list[tuple[dict, dict]]) -> DigestFigure:
    row, article = max(rows, key=lambda pair: pair[0]["salience"] or 0)
    return DigestFigure(
        text=row["text"],
        about=row["about"],
        url=article["url"],
        source=article["source"],
        sources=len({a["id"] for _, a in rows}),
    )
