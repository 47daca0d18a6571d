"""Digests and their deliveries: one digest per period, each delivered once per channel.

A delivery is claimed by one process in one statement before anything is sent, and every message
sent is recorded at once, so a restart, a crash between two messages or a second process never
sends a message twice."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace

from sqlite_utils import Database

from digest.compose import Digest
from digest.records import Delivery, StoredDigest
from digest.store._schema import writing

# A digest of a period with no new articles says so; it never hides the last real digest.
_REAL_FIRST = "(articles = 0)"


def _decoded(row: dict) -> StoredDigest:
    messages = row.get("messages")
    digest = replace(Digest.from_body(json.loads(row["body"])), number=row["id"])
    return StoredDigest(
        id=row["id"],
        period_start=row["period_start"],
        period_end=row["period_end"],
        created=row["created"],
        digest=digest,
        messages=json.loads(messages) if messages else None,
    )


def _one(db: Database, where: str = "", args: list | None = None, **order) -> StoredDigest | None:
    rows = list(db.table("digests").rows_where(where or None, args or [], limit=1, **order))
    return _decoded(rows[0]) if rows else None


def latest_digest(db: Database) -> StoredDigest | None:
    """The digest of the latest period, empty or not: where the next period starts."""
    return _one(db, order_by="period_end desc")


def last_digest(db: Database) -> StoredDigest | None:
    """The latest digest to show: the last with news, or the latest if none has any."""
    return _one(db, order_by=f"{_REAL_FIRST}, period_end desc")


def last_delivered_digest(db: Database) -> StoredDigest | None:
    """The latest digest posted to at least one channel (or printed, without Slack)."""
    return _one(db, f"id in ({_POSTED})", order_by="period_end desc")


_POSTED = "select digest_id from deliveries where status = 'posted'"


def digests_ending_between(db: Database, start: str, end: str) -> list[StoredDigest]:
    """Digests whose period ends in [start, end): those with news first, each latest first."""
    rows = db.table("digests").rows_where(
        "period_end >= ? and period_end < ?",
        [start, end],
        order_by=f"{_REAL_FIRST}, period_end desc",
    )
    return [_decoded(row) for row in rows]


def digest_by_id(db: Database, digest_id: int) -> StoredDigest | None:
    return _one(db, "id = ?", [digest_id])


def list_digests(db: Database, limit: int = 20) -> list[StoredDigest]:
    """The latest `limit` digests, latest first."""
    rows = db.table("digests").rows_where(order_by="period_end desc", limit=limit)
    return [_decoded(row) for row in rows]


def undelivered_digests(db: Database) -> list[StoredDigest]:
    """Digests newer than the last delivered one and posted nowhere yet (a run stopped between
    making and delivering them, or every channel failed), oldest first."""
    rows = db.table("digests").rows_where(
        f"id not in ({_POSTED}) and period_end > coalesce((select max(period_end) from digests"
        f" where id in ({_POSTED})), '')",
        order_by="period_end",
    )
    return [_decoded(row) for row in rows]


def save_digest(db: Database, digest: Digest, created: str) -> StoredDigest:
    """Store a period's digest once; a second call for the same period returns the first."""
    body = asdict(replace(digest, number=None))
    with writing(db):
        db.table("digests").insert(
            {
                "period_start": digest.period_start,
                "period_end": digest.period_end,
                "created": created,
                "body": json.dumps(body),
                "articles": digest.articles,
            },
            ignore=True,
        )
    stored = _one(
        db, "period_start = ? and period_end = ?", [digest.period_start, digest.period_end]
    )
    assert stored is not None
    return stored


def save_digest_messages(db: Database, digest_id: int, messages: list) -> StoredDigest:
    """Keep a digest's rendered messages; the first rendering stays if one is already there."""
    with writing(db):
        db.execute(
            "update digests set messages = ? where id = ? and messages is null",
            [json.dumps(messages), digest_id],
        )
    stored = digest_by_id(db, digest_id)
    assert stored is not None
    return stored


def channel_view(db: Database, digest_id: int, channel: str) -> StoredDigest | None:
    """A channel's view of a digest (only the stories on its topics): the stored digest with
    that channel's digest and messages."""
    rows = list(
        db.table("channel_views").rows_where("digest_id = ? and channel = ?", [digest_id, channel])
    )
    stored = digest_by_id(db, digest_id) if rows else None
    if stored is None:
        return None
    view = replace(Digest.from_body(json.loads(rows[0]["body"])), number=digest_id)
    return replace(stored, digest=view, messages=json.loads(rows[0]["messages"]))


def save_channel_view(
    db: Database, digest_id: int, channel: str, digest: Digest, messages: list
) -> StoredDigest:
    """Keep a channel's view of a digest once; a second call returns the first."""
    with writing(db):
        db.table("channel_views").insert(
            {
                "digest_id": digest_id,
                "channel": channel,
                "body": json.dumps(asdict(replace(digest, number=None))),
                "messages": json.dumps(messages),
            },
            ignore=True,
        )
    view = channel_view(db, digest_id, channel)
    assert view is not None
    return view


# Deliveries -------------------------------------------------------------------------------------

_DELIVERY_FIELDS = [f.name for f in fields(Delivery)]


def _delivery(row: dict) -> Delivery:
    return Delivery(**{k: row[k] for k in _DELIVERY_FIELDS if k in row})


def delivery(db: Database, digest_id: int, channel: str) -> Delivery | None:
    rows = list(
        db.table("deliveries").rows_where("digest_id = ? and channel = ?", [digest_id, channel])
    )
    return _delivery(rows[0]) if rows else None


def deliveries_of(db: Database, digest_id: int) -> list[Delivery]:
    rows = db.table("deliveries").rows_where("digest_id = ?", [digest_id], order_by="channel")
    return [_delivery(row) for row in rows]


def unfinished_deliveries(db: Database) -> list[Delivery]:
    """Deliveries that failed or stopped half way, oldest first, of digests posted elsewhere."""
    rows = db.table("deliveries").rows_where(
        f"status != 'posted' and digest_id in ({_POSTED})", order_by="digest_id, channel"
    )
    return [_delivery(row) for row in rows]


def claim_delivery(
    db: Database, digest_id: int, channel: str, *, owner: str, now: str, until: str
) -> Delivery | None:
    """Take (digest, channel) for sending in one statement, so two processes never both get it.

    A new, failed or abandoned (lease run out) delivery can be claimed; a posted one, or one a
    live process holds, cannot: then None."""
    claimed = db.execute(
        "insert into deliveries (digest_id, channel, status, owner, lease_until, updated)"
        " values (?, ?, 'posting', ?, ?, ?)"
        " on conflict (digest_id, channel) do update set status = 'posting',"
        " owner = excluded.owner, lease_until = excluded.lease_until, updated = excluded.updated"
        " where deliveries.status = 'failed'"
        " or (deliveries.status = 'posting' and deliveries.lease_until < ?)",
        [digest_id, channel, owner, until, now, now],
    ).rowcount
    return delivery(db, digest_id, channel) if claimed else None


def record_part(
    db: Database, digest_id: int, channel: str, *, owner: str, parts: int, ts: str, until: str
) -> None:
    """Note that the first `parts` messages are sent (the first one's ts is the thread)."""
    db.execute(
        "update deliveries set parts = ?, ts = coalesce(ts, ?), lease_until = ?"
        " where digest_id = ? and channel = ? and owner = ?",
        [parts, ts, until, digest_id, channel, owner],
    )


def finish_delivery(
    db: Database, digest_id: int, channel: str, *, owner: str, now: str, error: str | None
) -> None:
    """Release the claim: posted, or failed with `error` (and retried on a later run)."""
    db.execute(
        "update deliveries set status = ?, error = ?, attempts = attempts + 1, updated = ?,"
        " lease_until = null where digest_id = ? and channel = ? and owner = ?",
        ["failed" if error else "posted", error, now, digest_id, channel, owner],
    )
