"""Articles about the same event, grouped into stories across sources.

Two articles tell one story when they ran within a few days of each other and the names in their
headlines and leads and of the people they quote (people, places, bodies) overlap strongly,
weighted by rarity: a cosine of at least 0.45, or 0.25 when both quote the same five-word
passage, since outlets copy a statement word for word. Among PolNeAR's 924 election articles,
where "Trump" and "Clinton" are everywhere, this pairs same-day follow-ups and one event told by
two outlets, and nothing else; the two bundled samples score 0.50 on their own and share
"more fair, equitable and reciprocal".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

import numpy as np

from digest.compose._text import PLAIN_WORDS, names

LEAD_CHARS = 1500
SAME_STORY = 0.45
# Articles quoting the same words (a passage of SHARED_WORDS words) need less name overlap.
SAME_STORY_SHARED_QUOTE = 0.25
SHARED_WORDS = 5
MAX_APART = timedelta(days=3)


def group(
    articles: Sequence[dict], speakers: Sequence[set[str]], quoted: Sequence[list[str]]
) -> list[list[int]]:
    """Indexes into `articles` grouped by story, each group and the list in article order.

    `speakers[i]` holds the names of the people quoted in `articles[i]`, `quoted[i]` the words
    they are quoted saying (direct quotes: outlets copy those word for word).
    """
    terms = [
        names(f"{a['title'] or ''}\n{a['text'][:LEAD_CHARS]}") | names(" ".join(people))
        for a, people in zip(articles, speakers, strict=True)
    ]
    times = [_time(a.get("published")) for a in articles]
    parent = list(range(len(articles)))
    for i, j in _alike(_cosine(terms), quoted):
        if times[i] is None or times[j] is None or abs(times[i] - times[j]) <= MAX_APART:
            parent[_root(parent, i)] = _root(parent, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        groups[_root(parent, index)].append(index)
    return sorted(groups.values())


def _alike(cosine: np.ndarray, quoted: Sequence[list[str]]) -> Iterator[tuple[int, int]]:
    """Pairs alike enough in names, or a little alike and quoting the same passage."""
    passages: dict[int, set[tuple[str, ...]]] = {}
    for i, j in np.argwhere(np.triu(cosine >= SAME_STORY_SHARED_QUOTE, k=1)):
        i, j = int(i), int(j)
        if cosine[i, j] >= SAME_STORY or _passages(i, quoted, passages) & _passages(
            j, quoted, passages
        ):
            yield i, j


def _passages(
    index: int, quoted: Sequence[list[str]], known: dict[int, set[tuple[str, ...]]]
) -> set[tuple[str, ...]]:
    """Every run of SHARED_WORDS words the article quotes, worked out once."""
    if index not in known:
        words = PLAIN_WORDS.findall(" ".join(quoted[index]).casefold())
        known[index] = set(zip(*(words[k:] for k in range(SHARED_WORDS)), strict=False))
    return known[index]


def _cosine(terms: list[set[str]]) -> np.ndarray:
    """Every pair's cosine of rarity-weighted name sets."""
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
    return (shared @ shared.T) / np.outer(norms, norms)


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
