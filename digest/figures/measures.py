"""What a figure's `about` says: whether it explains the figure to a reader, and the thing it
measures whatever the date (`U.S. trade deficit in September` and `... in August` measure one
thing), so figures can be followed across articles and days."""

from __future__ import annotations

import re
from itertools import pairwise

from digest.figures import _tables as t

SHORTEST_WORD = 3  # shorter words name a thing only as acronyms: "EU", "UK"
_WORD = re.compile(r"[\w'’.&-]+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def explains(about: str | None) -> bool:
    """Whether `about` names a thing a reader understands without the article: a word of
    substance, no word said twice in a row (`spending spending`), no dangling `— worth`."""
    if not about:
        return False
    words = _WORD.findall(about)
    if any(first.lower() == second.lower() for first, second in pairwise(words)):
        return False
    return any(_names_something(word) for word in words)


def _names_something(word: str) -> bool:
    lower = word.lower()
    if lower in t.POINTING or lower in t.TIMES or lower.replace(".", "").isdigit():
        return False
    bare = word.strip(".'’-")
    return len(bare) >= SHORTEST_WORD or (len(bare) >= 2 and bare.isupper())


def measured(about: str) -> str:
    """The thing measured, without its time: "U.S. trade deficit in September" -> "U.S. trade
    deficit"; "last year's trade deficit" -> "trade deficit"; "exports to the U.S." stays."""
    words = [word.strip(",;:") for word in about.split()]
    folded = [_POSSESSIVE.sub("", word.lower()) for word in words]
    dropped = {i for i, word in enumerate(folded) if word in t.TIMES or word.isdigit()}
    for i in range(len(words) - 2, -1, -1):
        # the words that only tie a time to the thing go with it: "in [the] [first] quarter"
        if i + 1 in dropped and folded[i] in t.TIME_LINKS | {"the"}:
            dropped.add(i)
    kept = [word for i, word in enumerate(words) if i not in dropped and word]
    while kept and kept[-1].lower() in t.POINTING:
        kept.pop()
    return " ".join(kept)


def key(about: str) -> str:
    """`measured(about)` folded for comparison: case, possessives and punctuation aside."""
    words = [_POSSESSIVE.sub("", w.lower()).strip(".,") for w in measured(about).split()]
    return " ".join(w for w in words if w and w not in ("the", "a", "an"))
