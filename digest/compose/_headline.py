"""A story's headline and one-line summary, chosen among its sources.

The headline is the real title (not one made up from the opening of a text) that shares most
with the story's other reports: the one that names the event as every outlet tells it. The
summary is the opening sentence that carries most of the story's shared terms for its length,
and never the headline again (nor another source's title, said with a few words more).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from digest.compose._event import LEAD_CHARS, words
from digest.compose._text import openings, sentences, shorten
from digest.records import StoredArticle

SUMMARY_CHARS = 240
# A sentence this close to a headline repeats it and is no summary.
LIKE_HEADLINE = 85
# A title made up when a source has none is cut here (`sources.title_from_text`).
MADE_UP_CHARS = 120
# Words a summary pays for beyond those it says: a short sentence must still say something.
SUMMARY_COST = 12


def headline(articles: Sequence[StoredArticle]) -> tuple[str, StoredArticle]:
    """The story's headline and the article it comes from (whose link leads the story)."""
    shared = _shared_terms(articles)
    real = [a for a in articles if a.title and not _made_up(a.title, a.text)]
    best = max(
        real or articles,
        key=lambda a: (
            len(set(words(a.title or "")) & shared),
            -len(a.title or ""),
            -a.id,
        ),
    )
    title = best.title or shorten(next(sentences(best.text), best.url), MADE_UP_CHARS)
    # Headlines cut from a text may end in the punctuation that joined them to the next line.
    return title.rstrip(" ;,:") or title, best


def _naming(title: str, shared: set[str]) -> tuple[int, int]:
    """How well a title names the story: the shared terms it holds, then its shortness."""
    return len(set(words(title)) & shared), -len(title)


def summary(title: str, articles: Sequence[StoredArticle]) -> str:
    """The opening sentence (first or second of a text) that says most of the story per word."""
    shared = _shared_terms(articles)
    title = title.rstrip("…")
    titles = [a.title.rstrip("…") for a in articles if a.title]
    opening = [s for a in articles for s in openings(a.text)]
    told = [
        s
        for s in opening
        if not _alike(title, s) and not any(_alike(t, s) and len(s) <= len(t) + 10 for t in titles)
    ]
    if not told:
        return ""
    best = max(told, key=lambda s: len(set(words(s)) & shared) / (len(s.split()) + SUMMARY_COST))
    return shorten(best, SUMMARY_CHARS)


def _shared_terms(articles: Sequence[StoredArticle]) -> set[str]:
    """The terms two or more of the reports use; all of a lone report's."""
    bags = [set(words(f"{a.title or ''}\n{a.text[:LEAD_CHARS]}")) for a in articles]
    counts = Counter(t for bag in bags for t in bag)
    return {t for t, c in counts.items() if c > 1 or len(bags) == 1}


def _made_up(title: str, text: str) -> bool:
    """A title cut from the text's opening sentence, as a source without one gets."""
    opening = text.lstrip().split("\n", 1)[0].strip()
    return title.endswith("…") or (opening.startswith(title) and len(opening) > len(title) + 1)


def _alike(title: str, sentence: str) -> bool:
    return fuzz.partial_ratio(title, sentence) >= LIKE_HEADLINE
