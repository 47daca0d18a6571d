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
from digest.words import speaker_words

# Title words of people whose words move trade: they outrank directors and analysts.
SENIOR = frozenset(speaker_words()["senior"])
SPEAKERS_TODAY = 5


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


def cast(quotes: Iterable[dict], speakers: dict[int, dict]) -> tuple[list[dict], dict[str, Person]]:
    """The attributed quotes, each with `who` (its speaker's key), and each key's person.

    The key is the store's speaker record, which already joins a name's spellings across
    articles; a quote without a record joins the record its name matches, else stands alone.
    """
    quotes = [q for q in quotes if q["speaker"]]
    records = {
        person_key(name): q["speaker_id"]
        for q in quotes
        if q["speaker_id"] is not None
        for name in (q["speaker"], speakers.get(q["speaker_id"], {}).get("name") or q["speaker"])
    }
    keyed, spellings = [], {}
    for quote in quotes:
        speaker_id = quote["speaker_id"]
        if speaker_id is None:
            speaker_id = records.get(person_key(quote["speaker"]))
        who = f"#{speaker_id}" if speaker_id is not None else person_key(quote["speaker"])
        keyed.append({**quote, "who": who})
        spellings.setdefault(who, (speaker_id, set()))[1].add(quote["speaker"])
    known = {
        who: _person(speakers.get(speaker_id) or {}, names)
        for who, (speaker_id, names) in spellings.items()
    }
    return keyed, known


def _person(row: dict, names: set[str]) -> Person:
    name = row.get("name") or max(names, key=lambda n: (len(n), n))
    kind = row.get("kind")
    return Person(
        name=name,
        title=_role(row.get("title"), row.get("organization")),
        quoted_ever=row.get("quote_count") or 0,
        person=kind == "person" if kind else is_person(name),
    )


def _role(title: str | None, organization: str | None) -> str | None:
    """`Secretary, U.S. Treasury`: a bare title says little without the body it is held in."""
    if title and organization and organization.casefold() not in title.casefold():
        return f"{title}, {organization}"
    return title or None


def speakers_today(quotes: Iterable[dict], known: dict[str, Person]) -> tuple[SpeakerCount, ...]:
    """The people quoted most in the period, most first (`quotes` as `cast` gives them)."""
    counts = Counter(q["who"] for q in quotes)
    ranked = [
        SpeakerCount(known[key].name, known[key].title, count)
        for key, count in counts.most_common()
        if known[key].person
    ]
    return tuple(ranked[:SPEAKERS_TODAY])
