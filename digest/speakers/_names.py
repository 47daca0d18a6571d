"""Names and titles as the directory compares them: folded, parsed, and matched by nickname."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

from nameparser import HumanName
from nameparser.config import CONSTANTS

from digest.words import office_title, speaker_words


def _words(kind: str) -> frozenset[str]:
    """One list of digest/data/speaker_words.toml."""
    return frozenset(speaker_words()[kind])


def fold(text: str) -> str:
    """Lowercase, accents off, punctuation out: the form every comparison uses."""
    return " ".join(re.findall(r"[^\W_]+", re.sub(r"[.'’]", "", fold_accents(text))))


def fold_accents(text: str) -> str:
    """Lowercase with accents off, punctuation kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class PersonName:
    """A person's name split for matching; every part folded."""

    given: str  # "" when only a surname was written
    surname: str
    middle: str = ""  # the initials of the middle names: "hw" for George H.W. Bush
    suffix: str = ""  # "jr", "iii": Donald Trump Jr. is not Donald Trump

    @property
    def full(self) -> bool:
        return bool(self.given)


@functools.lru_cache(maxsize=65536)
def parse_name(name: str) -> PersonName:
    """Split `name` into given name and surname, leaving out a role written in front."""
    rest = split_title(name)[1]
    if len(rest.split()) == 1:
        return PersonName("", fold(rest))
    parsed = HumanName(rest)
    # nameparser puts a lone word in `first`; a surname-only mention is the common case here.
    surname = fold(parsed.last) or fold(parsed.first)
    given = fold(parsed.first).split()[:1] if parsed.last else []
    return PersonName(
        given[0] if given else "",
        surname,
        middle=_initials(parsed.middle),
        suffix=fold(parsed.suffix),
    )


def _initials(names: str) -> str:
    """ "hw" for "H.W.", "HW" and "Herbert Walker"."""
    words = re.findall(r"[^\W\d_]+", names)
    return fold_accents("".join(w if w.isupper() and len(w) <= 3 else w[0] for w in words))


def plain_name(name: str) -> str:
    """The name without a possessive ending: "Trump’s" is Trump."""
    return re.sub(r"[’']s?$", "", name.strip())


def same_person_name(name: str, other: str) -> bool:
    """Can `other` be another way of writing `name`? "Ross", "Steve Mnuchin" for Steven Mnuchin,
    "Wang" for Wang Yang; not "Bill Clinton" for Hillary Clinton."""
    ours, theirs = parse_name(name), parse_name(other)
    if ours.suffix != theirs.suffix:
        return False
    if not theirs.full:
        return theirs.surname in (ours.surname, ours.given)
    if not ours.full:
        return ours.surname in (theirs.surname, theirs.given)
    return (
        ours.surname == theirs.surname
        and not middles_differ(ours, {theirs.middle} - {""})
        and given_relation(ours.given, theirs.given) is not None
    )


def middles_differ(person: PersonName, middles: set[str]) -> bool:
    """Are the person's middle initials none of `middles`, both being known? George W. Bush is
    not George H.W. Bush."""
    return bool(person.middle and middles and person.middle not in middles)


def split_title(name: str) -> tuple[str | None, str]:
    """("Commerce Secretary", "Wilbur Ross") from "Commerce Secretary Wilbur Ross"."""
    words = name.split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        folded = fold(word)
        # nameparser's titles include given names such as "Dean": they only count before two words.
        if folded in _words("roles") or (folded in CONSTANTS.titles and len(words) - i > 2):
            cut = i + 1
    if cut == 0:
        return None, name
    return clean_title(" ".join(words[:cut])), " ".join(words[cut:])


def clean_title(title: str | None) -> str | None:
    """The title as a reader sees it ("Sen." is "Senator"), or None when it names no office: a
    form of address ("Mr."), a description ("front-runner")."""
    return office_title(title)


def is_body(name: str) -> bool:
    """A ministry, a firm, a city standing for its government: not a person's name."""
    words = fold(name).split()
    if not words:
        return False
    # No person's name holds a number: "Some 55 percent" is a share of a poll.
    return (
        words[-1] in _words("bodies")
        or words[0] == "the"
        or " ".join(words) in _demonyms()
        or any(c.isdigit() for c in name)
    )


def is_description(name: str) -> bool:
    """`the Treasury chief`, `officials`, `Commerce Secretary`, `Gary Johnson's doctor`: a
    description, not a name."""
    words = name.split()
    if not words or not words[0][:1].isupper():
        return True
    owner = any(word.endswith(("'s", "’s")) for word in words[:-1])
    return owner or fold(words[0]) in {"the", "a", "an"} or fold(words[-1]) in _words("roles")


def given_relation(a: str, b: str) -> str | None:
    """How two folded given names can be one person's: "same", "nickname", "initial" or None."""
    if len(a) == 1 or len(b) == 1:
        # Two initials alike are no stronger than one: W. Ross may be Wilbur or Walter.
        return "initial" if a[0] == b[0] else None
    if a == b:
        return "same"
    if _nickname_groups().get(a, set()) & _nickname_groups().get(b, set()):
        return "nickname"
    return None


@functools.cache
def _nickname_groups() -> dict[str, set[int]]:
    """Each given name mapped to the lines of the nickname table that hold it."""
    groups: dict[str, set[int]] = {}
    for line, row in enumerate(_data_rows("nicknames.csv")):
        formal, familiar = row
        for name in (formal, *familiar.split()):
            groups.setdefault(name, set()).add(line)
    return groups


@functools.cache
def _demonyms() -> dict[str, str]:
    return {fold(word): country for word, country in _data_rows("demonyms.csv")}


def _data_rows(name: str) -> list[list[str]]:
    text = (files("digest") / "data" / name).read_text(encoding="utf-8")
    rows = csv.reader(line for line in text.splitlines() if line and not line.startswith("#"))
    return list(rows)[1:]


def country_of(*phrases: str | None) -> str | None:
    """The country a title or organisation names ("Chinese Vice Premier" -> "China")."""
    for phrase in phrases:
        words = fold(phrase or "").split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                country = _demonyms().get(" ".join(words[i : i + size]))
                if country:
                    return country
    return None


def title_words(title: str | None) -> frozenset[str]:
    """A title's words that name the office, country and filler left out."""
    words = (_abbreviations().get(w, w) for w in fold(title or "").split())
    return frozenset(w for w in words if w not in _words("filler") and w not in _demonyms())


def _abbreviations() -> dict[str, str]:
    return speaker_words()["abbreviations"]


def role_of(title: str | None, organization: str | None) -> str | None:
    """A title and its organisation as one phrase to compare: "Secretary U.S. Treasury"."""
    return " ".join(filter(None, (title, organization))) or None


def titles_agree(a: str | None, b: str | None) -> bool:
    """Do two titles name the same office? `Commerce Secretary` ~ `U.S. Commerce Secretary`,
    but not `Treasury Secretary`, which shares only a generic word."""
    words_a, words_b = title_words(a), title_words(b)
    if not words_a or not words_b:
        return False
    specific_a, specific_b = _specific(words_a), _specific(words_b)
    if specific_a or specific_b:
        return bool(specific_a & specific_b)
    return words_a == words_b


def _specific(words: frozenset[str]) -> frozenset[str]:
    return words - _words("roles") - _words("generic") - _words("bodies")
