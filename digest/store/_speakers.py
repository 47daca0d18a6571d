"""The speaker directory's tables: records, aliases, roles, links and corrections.

The rules that decide who is who live in `digest.speakers`; this module only reads and writes
what they decide, and hands back records. Titles are handed back as a reader sees them
(`office_title`): a store written by an older version keeps `Sen.` or `runner` in its rows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import fields

from sqlite_utils import Database

from digest.records import (
    CardQuote,
    CardRole,
    SpeakerEvidence,
    SpeakerLink,
    StoredSpeaker,
)
from digest.words import office_title

# A name as written and its folded form, the one every comparison uses.
Name = tuple[str, str]

# Filing -----------------------------------------------------------------------------------------


def candidate_ids(db: Database, surname: str | None, keys: Iterable[str]) -> list[int]:
    """Records with this surname, or with an alias folded to one of `keys`."""
    keys = list(keys)
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"select id from speakers where surname = ? union "
        f"select speaker_id from speaker_aliases where norm in ({marks})",
        [surname, *keys],
    ).fetchall()
    return [row[0] for row in rows]


def evidence(db: Database, speaker_id: int) -> SpeakerEvidence:
    row = db.table("speakers").get(speaker_id)
    aliases = db.execute(
        "select alias, norm, pinned from speaker_aliases where speaker_id = ?", [speaker_id]
    ).fetchall()
    roles = db.execute(
        "select distinct title, organization from speaker_roles where speaker_id = ?",
        [speaker_id],
    ).fetchall()
    return SpeakerEvidence(
        speaker_id=speaker_id,
        name=row["name"],
        kind=row["kind"],
        quote_count=row["quote_count"] or 0,
        aliases=tuple((alias, norm, bool(pinned)) for alias, norm, pinned in aliases),
        roles=tuple((office_title(title), organization) for title, organization in roles),
    )


def new_speaker(db: Database, name: str, kind: str, surname: str | None, seen: str) -> int:
    record = {"name": name, "kind": kind, "surname": surname, "first_seen": seen, "last_seen": seen}
    return _inserted(db.table("speakers").insert(record).last_pk)


def rename(db: Database, speaker_id: int, name: str, surname: str | None) -> None:
    """Give a record the full name it was first filed without (unless another record has it)."""
    db.execute(
        "update speakers set name = ?, surname = ? where id = ?"
        " and not exists (select 1 from speakers where name = ?)",
        [name, surname, speaker_id, name],
    )


def _inserted(pk: object) -> int:
    """The rowid an insert gave: always an int for our tables' integer keys."""
    assert isinstance(pk, int)
    return pk


def add_aliases(
    db: Database,
    speaker_id: int,
    names: Iterable[Name],
    article_id: int | None,
    pinned: bool = False,
) -> None:
    db.table("speaker_aliases").insert_all(
        (
            {
                "speaker_id": speaker_id,
                "alias": alias,
                "article_id": article_id,
                "norm": norm,
                "pinned": int(pinned),
            }
            for alias, norm in names
        ),
        ignore=True,
    )


def add_role(
    db: Database,
    speaker_id: int,
    article_id: int,
    seen: str,
    title: str | None,
    organization: str | None,
    country: str | None,
) -> None:
    db.table("speaker_roles").insert(
        {
            "speaker_id": speaker_id,
            "article_id": article_id,
            "seen": seen,
            "title": title,
            "organization": organization,
            "country": country,
        },
        ignore=True,
    )


def link(db: Database, filed: SpeakerLink) -> None:
    """Record that an article's mention is filed under a speaker, and why."""
    db.table("speaker_links").insert(
        {
            "article_id": filed.article_id,
            "name": filed.name,
            "speaker_id": filed.speaker_id,
            "seen": filed.seen,
            "rule": filed.rule,
            "reason": filed.reason,
        },
        replace=True,
    )


def article_speakers(db: Database, article_id: int) -> list[int]:
    return [row[0] for row in db.execute(_ARTICLE_SPEAKERS, [article_id])]


_ARTICLE_SPEAKERS = "select speaker_id from speaker_links where article_id = ?"


def refresh(db: Database, speaker_ids: Iterable[int]) -> None:
    """Recount quotes and recompute first and last seen and the usual title, organisation and
    country of each record from its links, roles and quotes."""
    for speaker_id in set(speaker_ids):
        db.execute(_REFRESH, {"id": speaker_id})


def _usual_role(column: str) -> str:
    """The value most articles give, the latest of equals: one stray title does not replace the
    one the record usually has."""
    return (
        f"coalesce((select {column} from speaker_roles where speaker_id = :id and {column} is not"
        f" null group by {column} order by count(*) desc, max(seen) desc limit 1), {column})"
    )


_REFRESH = f"""
update speakers set
  quote_count = (select count(*) from quotes where speaker_id = :id),
  first_seen = coalesce((select min(seen) from speaker_links where speaker_id = :id), first_seen),
  last_seen = coalesce((select max(seen) from speaker_links where speaker_id = :id), last_seen),
  title = {_usual_role("title")},
  organization = {_usual_role("organization")},
  country = {_usual_role("country")}
where id = :id
"""

# Reading ----------------------------------------------------------------------------------------

_SPEAKER_FIELDS = {f.name for f in fields(StoredSpeaker)}


def speaker(db: Database, speaker_id: int) -> StoredSpeaker | None:
    rows = list(db.table("speakers").rows_where("id = ?", [speaker_id]))
    return _speaker(rows[0]) if rows else None


def _speaker(row: dict) -> StoredSpeaker:
    record = {k: v for k, v in row.items() if k in _SPEAKER_FIELDS}
    read = {"quote_count": row.get("quote_count") or 0, "title": office_title(row.get("title"))}
    return StoredSpeaker(**record | read)


def all_speakers(db: Database) -> list[StoredSpeaker]:
    return [_speaker(row) for row in db.table("speakers").rows]


def speakers_of(db: Database, ids: Sequence[int]) -> list[StoredSpeaker]:
    marks = ",".join("?" * len(ids))
    return [_speaker(row) for row in db.table("speakers").rows_where(f"id in ({marks})", list(ids))]


def ids_named(db: Database, name: str, norm: str) -> list[int]:
    """Records named `name` (any case) or with an alias folded to `norm`."""
    rows = db.execute(
        "select id from speakers where name = ? collate nocase union "
        "select speaker_id from speaker_aliases where norm = ?",
        [name, norm],
    ).fetchall()
    return [row[0] for row in rows]


def aliases_of(db: Database, speaker_id: int) -> list[Name]:
    return db.execute(
        "select alias, norm from speaker_aliases where speaker_id = ? order by rowid", [speaker_id]
    ).fetchall()


def all_aliases(db: Database) -> list[tuple[int, str]]:
    """(speaker id, folded alias) for every alias in the directory."""
    return db.execute("select distinct speaker_id, norm from speaker_aliases").fetchall()


def all_roles(db: Database) -> list[tuple[int, str | None, str | None]]:
    """(speaker id, title, organisation) for every role a record was seen in."""
    rows = db.execute("select distinct speaker_id, title, organization from speaker_roles")
    return list(dict.fromkeys((i, office_title(title), org) for i, title, org in rows))


def links_of(db: Database, speaker_id: int) -> list[SpeakerLink]:
    """Each article mention filed under the record, with the rule, the reason and the article's
    title and link, oldest first."""
    rows = db.execute(
        "select l.article_id, l.name, l.speaker_id, l.seen, l.rule, l.reason, a.title, a.url"
        " from speaker_links l join articles a on a.id = l.article_id"
        " where l.speaker_id = ? order by l.seen, l.article_id",
        [speaker_id],
    ).fetchall()
    return [SpeakerLink(*row) for row in rows]


# A record quoted more often than this has its latest quotes found by walking the articles newest
# first (index articles_date) until enough are found, not by sorting all its quotes: 35 ms for
# one quoted 37,000 times, 5 ms walking. A rarely quoted record would make the walk long.
WALK_FROM = 1000
# The kinds of quote shown as someone's words: beliefs and findings (`many think ...`) are not.
SPOKEN = "('speech', 'writing')"


def card_quotes(
    db: Database, speaker_id: int, limit: int, offset: int = 0, min_confidence: float = 0.0
) -> list[CardQuote]:
    """The record's said or written quotes at least `min_confidence` sure, newest first."""
    count = db.execute("select quote_count from speakers where id = ?", [speaker_id]).fetchone()
    walk = count is not None and (count[0] or 0) > WALK_FROM
    rows = db.execute(
        "select q.text, coalesce(a.published, a.fetched) as date, a.url, a.title, q.direct"
        + (
            " from articles a indexed by articles_date join quotes q on q.article_id = a.id"
            if walk
            else " from quotes q join articles a on a.id = q.article_id"
        )
        + f" where q.speaker_id = ? and q.kind in {SPOKEN}"
        " and (q.confidence is null or q.confidence >= ?)"
        " order by date desc, q.article_id desc, q.start limit ? offset ?",
        [speaker_id, min_confidence, limit, offset],
    ).fetchall()
    return [
        CardQuote(text=text, date=date, url=url, article_title=title, direct=bool(direct))
        for text, date, url, title, direct in rows
    ]


def card_roles(db: Database, speaker_id: int) -> list[CardRole]:
    """Each title and organisation the record was seen with, latest first; `Sen.` and
    `Senator` are one title."""
    rows = db.execute(
        "select title, organization, min(seen), max(seen) from speaker_roles"
        " where speaker_id = ? group by title, organization",
        [speaker_id],
    ).fetchall()
    seen: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    for title, organization, first, last in rows:
        key = (office_title(title), organization)
        earlier = seen.get(key, (first, last))
        seen[key] = (min(first, earlier[0]), max(last, earlier[1]))
    roles = [CardRole(*key, *dates) for key, dates in seen.items() if key != (None, None)]
    return sorted(roles, key=lambda role: role.last_seen, reverse=True)


def top_speakers(db: Database, since: str, until: str, limit: int = 10) -> list[tuple[str, int]]:
    """The most quoted records in articles fetched after `since` up to `until` (store times):
    whole hours from `speaker_hours`, the two partial hours at the ends from the quotes."""
    first, last = since[:13], until[:13]  # the hour: "2026-11-20T13"
    counts: Counter[int] = Counter()
    if first == last:
        counts.update(_quoted(db, since, until))
    else:
        counts.update(_quoted(db, since, min(until, first + ":99")))
        counts.update(_quoted(db, last, until, after=False))
        rows = db.execute(
            "select speaker_id, sum(quotes) from speaker_hours where hour > ? and hour < ?"
            " group by speaker_id",
            [first, last],
        )
        counts.update(dict(rows.fetchall()))
    names = dict(_names(db, [i for i, n in counts.items() if n > 0]))
    ranked = sorted(((names[i], n) for i, n in counts.items() if i in names), key=_by_count)
    return ranked[:limit]


def _by_count(pair: tuple[str, int]) -> tuple[int, str]:
    return -pair[1], pair[0]


def _quoted(db: Database, start: str, end: str, *, after: bool = True) -> dict[int, int]:
    """Quotes per record in articles fetched in (start, end], or [start, end] with after=False."""
    rows = db.execute(
        "select q.speaker_id, count(*) from articles a join quotes q on q.article_id = a.id"
        f" where a.fetched {'>' if after else '>='} ? and a.fetched <= ?"
        " and q.speaker_id is not null group by q.speaker_id",
        [start, end],
    )
    return dict(rows.fetchall())


def _names(db: Database, ids: list[int]) -> list[tuple[int, str]]:
    marks = ",".join("?" * len(ids))
    return db.execute(f"select id, name from speakers where id in ({marks})", ids).fetchall()


def directory_version(db: Database) -> tuple:
    """Changes whenever the directory does: each write adds a row to one of these tables (a
    merge adds a correction), so their last rowids tell whether a cached index is current."""
    return tuple(
        db.execute(f"select max(rowid) from {table}").fetchone()[0]
        for table in (*_WATCHED, "speaker_corrections")
    )


_WATCHED = ("speakers", "speaker_aliases", "speaker_roles", "speaker_links", "quotes")


def database_key(db: Database) -> object:
    """What tells one database from another in a cache: its file, or the connection."""
    path = db.execute("pragma database_list").fetchone()[2]
    return path or id(db)


# Corrections ------------------------------------------------------------------------------------


def merge_records(
    db: Database, keep_id: int, other_id: int, names: Sequence[Name], detail: dict, now: str
) -> None:
    """File everything of `other_id` under `keep_id` and tie `names` to it, pinned; `detail`
    (what was merged) is kept with the correction so a split can undo it."""
    with db.atomic():
        for table in ("quotes", "speaker_links"):
            db.execute(
                f"update {table} set speaker_id = ? where speaker_id = ?", [keep_id, other_id]
            )
        # Rows keyed by speaker that `keep_id` already has stay with it; the duplicates go.
        for table in ("speaker_roles", "speaker_aliases"):
            db.execute(
                f"update or ignore {table} set speaker_id = ? where speaker_id = ?",
                [keep_id, other_id],
            )
            db.execute(f"delete from {table} where speaker_id = ?", [other_id])
        # Who followed the other follows the kept record; one follow each.
        db.execute(
            "update or ignore follows set speaker_id = ?, label = ?"
            " where kind = 'speaker' and speaker_id = ?",
            [keep_id, _name_of(db, keep_id), other_id],
        )
        db.execute("delete from follows where kind = 'speaker' and speaker_id = ?", [other_id])
        db.table("speakers").delete(other_id)
        add_aliases(db, keep_id, names, None)
        _pin(db, keep_id, [norm for _, norm in names])
        refresh(db, [keep_id])
        _record_correction(db, "merge", keep_id, other_id, detail, now)


def merges_into(db: Database, speaker_id: int) -> list[dict]:
    """What each merge into the record took in (its `detail`), latest first."""
    rows = db.execute(
        "select detail from speaker_corrections where action = 'merge' and speaker_id = ?"
        " order by id desc",
        [speaker_id],
    ).fetchall()
    return [json.loads(row[0]) for row in rows]


def _name_of(db: Database, speaker_id: int) -> str:
    return db.execute("select name from speakers where id = ?", [speaker_id]).fetchone()[0]


def follows_of(db: Database, speaker_id: int) -> list[tuple[int, str | None]]:
    """(follow id, the name it was made by) of each follow of the record."""
    return db.execute(
        "select id, query from follows where kind = 'speaker' and speaker_id = ?", [speaker_id]
    ).fetchall()


def quotes_in(db: Database, speaker_id: int, article_id: int) -> list[tuple[int, str | None]]:
    """(quote id, speaker as written) of the record's quotes in one article."""
    return db.execute(
        "select id, speaker from quotes where speaker_id = ? and article_id = ?",
        [speaker_id, article_id],
    ).fetchall()


def split_records(
    db: Database,
    speaker_id: int,
    new: StoredSpeaker,
    moves: Sequence[tuple[SpeakerLink, list[int], bool]],
    names: Sequence[Name],
    follows: Sequence[int],
    detail: dict,
    now: str,
) -> int:
    """Make record `new` and move to it each (link, quote ids, with its role) of `moves`, the
    aliases folded as `names`, pinned, and the `follows`; returns the new record's id."""
    with db.atomic():
        new_id = new_speaker(db, new.name, new.kind, new.surname, new.first_seen or now)
        for moved, quote_ids, role in moves:
            _move_article(db, speaker_id, new_id, moved, quote_ids, role)
        norms = sorted({norm for _, norm in names})
        db.execute(
            "update or ignore speaker_aliases set speaker_id = ? where speaker_id = ? and norm in"
            f" ({','.join('?' * len(norms))})",
            [new_id, speaker_id, *norms],
        )
        add_aliases(db, new_id, names, None)
        _pin(db, new_id, norms)
        db.execute(
            f"update or ignore follows set speaker_id = ?, label = ? where id in"
            f" ({','.join('?' * len(follows))})",
            [new_id, new.name, *follows],
        )
        refresh(db, [speaker_id, new_id])
        _record_correction(db, "split", new_id, speaker_id, detail, now)
    return new_id


def _move_article(
    db: Database, old_id: int, new_id: int, moved: SpeakerLink, quote_ids: list[int], role: bool
) -> None:
    db.execute(
        "update speaker_links set speaker_id = ? where article_id = ? and name = ?",
        [new_id, moved.article_id, moved.name],
    )
    db.execute(
        f"update quotes set speaker_id = ? where id in ({','.join('?' * len(quote_ids))})",
        [new_id, *quote_ids],
    )
    if role:
        db.execute(
            "update speaker_roles set speaker_id = ? where speaker_id = ? and article_id = ?",
            [new_id, old_id, moved.article_id],
        )


def _pin(db: Database, speaker_id: int, norms: Sequence[str]) -> None:
    db.execute(
        f"update speaker_aliases set pinned = 1 where speaker_id = ? and norm in "
        f"({','.join('?' * len(norms))})",
        [speaker_id, *norms],
    )


def _record_correction(
    db: Database, action: str, speaker_id: int, other_id: int, detail: dict, now: str
) -> None:
    db.table("speaker_corrections").insert(
        {
            "action": action,
            "speaker_id": speaker_id,
            "other_id": other_id,
            "detail": json.dumps(detail, ensure_ascii=False),
            "created": now,
        }
    )
