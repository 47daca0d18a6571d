"""Who is quoted in a period: one person however outlets spell the name, with title and reach."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from digest.compose._model import SpeakerCount
from digest.compose._text import is_person, person_key
from digest.records import StoredQuote, StoredSpeaker
from digest.words import speaker_words

# Title words of people whose words move trade: they outrank directors and analysts.
SENIOR = frozenset(speaker_words()["senior"])
SPEAKERS_TODAY = 5


@dataclass(frozen=True)
class Said:
    """An attributed quote as the digest weighs it: the stored quote and `who`, its speaker's
    key (the directory record `#12`, or the folded name of a speaker without one)."""

    quote: StoredQuote
    who: str

    @property
    def article_id(self) -> int:
        return self.quote.article_id

    @property
    def text(self) -> str:
        return self.quote.text

    @property
    def speaker(self) -> str:
        return self.quote.speaker or ""

    @property
    def direct(self) -> bool:
        return self.quote.direct


@dataclass(frozen=True)
class Person:
    name: str
    title: str | None
    quoted_ever: int
    person: bool

    @cached_property
    def prominence(self) -> float:
        """Title, seniority and how often the store has quoted them, on one scale."""
        words = set(re.findall(r"\w+", (self.title or "").casefold()))
        return (
            (1.0 if self.title else 0.0)
            + (1.0 if words & SENIOR else 0.0)
            + (0.5 if self.person else 0.0)
            + 0.25 * math.log1p(self.quoted_ever)
        )


def cast(
    quotes: Iterable[StoredQuote], speakers: dict[int, StoredSpeaker]
) -> tuple[list[Said], dict[str, Person]]:
    """The attributed quotes, each with `who` (its speaker's key), and each key's person.

    The key is the store's speaker record, which already joins a name's spellings across
    articles; a quote without a record joins the record its name matches, else stands alone.
    """
    attributed = [q for q in quotes if q.speaker]
    records = {
        person_key(name): q.speaker_id
        for q in attributed
        if q.speaker_id is not None
        for name in (q.speaker or "", _name(speakers.get(q.speaker_id)) or q.speaker or "")
    }
    keyed: list[Said] = []
    spellings: dict[str, tuple[int | None, set[str]]] = {}
    for quote in attributed:
        written = quote.speaker or ""
        speaker_id = quote.speaker_id
        if speaker_id is None:
            speaker_id = records.get(person_key(written))
        who = f"#{speaker_id}" if speaker_id is not None else person_key(written)
        keyed.append(Said(quote, who))
        spellings.setdefault(who, (speaker_id, set()))[1].add(written)
    known = {
        who: _person(speakers.get(speaker_id) if speaker_id is not None else None, names)
        for who, (speaker_id, names) in spellings.items()
    }
    return keyed, known


def _name(record: StoredSpeaker | None) -> str | None:
    return record.name if record else None


def _person(record: StoredSpeaker | None, names: set[str]) -> Person:
    if record is None:
        name = max(names, key=lambda n: (len(n), n))
        return Person(name=name, title=None, quoted_ever=0, person=is_person(name))
    return Person(
        name=record.name,
        title=_role(record.title, record.organization),
        quoted_ever=record.quote_count,
        person=record.kind == "person",
    )


def _role(title: str | None, organization: str | None) -> str | None:
    """`Secretary, U.S. Treasury`: a bare title says little without the body it is held in."""
    if title and organization and organization.casefold() not in title.casefold():
        return f"{title}, {organization}"
    return title or None


def speakers_today(quotes: Iterable[Said], known: dict[str, Person]) -> tuple[SpeakerCount, ...]:
    """The people quoted most in the period, most first (`quotes` as `cast` gives them)."""
    counts = Counter(q.who for q in quotes)
    ranked = [
        SpeakerCount(known[key].name, known[key].title, count)
        for key, count in counts.most_common()
        if known[key].person
    ]
    return tuple(ranked[:SPEAKERS_TODAY])
