"""Finding speakers: by name, surname, alias or title, forgiving case, accents and typos."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlite_utils import Database

from digest.speakers._directory import utc_iso
from digest.speakers._names import fold, role_of, titles_agree

MIN_SCORE = 60  # below this a key is not a match at all
CLOSE_ENOUGH = 80  # `lookup` answers with the best match from here on
SUGGESTION_SCORE = 50
TOKEN_SCORE = 70  # how alike a query word and an indexed word must be to look further
TITLE_WEIGHT = 0.95  # a name beats a title that matches as well
KEY_KINDS = ("name", "surname", "alias", "title")
TITLE_AGREES = 85  # a query naming the same office as a title, in other words


@dataclass(frozen=True)
class SpeakerMatch:
    speaker_id: int
    name: str
    title: str | None
    organization: str | None
    quote_count: int
    score: float
    matched_on: str  # "name", "alias", "surname" or "title"


@dataclass(frozen=True)
class CardQuote:
    text: str
    date: str | None  # the article's published date when known, else when it was fetched
    url: str
    article_title: str | None


@dataclass(frozen=True)
class CardRole:
    title: str | None
    organization: str | None
    first_seen: str
    last_seen: str


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
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no speaker matches {query!r}{hint}")


# Searching ----------------------------------------------------------------------------------


def find_speakers(db: Database, query: str, limit: int = 5) -> list[SpeakerMatch]:
    """The speakers `query` may mean, best first: ties go to the more quoted, and for a title to
    whoever held it last."""
    return _ranked(db, query, MIN_SCORE)[:limit]


def lookup(db: Database, query: str) -> SpeakerCard:
    """The card of the speaker `query` means; `UnknownSpeaker` with suggestions if none is close."""
    matches = _ranked(db, query, SUGGESTION_SCORE)
    if matches and matches[0].score >= CLOSE_ENOUGH:
        return speaker_card(db, matches[0].speaker_id)
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
    last_seen = index.speakers[match.speaker_id]["last_seen"] or ""
    return (match.score, last_seen if match.matched_on == "title" else "", match.quote_count)


class _Index:
    """Every key a speaker can be found by, and the words in them for typo-tolerant lookup."""

    def __init__(self, db: Database) -> None:
        self.speakers = {
            row["id"]: row
            for row in db.query(
                "select id, name, title, organization, quote_count, last_seen, surname"
                " from speakers"
            )
        }
        self.keys: list[str] = []
        self.owners: list[tuple[int, str]] = []
        for row in self.speakers.values():
            self._add(fold(row["name"]), row["id"], "name")
            self._add(row["surname"], row["id"], "surname")
        for row in db.query("select distinct speaker_id, norm from speaker_aliases"):
            self._add(row["norm"], row["speaker_id"], "alias")
        for row in db.query("select distinct speaker_id, title, organization from speaker_roles"):
            self._add(
                fold(role_of(row["title"], row["organization"]) or ""), row["speaker_id"], "title"
            )
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
        key = self.keys[entry]
        if self.owners[entry][1] != "title":
            return fuzz.token_sort_ratio(query, key)  # "Yang Wang" is Wang Yang
        # Every word of the query in the title ("commerce secretary" in "U.S. Commerce
        # Secretary") is a full match; not the other way round, or "secretary" alone would be.
        score = 100 if set(query.split()) <= set(key.split()) else fuzz.token_sort_ratio(query, key)
        # "treasury chief" names the office "Treasury Secretary" names, in other words.
        return max(score * TITLE_WEIGHT, TITLE_AGREES if titles_agree(query, key) else 0)

    def match(self, speaker_id: int, score: float, kind: str) -> SpeakerMatch:
        row = self.speakers[speaker_id]
        return SpeakerMatch(
            speaker_id=speaker_id,
            name=row["name"],
            title=row["title"],
            organization=row["organization"],
            quote_count=row["quote_count"] or 0,
            score=round(score, 1),
            matched_on=kind,
        )


_indexes: dict[object, tuple[tuple, _Index]] = {}

# Each write the directory makes adds a row to one of these tables (a merge adds a correction),
# so their last rowids tell whether a cached index is still current.
WATCHED = ("speakers", "speaker_aliases", "speaker_roles", "speaker_links", "quotes")


def _index(db: Database) -> _Index:
    path = db.execute("pragma database_list").fetchone()[2]
    key = path or id(db)
    version = tuple(
        db.execute(f"select max(rowid) from {table}").fetchone()[0]
        for table in (*WATCHED, "speaker_corrections")
    )
    cached = _indexes.get(key)
    if cached is None or cached[0] != version:
        cached = _indexes[key] = (version, _Index(db))
    return cached[1]


# Cards and rankings -------------------------------------------------------------------------


def speaker_card(db: Database, speaker_id: int, quotes: int = 5, offset: int = 0) -> SpeakerCard:
    """A speaker's record with their latest `quotes` quotes (skipping `offset`), newest first."""
    rows = list(db["speakers"].rows_where("id = ?", [speaker_id]))
    if not rows:
        raise UnknownSpeaker(f"#{speaker_id}", [])
    row = rows[0]
    return SpeakerCard(
        name=row["name"],
        title=row["title"],
        organization=row["organization"],
        aliases=_aliases(db, speaker_id, row["name"]),
        quote_count=row["quote_count"] or 0,
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        quotes=tuple(CardQuote(**q) for q in db.query(CARD_QUOTES, [speaker_id, quotes, offset])),
        speaker_id=speaker_id,
        country=row["country"],
        roles=tuple(CardRole(**r) for r in db.query(CARD_ROLES, [speaker_id])),
    )


CARD_QUOTES = """
select q.text, coalesce(a.published, a.fetched) as date, a.url, a.title as article_title
from quotes q join articles a on a.id = q.article_id
where q.speaker_id = ? order by date desc, q.article_id desc, q.start limit ? offset ?
"""
CARD_ROLES = """
select title, organization, min(seen) as first_seen, max(seen) as last_seen
from speaker_roles where speaker_id = ? group by title, organization order by last_seen desc
"""


def _aliases(db: Database, speaker_id: int, name: str) -> tuple[str, ...]:
    names = {fold(name): name}
    for row in db.query(
        "select alias, norm from speaker_aliases where speaker_id = ?", [speaker_id]
    ):
        names.setdefault(row["norm"], row["alias"])
    return tuple(sorted(alias for norm, alias in names.items() if norm != fold(name)))


def top_speakers(db: Database, since: str, until: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most quoted speakers in articles fetched after `since` up to `until` (ISO times)."""
    rows = db.execute(
        """
        select s.name, count(*) as quotes
        from quotes q join articles a on a.id = q.article_id join speakers s on s.id = q.speaker_id
        where a.fetched > ? and a.fetched <= ?
        group by s.id order by quotes desc, s.name limit ?
        """,
        [utc_iso(since), utc_iso(until), limit],
    ).fetchall()
    return [(name, count) for name, count in rows]
