"""Articles about the same event, grouped into stories across sources.

Each article is a bag of terms (`_event.terms`: headline and lead words, figures, people
quoted) weighted by TF-IDF over the articles being grouped, so that a word every article uses
counts for little and a rare name or figure for much. Two articles are alike by the cosine of
their weights, a little more when they quote the same passage, and less the further apart they
ran. Stories are then formed by average linkage: two groups join only while their articles are,
on average, alike enough, so a chain of pairwise resemblances (booster story A like B, B like C)
never pulls unlike articles into one story.

Thresholds were set on AllSides' roundups of 177 news events (`benchmarks/grouping.py`), where
B-cubed F1 stays within 0.01 of its best for any SAME_STORY from 0.12 to 0.18.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from itertools import chain

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from digest.compose._event import Report, passages, terms

# The average similarity a story's articles keep between them.
SAME_STORY = 0.16
# Quoting the same passage of five words or more: outlets copy a statement word for word.
SHARED_QUOTE = 0.1
# A day apart, two reports are less likely the same event: tomorrow's vote follows today's debate.
DECAY_PER_DAY = 0.75
# Reports further apart than this never tell one story; their pair counts against a merge.
MAX_APART_DAYS = 3.0
FAR = -1.0
# A term in more of the articles than this names no one event (a day's "trump" or "tariffs"): a
# pair sharing only such terms is not compared, which keeps a day of thousands of articles from
# comparing nearly every pair. The terms still count in the cosine of the pairs compared.
BACKGROUND_MIN = 50
BACKGROUND_SHARE = 0.01
# Pairs whose telling terms alone are less alike than this are left uncompared.
COMPARED = 0.05


def group(reports: Sequence[Report], same_story: float = SAME_STORY) -> list[list[int]]:
    """Indexes into `reports` grouped by story, each group and the list in order."""
    if not reports:
        return []
    days = _days(reports)
    alike = _in_time(similarity(reports), days)
    # A story's articles are alike on average, so each pair of them is linked by a chain of
    # pairs at least that alike: stories never cross these components.
    _, labels = connected_components(alike >= same_story, directed=False)
    order = np.argsort(labels, kind="stable")
    alike = alike[order][:, order].tocsr()
    bounds = [0, *(np.flatnonzero(np.diff(labels[order])) + 1), len(order)]
    stories = []
    for start, end in itertools.pairwise(bounds):
        members = order[start:end]
        if len(members) == 1:
            stories.append([int(members[0])])
            continue
        block = alike[start:end, start:end].toarray()
        block[_far(days[members])] = FAR
        stories += [[int(members[k]) for k in s] for s in average_linkage(block, same_story)]
    return sorted(sorted(story) for story in stories)


def similarity(reports: Sequence[Report]) -> sparse.csr_matrix:
    """The TF-IDF cosine of each pair of reports that share a telling term, plus SHARED_QUOTE when
    they quote one passage; pairs that share only background terms are left at 0."""
    weights = _tfidf([terms(r) for r in reports])
    background = np.bincount(weights.indices, minlength=weights.shape[1]) > max(
        BACKGROUND_MIN, BACKGROUND_SHARE * len(reports)
    )
    telling = (weights @ sparse.diags((~background).astype(np.float32))).tocsr()
    telling.eliminate_zeros()
    pairs = (telling @ telling.T).tocoo()
    near = pairs.data >= COMPARED
    rows, columns, cosine = pairs.row[near], pairs.col[near], pairs.data[near]
    if background.any():
        common = weights[:, np.flatnonzero(background)].tocsr()
        cosine = cosine + np.asarray(common[rows].multiply(common[columns]).sum(axis=1)).ravel()
    compared = sparse.csr_matrix((cosine, (rows, columns)), shape=weights.shape[:1] * 2)
    return (compared + SHARED_QUOTE * _shared_passages(reports)).tocsr()


def average_linkage(alike: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of rows of the symmetric `alike` whose average pairwise similarity stays at or
    above `threshold`, merged closest first (UPGMA by nearest-neighbour chains: each step only
    reads one row, so the whole costs n² rather than n³)."""
    alike = alike.astype(np.float64, copy=True)
    np.fill_diagonal(alike, -np.inf)
    size = np.ones(len(alike))
    members = {i: [i] for i in range(len(alike))}
    done: list[list[int]] = []
    chain: list[int] = []
    while members:
        if not chain:
            chain.append(next(iter(members)))
        top = chain[-1]
        nearest = int(np.argmax(alike[top]))
        if alike[top, nearest] < threshold:
            # No group is alike enough, now or after any merge (an average of values below the
            # threshold stays below it): this story is complete.
            done.append(members.pop(top))
            alike[top, :] = alike[:, top] = -np.inf
            chain.pop()
            continue
        previous = chain[-2] if len(chain) > 1 else None
        if previous is not None and alike[top, previous] >= alike[top, nearest]:
            chain[-2:] = []
            merged = (alike[top] * size[top] + alike[previous] * size[previous]) / (
                size[top] + size[previous]
            )
            alike[top, :] = alike[:, top] = merged
            alike[top, top] = -np.inf
            alike[previous, :] = alike[:, previous] = -np.inf
            size[top] += size[previous]
            members[top] += members.pop(previous)
        else:
            chain.append(nearest)
    return [sorted(m) for m in done]


def _tfidf(bags: list[list[str]]) -> sparse.csr_matrix:
    """Rows of sublinear term frequency times smoothed inverse document frequency, unit length."""
    vocabulary: dict[str, int] = {}
    ids = [[vocabulary.setdefault(t, len(vocabulary)) for t in bag] for bag in bags]
    total = len(bags)
    rows = np.repeat(np.arange(total), [len(i) for i in ids])
    columns = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=len(rows))
    shape = (total, max(1, len(vocabulary)))
    counts = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, columns)), shape=shape)
    counts.sum_duplicates()
    frequency = np.bincount(counts.indices, minlength=shape[1])
    idf = np.log((total + 1) / (frequency + 1)) + 1
    weights = counts.copy()
    weights.data = (1 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    return sparse.diags(1 / np.where(norms > 0, norms, 1)).dot(weights).tocsr()


def _shared_passages(reports: Sequence[Report]) -> sparse.csr_matrix:
    """1 for each pair of reports quoting a passage in common."""
    quoting: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for index, report in enumerate(reports):
        for passage in passages(report):
            quoting[passage].add(index)
    pairs = {(i, j) for who in quoting.values() if len(who) > 1 for i in who for j in who if i != j}
    rows, columns = zip(*pairs, strict=True) if pairs else ((), ())
    size = len(reports)
    return sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(size, size)
    )


def _days(reports: Sequence[Report]) -> np.ndarray:
    """Each report's time in days since the first; NaN when it has none."""
    known = [r.published for r in reports if r.published is not None]
    if not known:
        return np.full(len(reports), np.nan)
    origin = min(known)
    return np.array(
        [(r.published - origin).total_seconds() / 86400 if r.published else np.nan for r in reports]
    )


def _in_time(alike: sparse.csr_matrix, days: np.ndarray) -> sparse.csr_matrix:
    """`alike` lowered by DECAY_PER_DAY for each day between two reports, and 0 beyond the window.
    A report without a time is taken as near every other: its words alone decide."""
    pairs = alike.tocoo()
    apart = np.nan_to_num(np.abs(days[pairs.row] - days[pairs.col]), nan=0.0)
    decayed = np.where(apart > MAX_APART_DAYS, 0.0, pairs.data * DECAY_PER_DAY**apart)
    near = sparse.csr_matrix((decayed, (pairs.row, pairs.col)), shape=alike.shape)
    near.eliminate_zeros()
    return near


def _far(days: np.ndarray) -> np.ndarray:
    """Pairs of reports further apart than the window (never one without a time)."""
    with np.errstate(invalid="ignore"):
        return np.abs(days[:, None] - days[None, :]) > MAX_APART_DAYS
