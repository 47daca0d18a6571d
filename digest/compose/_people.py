"""Who is quoted in a period: one person however outlets spell the name, with title and reach."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from digest.compose._model import SpeakerCount
from digest.compose._text import is_person, person_key

# Title words of people whose words move trade: they outrank directors and analysts.
SENIOR_TITLES = """
    president premier minister secretary chancellor governor chairman chairwoman chair
    ambassador representative commissioner senator speaker leader ceo chief
"""
SENIOR = frozenset(SENIOR_TITLES.split())
SPEAKERS_TODAY = 5


@dataclass(frozen=True)
class Person:
    name: str
    title: str | None
    quoted_ever: int
    person: bool

    @property
    def prominence(self) -> float:
        """Title, seniority and how often the store has quoted them, on one scale."""
        words = set((self.title or "").casefold().replace("-", " ").split())
        return (
            (1.0 if self.title else 0.0)
            + (1.0 if words & SENIOR else 0.0)
            + (0.5 if self.person else 0.0)
            + 0.25 * math.log1p(self.quoted_ever)
        )


def people(quotes: Iterable[dict], speakers: dict[int, dict]) -> dict[str, Person]:
    """Each quoted name's key mapped to the person: longest spelling, a known title."""
    variants: dict[str, dict[int | None, str]] = {}
    for quote in quotes:
        if quote["speaker"]:
            variants.setdefault(person_key(quote["speaker"]), {})[quote["speaker_id"]] = quote[
                "speaker"
            ]
    return {key: _person(spellings, speakers) for key, spellings in variants.items()}


def _person(spellings: dict[int | None, str], speakers: dict[int, dict]) -> Person:
    rows = [speakers[i] for i in spellings if i in speakers]
    name = max(spellings.values(), key=lambda n: (len(n), n))
    titles = [r["title"] for r in rows if r.get("title")]
    return Person(
        name=name,
        title=max(titles, key=len) if titles else None,
        quoted_ever=sum(r.get("quote_count") or 0 for r in rows),
        person=is_person(name),
    )


def speakers_today(quotes: Iterable[dict], known: dict[str, Person]) -> tuple[SpeakerCount, ...]:
    """The people quoted most in the period, most first."""
    counts = Counter(person_key(q["speaker"]) for q in quotes if q["speaker"])
    ranked = [
        SpeakerCount(known[key].name, known[key].title, count)
        for key, count in counts.most_common()
        if known[key].person
    ]
    return tuple(ranked[:SPEAKERS_TODAY])
