"""What identifies the event an article reports: the terms two reports of it share.

An article becomes a bag of terms: the words of its headline (counted twice: a headline is the
event in brief) and lead, the figures it reports and the people it quotes. Names are written
one way whatever the outlet's style: accents folded (`Guillain-Barré` = `Guillain-Barre`),
possessives dropped (`Cuomo’s` = `Cuomo`), initials joined (`J&J`, `U.S.`), and two names
joined by `&` also give their initials, so `Johnson & Johnson` meets `J&J`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

# The lead, not the whole text: later paragraphs drift into background every outlet tells
# differently. About the first three sentences of a news article.
LEAD_CHARS = 600
HEADLINE_COUNTS = 2
# A word: letters and digits, maybe joined by hyphens, apostrophes, dots, ampersands or commas
# (`Guillain-Barre`, `Cuomo's`, `U.S`, `J&J`, `COVID-19`, `850,000`, `1.9`).
WORD = re.compile(r"[A-Za-z0-9]++(?:[-'.&,][A-Za-z0-9]++)*+")
INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]{1,3}&[A-Z]{1,3}")
# Two capitalised names joined by `&`, whose initials stand for them: `Johnson & Johnson`, J&J.
PAIR_NAME = re.compile(r"\b([A-Z])[a-z]+ & ([A-Z])[a-z]+")
# Function words and the words of reporting itself, which every article uses whatever its event.
# (spaCy has such a list too, but importing it would load spaCy wherever a digest is composed.)
FUNCTION_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either even
    ever every few for from further had has have having he her here hers herself him himself his
    how however i if in into is it its itself just least less many may me might more most much
    must my myself neither no nor not now of off on once one only or other others our ours
    ourselves out over own per perhaps rather same several she should since so some still such
    than that the their theirs them themselves then there these they this those though through
    thus to too under until up upon us very was we were what whatever when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    s t d ll re ve m don didn doesn isn wasn aren weren won wouldn couldn shouldn
    said says say saying told tell tells according
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow new
    mr ms mrs dr
"""
COMMON = frozenset(FUNCTION_WORDS.split())
QUOTED_WORDS = 5
FIGURE = "#"
PERSON = "@"


@dataclass(frozen=True)
class Report:
    """One article as evidence of its event."""

    title: str
    lead: str
    published: datetime | None = None
    # Names of the people quoted, as the store knows them.
    speakers: tuple[str, ...] = ()
    # The words quoted directly: outlets copy a statement word for word.
    quoted: tuple[str, ...] = ()
    # (kind, value, unit) of each figure reported.
    figures: tuple[tuple[str, float, str | None], ...] = ()


def report(
    title: str | None,
    text: str,
    published: str | None,
    speakers: Sequence[str] = (),
    quoted: Sequence[str] = (),
    figures: Sequence[tuple[str, float | None, str | None]] = (),
) -> Report:
    """The report of a stored article: its title, lead, time, speakers, quotes and figures."""
    return Report(
        title=title or "",
        lead=text[:LEAD_CHARS],
        published=moment(published),
        speakers=tuple(speakers),
        quoted=tuple(quoted),
        figures=tuple((k, v, u) for k, v, u in figures if v is not None),
    )


def terms(report: Report) -> list[str]:
    """The report's terms, repeated as often as they count."""
    return [
        *(words(report.title) * HEADLINE_COUNTS),
        *words(report.lead),
        *(f"{FIGURE}{kind}:{value:.3g}:{unit or ''}" for kind, value, unit in report.figures),
        *{f"{PERSON}{surname(name)}" for name in report.speakers if surname(name)},
    ]


def passages(report: Report) -> set[tuple[str, ...]]:
    """Every run of QUOTED_WORDS words the report quotes directly."""
    quoted = [w.lower() for w in WORD.findall(fold(" ".join(report.quoted)))]
    return set(zip(*(quoted[k:] for k in range(QUOTED_WORDS)), strict=False))


def words(text: str) -> list[str]:
    """The telling words of `text`, each in one spelling, and the initials of `&` names."""
    text = fold(text)
    found = list(filter(None, map(_spelling, WORD.findall(text))))
    if "&" in text:
        found += [f"{first}{second}".lower() for first, second in PAIR_NAME.findall(text)]
    return found


def surname(name: str) -> str:
    """The last word of a person's name, folded: "Sen. Joe Manchin's" gives "manchin"."""
    parts = [p for p in fold(name).replace(".", " ").split() if p.lower() not in {"jr", "sr"}]
    return _spelling(parts[-1]) if parts else ""


def fold(text: str) -> str:
    """`text` in ASCII: accents dropped, curly apostrophes straightened, other signs removed."""
    text = text.replace("’", "'").replace("‘", "'")
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def moment(published: str | None) -> datetime | None:
    """A stored time, a zone-less one taken as UTC so that every pair of times compares."""
    try:
        when = datetime.fromisoformat(published) if published else None
    except ValueError:
        return None
    return when.replace(tzinfo=when.tzinfo or UTC) if when else None


@functools.lru_cache(maxsize=1 << 16)
def _spelling(word: str) -> str:
    """One spelling of a word, or "" for a word that tells nothing."""
    word = word.removesuffix("'s").removesuffix("'")
    if INITIALS.fullmatch(word):
        return word.replace(".", "").replace("&", "").lower()
    word = word.lower()
    if word[0].isdigit():
        return word.replace(",", "")
    return "" if word in COMMON else _stem(word)


def _stem(word: str) -> str:
    """A crude stem, so that the forms of a word are one term: "signs", "signed", "signing" and
    "sign"; "vaccines" and "vaccine"; "countries" and "country". Short words are left alone."""
    if not word.isalpha():
        return word
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word
