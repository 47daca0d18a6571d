"""Finding speakers: by name, surname, alias or title, forgiving case, accents and typos."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from digest.config import DigestConfig
from digest.records import CardQuote, CardRole, StoredSpeaker
from digest.speakers._names import fold, role_of, titles_agree
from digest.store import directory, timestamp

MIN_SCORE = 60  # below this a key is not a match at all
CLOSE_ENOUGH = 80  # `lookup` answers with the best match from here on
SUGGESTION_SCORE = 50
TOKEN_SCORE = 70  # how alike a query word and an indexed word must be to look further
TITLE_WEIGHT = 0.95  # a name beats a title that matches as well
KEY_KINDS = ("name", "surname", "alias", "title", "word")
# A query that is one word of a person's name: "He" finds He Weiwen, whose surname comes first.
NAME_WORD_WEIGHT = 0.9
TITLE_AGREES = 85  # a query naming the same office as a title, in other words


@dataclass(frozen=True)
class SpeakerMatch:
    speaker_id: int
    name: str
    title: str | None
    organization: str | None
    quote_count: int
    score: float
    matched_on: str  # "name", "alias", "surname", "title" or "word" (one word of the name)


@dataclass(frozen=True)
class SpeakerCard:
    name: str
    title: str | None
    organization: str | None
    aliases: tuple[str, ...]
    quote_count: int
    first_seen: str | None
    last_seen: str | None
    quotes: tuple[CardQuote, ...]
    speaker_id: int = 0
    country: str | None = None
    roles: tuple[CardRole, ...] = ()  # titles over time, latest first


class UnknownSpeaker(LookupError):
    """No speaker is close enough to the query; `suggestions` are the nearest names."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = (
            f"; did you mean {', '.join(suggestions)}?"
            if suggestions
            else "; none are close (`tradedigest speakers` lists the most quoted)"
        )
        super().__init__(f"no speaker matches {query!r}{hint}")


# Searching ----------------------------------------------------------------------------------


def find_speakers(db: Database, query: str, limit: int = 5) -> list[SpeakerMatch]:
    """The speakers `query` may mean, best first: ties go to the more quoted, and for a title to
    whoever held it last."""
    return _ranked(db, query, MIN_SCORE)[:limit]


def lookup(
    db: Database, query: str, min_confidence: float = DigestConfig.min_confidence
) -> SpeakerCard:
    """The card of the speaker `query` means, with the quotes at least `min_confidence` sure;
    `UnknownSpeaker` with suggestions if none is close."""
    matches = _ranked(db, query, SUGGESTION_SCORE)
    if matches and matches[0].score >= CLOSE_ENOUGH:
        return speaker_card(db, matches[0].speaker_id, min_confidence=min_confidence)
    raise UnknownSpeaker(query, [m.name for m in matches[:3]])


def _ranked(db: Database, query: str, cutoff: float) -> list[SpeakerMatch]:
    index = _index(db)
    best: dict[int, tuple[float, int]] = {}
    for entry, score in index.scored(fold(query)):
        speaker_id, kind = index.owners[entry]
        # On equal scores the most telling key names the match: "lee" is a surname first.
        found = (float(score), -KEY_KINDS.index(kind))
        if score >= cutoff and found > best.get(speaker_id, (0.0, 0)):
            best[speaker_id] = found
    matches = [
        index.match(speaker_id, score, KEY_KINDS[-rank])
        for speaker_id, (score, rank) in best.items()
    ]
    return sorted(matches, key=lambda m: _rank(index, m), reverse=True)


def _rank(index: _Index, match: SpeakerMatch) -> tuple:
    last_seen = index.speakers[match.speaker_id].last_seen or ""
    return (match.score, last_seen if match.matched_on == "title" else "", match.quote_count)


class _Index:
    """Every key a speaker can be found by, and the words in them for typo-tolerant lookup."""

    def __init__(self, db: Database) -> None:
        self.speakers = {record.id: record for record in directory.all_speakers(db)}
        self.keys: list[str] = []
        self.owners: list[tuple[int, str]] = []
        for record in self.speakers.values():
            name = fold(record.name)
            self._add(name, record.id, "name")
            self._add(record.surname, record.id, "surname")
            if record.kind == "person" and len(name.split()) > 1:
                for word in set(name.split()) - {record.surname}:
                    self._add(word, record.id, "word")
        for speaker_id, norm in directory.all_aliases(db):
            self._add(norm, speaker_id, "alias")
        for speaker_id, title, organization in directory.all_roles(db):
            self._add(fold(role_of(title, organization) or ""), speaker_id, "title")
        self.words: dict[str, list[int]] = {}
        for entry, key in enumerate(self.keys):
            for word in set(key.split()):
                self.words.setdefault(word, []).append(entry)
        self.vocabulary = list(self.words)

    def _add(self, key: str | None, speaker_id: int, kind: str) -> None:
        if key:
            self.keys.append(key)
            self.owners.append((speaker_id, kind))

    def scored(self, query: str):
        """(entry, score) for every key sharing a word, or nearly, with the query."""
        entries: set[int] = set()
        for word in set(query.split()):
            # A word the directory knows is taken as typed; only unknown words are typos.
            near = [word] if word in self.words else self._near(word)
            for known in near:
                entries.update(self.words[known])
        for entry in entries:
            yield entry, self._score(query, entry)

    def _near(self, word: str) -> list[str]:
        found = process.extract(
            word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TOKEN_SCORE, limit=25
        )
        return [near for near, _, _ in found]

    def _score(self, query: str, entry: int) -> float:
        key, kind = self.keys[entry], self.owners[entry][1]
        if kind == "word":
            return fuzz.ratio(query, key) * NAME_WORD_WEIGHT
        if kind != "title":
            return fuzz.token_sort_ratio(query, key)  # "Yang Wang" is Wang Yang
        # Every word of the query in the title ("commerce secretary" in "U.S. Commerce
        # Secretary") is a full match; not the other way round, or "secretary" alone would be.
        score = 100 if set(query.split()) <= set(key.split()) else fuzz.token_sort_ratio(query, key)
        # "treasury chief" names the office "Treasury Secretary" names, in other words.
        return max(score * TITLE_WEIGHT, TITLE_AGREES if titles_agree(query, key) else 0)

    def match(self, speaker_id: int, score: float, kind: str) -> SpeakerMatch:
        record = self.speakers[speaker_id]
        return SpeakerMatch(
            speaker_id=speaker_id,
            name=record.name,
            title=record.title,
            organization=record.organization,
            quote_count=record.quote_count,
            score=round(score, 1),
            matched_on=kind,
        )


_indexes: dict[object, tuple[tuple, _Index]] = {}


def _index(db: Database) -> _Index:
    key, version = directory.database_key(db), directory.directory_version(db)
    cached = _indexes.get(key)
    if cached is None or cached[0] != version:
        cached = _indexes[key] = (version, _Index(db))
    return cached[1]


# Cards and rankings -------------------------------------------------------------------------


def speaker_card(
    db: Database,
    speaker_id: int,
    quotes: int = 5,
    offset: int = 0,
    min_confidence: float = DigestConfig.min_confidence,
) -> SpeakerCard:
    """A speaker's record with their latest `quotes` quotes (skipping `offset`), newest first:
    said or written, at least `min_confidence` sure."""
    record = directory.speaker(db, speaker_id)
    if record is None:
        raise UnknownSpeaker(f"#{speaker_id}", [])
    return SpeakerCard(
        name=record.name,
        title=record.title,
        organization=record.organization,
        aliases=_aliases(db, record),
        quote_count=record.quote_count,
        first_seen=record.first_seen,
        last_seen=record.last_seen,
        quotes=tuple(directory.card_quotes(db, speaker_id, quotes, offset, min_confidence)),
        speaker_id=speaker_id,
        country=record.country,
        roles=tuple(directory.card_roles(db, speaker_id)),
    )


def _aliases(db: Database, record: StoredSpeaker) -> tuple[str, ...]:
    names = {fold(record.name): record.name}
    for alias, norm in directory.aliases_of(db, record.id):
        names.setdefault(norm, alias)
    return tuple(sorted(alias for norm, alias in names.items() if norm != fold(record.name)))


def top_speakers(db: Database, since: str, until: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most quoted speakers in articles fetched after `since` up to `until` (ISO times)."""
    return directory.top_speakers(db, timestamp(since), timestamp(until), limit)
