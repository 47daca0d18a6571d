"""The follows and alert tables (created by the store's migration m008): every read and write."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlite_utils import Database

from digest.follows._model import SPEAKER, AlertItem, Follow, NewArticle, NewQuote
from digest.follows._topics import lead
from digest.store._time import timestamp
from digest.words import office_title

CURSOR = "matched_until"
# (user, item) pairs looked up per statement: SQLite allows 32,766 variables in one.
CHUNK = 4000


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock at once: two processes reading then writing the
    queue wait for each other instead of failing with "database is locked"."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


# Follows -------------------------------------------------------------------------------------


def add_follow(
    db: Database,
    user: str,
    kind: str,
    label: str,
    created: datetime,
    *,
    speaker_id: int | None = None,
    terms: tuple[str, ...] = (),
    query: str = "",
) -> tuple[Follow, bool]:
    """Follow once: the follow (new, or the one the user already had) and whether it is new."""
    with db.atomic():
        added = db.execute(
            "insert or ignore into follows (user, kind, label, query, speaker_id, terms, created)"
            " values (?, ?, ?, ?, ?, ?, ?)",
            [
                user,
                kind,
                label,
                query or label,
                speaker_id,
                " ".join(terms) or None,
                timestamp(created),
            ],
        ).rowcount
    where = "speaker_id = ?" if kind == SPEAKER else "terms = ?"
    [row] = db.query(
        f"select * from follows where user = ? and kind = ? and {where}",
        [user, kind, speaker_id if kind == SPEAKER else " ".join(terms)],
    )
    return _follow(row), bool(added)


def follows_of(db: Database, user: str) -> list[Follow]:
    """The user's follows, speakers then topics, in the order made."""
    rows = db.query("select * from follows where user = ? order by kind, id", [user])
    return [_follow(row) for row in rows]


def all_follows(db: Database) -> list[Follow]:
    rows = db.execute(
        "select id, user, kind, label, created, speaker_id, terms from follows"
        " order by user, kind, id"
    )
    return [
        Follow(
            id=follow_id,
            user=user,
            kind=kind,
            label=label,
            created=created,
            speaker_id=speaker_id,
            terms=tuple((terms or "").split()),
        )
        for follow_id, user, kind, label, created, speaker_id, terms in rows
    ]


def remove_follow(db: Database, user: str, follow_id: int) -> Follow | None:
    """Remove one of `user`'s follows; None when they have no follow with that id."""
    rows = list(db.query("select * from follows where id = ? and user = ?", [follow_id, user]))
    if not rows:
        return None
    db.execute("delete from follows where id = ? and user = ?", [follow_id, user])
    return _follow(rows[0])


def remove_user(db: Database, user: str) -> int:
    """Delete every follow of `user` and what is queued for them; how many follows went."""
    with db.atomic():
        removed = db.execute("delete from follows where user = ?", [user]).rowcount
        db.execute("delete from alert_queue where user = ? and status != 'sent'", [user])
    return removed


def _follow(row: dict) -> Follow:
    return Follow(
        id=row["id"],
        user=row["user"],
        kind=row["kind"],
        label=row["label"],
        created=row["created"],
        speaker_id=row["speaker_id"],
        terms=tuple((row["terms"] or "").split()),
    )


# New articles ------------------------------------------------------------------------------


def cursor(db: Database) -> str | None:
    row = db.execute("select value from alert_cursor where name = ?", [CURSOR]).fetchone()
    return row[0] if row else None


def first_follow(db: Database) -> str | None:
    return db.execute("select min(created) from follows").fetchone()[0]


def advance_cursor(db: Database, until: str) -> None:
    """Move the cursor forward to `until`, never back (two runs may race)."""
    db.execute(
        "insert into alert_cursor (name, value) values (?, ?) on conflict (name) do update"
        " set value = excluded.value where excluded.value > alert_cursor.value",
        [CURSOR, until],
    )


def articles_after(db: Database, since: str) -> tuple[list[NewArticle], list[NewQuote]]:
    """The extracted articles fetched after `since`, and their quotes with the speaker's name
    and title from the directory."""
    articles = [
        NewArticle(
            id=row["id"],
            title=row["title"] or "",
            url=row["url"],
            lead=lead(row["text"]),
            fetched=row["fetched"],
        )
        for row in db.query(
            "select id, title, url, text, fetched from articles"
            " where fetched > ? and status = 'extracted' order by fetched, id",
            [since],
        )
    ]
    quotes = [
        NewQuote(**row | {"speaker_title": office_title(row["speaker_title"])})
        for row in db.query(
            "select q.article_id, q.speaker_id, coalesce(s.name, q.speaker, '') as speaker,"
            " s.title as speaker_title, q.text from quotes q"
            " join articles a on a.id = q.article_id left join speakers s on s.id = q.speaker_id"
            " where a.fetched > ? and a.status = 'extracted' order by q.article_id, q.start",
            [since],
        )
    ]
    return articles, quotes


# The alert queue ---------------------------------------------------------------------------


def queue(db: Database, found: list[tuple[str, AlertItem]], now: datetime) -> int:
    """Queue each (user, item) not queued before; how many are new. Followers of one speaker
    or topic share one item, whose detail is stored once."""
    details = {_detail_id(item): item for _, item in found}
    db.conn.executemany(
        "insert or ignore into alert_items (id, detail) values (?, ?)",
        [(id_, json.dumps(vars(item))) for id_, item in details.items()],
    )
    before = db.conn.total_changes
    db.conn.executemany(
        "insert or ignore into alert_queue (user, item, detail_id, queued, status)"
        " values (?, ?, ?, ?, 'pending')",
        [(user, item.key, _detail_id(item), timestamp(now)) for user, item in found],
    )
    return db.conn.total_changes - before


def _detail_id(item: AlertItem) -> str:
    # A topic item says which topic matched and how: one per article and topic.
    return item.key if item.kind == SPEAKER else f"{item.key} {item.follow}"


def queued_keys(db: Database, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the (user, item) pairs were queued before, sent or not; looked up by the
    table's key, so the cost follows the pairs asked about, not the queue's history."""
    queued: set[tuple[str, str]] = set()
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start : start + CHUNK]
        marks = ",".join("(?, ?)" for _ in chunk)
        rows = db.execute(
            f"select user, item from alert_queue where (user, item) in (values {marks})",
            [value for pair in chunk for value in pair],
        )
        queued.update((row[0], row[1]) for row in rows)
    return queued


def waiting_users(db: Database, now: datetime) -> list[str]:
    """Users with items pending, or claimed by a process whose lease ran out."""
    rows = db.execute(
        "select distinct user from alert_queue where status = 'pending'"
        " or (status = 'sending' and lease_until < ?) order by user",
        [timestamp(now)],
    )
    return [row[0] for row in rows]


def owed_users(db: Database) -> list[str]:
    rows = db.execute(
        "select distinct user from alert_queue where status in ('pending', 'sending') order by user"
    )
    return [row[0] for row in rows]


def pending(db: Database, user: str) -> list[AlertItem]:
    """What `user` is owed and not yet sent, oldest first."""
    rows = db.execute(
        f"{DETAILS} where q.user = ? and q.status in ('pending', 'sending')"
        " order by q.queued, q.rowid",
        [user],
    )
    return [_item(row[0]) for row in rows]


def claim(
    db: Database, user: str, *, owner: str, now: datetime, until: datetime
) -> list[AlertItem]:
    """Take `user`'s waiting items for posting in one statement, so two processes never both
    get one; the items this owner now holds, oldest first."""
    db.execute(
        "update alert_queue set status = 'sending', owner = ?, lease_until = ?"
        " where user = ? and (status = 'pending' or (status = 'sending' and lease_until < ?))",
        [owner, timestamp(until), user, timestamp(now)],
    )
    rows = db.execute(
        f"{DETAILS} where q.user = ? and q.owner = ? and q.status = 'sending'"
        " order by q.queued, q.rowid",
        [user, owner],
    )
    return [_item(row[0]) for row in rows]


def finish(db: Database, user: str, *, owner: str, now: datetime, ts: str | None) -> None:
    """Release the claim: sent (with the message's ts), or back to pending when `ts` is None."""
    if ts is None:
        db.execute(
            "update alert_queue set status = 'pending', owner = null, lease_until = null"
            " where user = ? and owner = ? and status = 'sending'",
            [user, owner],
        )
        return
    db.execute(
        "update alert_queue set status = 'sent', sent = ?, ts = ?, lease_until = null"
        " where user = ? and owner = ? and status = 'sending'",
        [timestamp(now), ts, user, owner],
    )


def drop(db: Database, user: str, *, owner: str, now: datetime) -> None:
    """Give up the claimed items: Slack cannot reach the user, so retrying would never end."""
    db.execute(
        "update alert_queue set status = 'dropped', sent = ?, lease_until = null"
        " where user = ? and owner = ? and status = 'sending'",
        [timestamp(now), user, owner],
    )


DETAILS = "select i.detail from alert_queue q join alert_items i on i.id = q.detail_id"


def _item(detail: str) -> AlertItem:
    data = json.loads(detail)
    return AlertItem(**{**data, "words": tuple(data["words"])})
