"""Named leases in the database: which process runs the scheduled jobs."""

from __future__ import annotations

from sqlite_utils import Database


def acquire_lock(db: Database, name: str, *, owner: str, now: str, until: str) -> bool:
    """Take or renew lock `name` for `owner` until `until`; False while another owner holds it."""
    return bool(
        db.execute(
            "insert into locks (name, owner, until) values (?, ?, ?)"
            " on conflict (name) do update set owner = excluded.owner, until = excluded.until"
            " where locks.owner = excluded.owner or locks.until < ?",
            [name, owner, until, now],
        ).rowcount
    )


def release_lock(db: Database, name: str, *, owner: str) -> None:
    db.execute("delete from locks where name = ? and owner = ?", [name, owner])
