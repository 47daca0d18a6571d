"""A story's key quotes: ranked by who speaks, what they say and how new it is, each shown once."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from digest.compose._model import DigestQuote
from digest.compose._people import Person, Said
from digest.compose._text import shorten, trade_words
from digest.records import Quote, StoredArticle, StoredQuote

MIN_WORDS = 3
# Beliefs (`thinks`, `hopes`) and findings (`the study found`) are not quotes to show.
SHOWN_KINDS = frozenset({"speech", "writing"})
# A quote this long says enough; longer ones score no higher.
FULL_WORDS = 30
# How many of the best-scored quotes are checked for copies in other articles.
SHORTLIST = 40
# The same words when one quote holds the other (an outlet quoting a fragment) or nearly equal.
SAME_WORDS = 90
SAME_MIN_WORDS = 4
# Two picks saying nearly the same thing: the second adds nothing.
REPEATS_PICK = 80
QUOTE_CHARS = 500
NON_WORD = re.compile(r"[^\w\s]")
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Candidate:
    row: Said
    article: StoredArticle
    person: Person
    key: str
    plain: str
    score: float


def key_quotes(
    articles: Sequence[StoredArticle],
    quotes_by_article: Mapping[int, list[Said]],
    known: dict[str, Person],
    limit: int,
    shown: Sequence[str] = (),
    min_confidence: float = 0.0,
) -> tuple[DigestQuote, ...]:
    """The story's best `limit` quotes, one per speaker while speakers last; quotes `shown` in
    the last digest come after every new one. Only said or written words whose attribution is
    at least `min_confidence` sure are candidates."""
    stale = [_plain(text) for text in shown]
    rows_of = {
        a.id: [r for r in quotes_by_article.get(a.id, ()) if showable(r.quote, min_confidence)]
        for a in articles
    }
    candidates = sorted(
        (c for a in articles for c in _candidates(a, rows_of[a.id], known)),
        key=lambda c: -c.score,
    )
    shortlist = [
        (c.score + 1.5 * (sources - 1), sources, c)
        for c in candidates[:SHORTLIST]
        for sources in [_sources(c, candidates) if len(articles) > 1 else 1]
    ]
    # Old news only when there is nothing new.
    shortlist.sort(key=lambda item: (_said_before(item[2], stale), -item[0]))
    return tuple(_quote(c, sources) for c, sources in _pick(shortlist, limit))


def showable(quote: Quote | StoredQuote, min_confidence: float) -> bool:
    """Speech or writing with a speaker, sure enough (quotes stored before confidence was
    measured have none and are shown as before)."""
    return (
        bool(quote.speaker)
        and quote.kind in SHOWN_KINDS
        and (quote.confidence is None or quote.confidence >= min_confidence)
    )


def _candidates(article: StoredArticle, rows: Sequence[Said], known: dict[str, Person]):
    for row in rows:
        text = row.text.strip()
        if row.speaker and len(text.split()) >= MIN_WORDS:
            key = row.who
            person = known[key]
            yield _Candidate(
                row, article, person, key, _plain(text), person.prominence + _substance(row)
            )


def _substance(row: Said) -> float:
    """Longer, with numbers or trade words inside, and in the speaker's own words."""
    text = row.text
    return (
        min(len(text.split()), FULL_WORDS) / (FULL_WORDS / 2)
        + (0.5 if DIGIT.search(text) else 0.0)
        + 0.4 * min(trade_words(text), 3)
        + (0.5 if row.direct else 0.0)
    )


def _sources(candidate: _Candidate, candidates: Sequence[_Candidate]) -> int:
    """How many of the story's articles carry these words, this one included."""
    articles = {candidate.article.id}
    for other in candidates:
        if other.article.id not in articles and _same_words(candidate.plain, other.plain):
            articles.add(other.article.id)
    return len(articles)


def _said_before(candidate: _Candidate, stale: list[str]) -> bool:
    return any(fuzz.token_set_ratio(candidate.plain, text) >= REPEATS_PICK for text in stale)


def _same_words(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    if len(shorter.split()) < SAME_MIN_WORDS:
        return a == b
    return shorter in longer or fuzz.ratio(a, b) >= SAME_WORDS


def _pick(shortlist: list[tuple[float, int, _Candidate]], limit: int):
    """Best first, skipping what repeats a pick; a speaker's second quote only if room is left."""
    picked: list[tuple[_Candidate, int]] = []
    for second_round in (False, True):
        for _, sources, candidate in shortlist:
            if len(picked) == limit:
                return picked
            if any(c is candidate for c, _ in picked) or _repeats(candidate, picked):
                continue
            if second_round or all(c.key != candidate.key for c, _ in picked):
                picked.append((candidate, sources))
    return picked


def _repeats(candidate: _Candidate, picked: list[tuple[_Candidate, int]]) -> bool:
    return any(fuzz.token_set_ratio(candidate.plain, c.plain) >= REPEATS_PICK for c, _ in picked)


def _quote(candidate: _Candidate, sources: int) -> DigestQuote:
    return DigestQuote(
        # News style ends a quote followed by its attribution with a comma; alone, it needs none.
        text=shorten(candidate.row.text.strip().rstrip(",;:"), QUOTE_CHARS),
        speaker=candidate.person.name,
        title=candidate.person.title,
        url=candidate.article.url,
        source=candidate.article.source,
        sources=sources,
        direct=bool(candidate.row.direct),
    )


def _plain(text: str) -> str:
    return " ".join(NON_WORD.sub(" ", text.casefold()).split())
