"""Articles about the same event, grouped into stories across sources.

Two articles tell one story when the names in their headlines and leads (people, places, bodies)
and the people they quote overlap strongly, weighted by rarity, and they ran within a few days of
each other. The two bundled samples score 0.55 on their own and 0.70 among PolNeAR's 924 articles,
where unrelated election stories sharing "Trump" and "Clinton" stay under 0.45.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np

from digest.compose._text import names

LEAD_CHARS = 1500
SAME_STORY = 0.45
MAX_APART = timedelta(days=3)


def group(articles: Sequence[dict], speakers: Sequence[set[str]]) -> list[list[int]]:
    """Indexes into `articles` grouped by story, each group and the list in article order.

    `speakers[i]` holds the names quoted in `articles[i]`.
    """
    terms = [
        names(f"{a['title'] or ''}\n{a['text'][:LEAD_CHARS]}") | _words(quoted)
        for a, quoted in zip(articles, speakers, strict=True)
    ]
    times = [_time(a.get("published")) for a in articles]
    parent = list(range(len(articles)))
    for i, j in _similar(terms):
        if times[i] is None or times[j] is None or abs(times[i] - times[j]) <= MAX_APART:
            parent[_root(parent, i)] = _root(parent, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        groups[_root(parent, index)].append(index)
    return sorted(groups.values())


def _words(quoted: set[str]) -> set[str]:
    return {word.casefold() for name in quoted for word in name.split()}


def _similar(terms: list[set[str]]) -> list[tuple[int, int]]:
    """Pairs whose names overlap by at least SAME_STORY: cosine of rarity-weighted name sets."""
    counts = Counter(t for ts in terms for t in ts)
    total = len(terms)
    weight = {t: math.log((total + 1) / (c + 1)) + 1 for t, c in counts.items()}
    # Only names two articles share can make them alike; the others count in the norms alone.
    columns = {t: k for k, t in enumerate(t for t, c in counts.items() if c > 1)}
    shared = np.zeros((total, len(columns)), dtype=np.float32)
    norms = np.ones(total, dtype=np.float32)
    for row, ts in enumerate(terms):
        for term in ts & columns.keys():
            shared[row, columns[term]] = weight[term]
        norms[row] = math.sqrt(sum(weight[t] ** 2 for t in ts)) or 1.0
    cosine = (shared @ shared.T) / np.outer(norms, norms)
    return [(int(i), int(j)) for i, j in np.argwhere(np.triu(cosine >= SAME_STORY, k=1))]


def _time(published: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(published) if published else None
    except ValueError:
        return None
    # A time without a zone is taken as UTC, so every pair of times compares.
    return moment.replace(tzinfo=moment.tzinfo or UTC) if moment else None


def _root(parent: list[int], index: int) -> int:
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index
