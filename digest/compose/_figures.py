"""A story's key figures: the most salient numbers with what they measure, each given once.

A figure goes into the digest only when its `about` names what it measures in words a reader
understands without the article; `$35` with nothing said of it, or `more than $500,000 — worth`,
gives way to the next best figure, or to none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from digest.compose._model import DigestFigure

# Words that point back into the article instead of naming a thing: alone they explain nothing.
POINTING = frozenset(
    [
        *("it", "its", "this", "that", "these", "those", "they", "them", "their", "he", "she"),
        *("his", "her", "which", "who", "what", "whom", "one", "ones", "other", "others", "some"),
        *("many", "more", "most", "all", "both", "each", "either", "any", "several", "such"),
        *("same", "worth", "so", "there", "here", "do", "does", "did", "has", "have", "had"),
        *("is", "are", "was", "were", "be", "been", "would", "could", "will", "said", "says"),
        *("total", "figure", "number", "amount", "sum", "level", "mark", "tally", "record"),
        *("share", "percent", "per", "cent", "a", "an", "the", "of", "in", "on", "at", "to"),
        *("for", "from", "by", "with", "and", "or", "but", "up", "down", "about", "over"),
        *("under", "than", "as"),
    ]
)
# A time alone says when, not what: "in May" explains no figure.
TIMES = frozenset(
    [
        *("year", "years", "month", "months", "week", "weeks", "day", "days", "quarter"),
        *("today", "yesterday", "last", "next", "earlier", "later", "ago", "since", "through"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday", "jan.", "feb.", "aug.", "sept."),
        *("oct.", "nov.", "dec."),
    ]
)
SHORTEST_WORD = 3  # shorter words name a thing only as acronyms: "EU", "UK"
_WORD = re.compile(r"[\w'’.&-]+")


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


def explains(about: str | None) -> bool:
    """Whether `about` names a thing a reader understands without the article: a word of
    substance, no word said twice in a row (`spending spending`), no dangling `— worth`."""
    if not about:
        return False
    words = _WORD.findall(about)
    lower = [word.lower() for word in words]
    if any(first == second for first, second in pairwise(lower)):
        return False
    return any(_names_something(word) for word in words)


def _names_something(word: str) -> bool:
    lower = word.lower()
    if lower in POINTING or lower in TIMES or lower.replace(".", "").isdigit():
        return False
    bare = word.strip(".'’-")
    return len(bare) >= SHORTEST_WORD or (len(bare) >= 2 and bare.isupper())  # "EU", "UK"


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
