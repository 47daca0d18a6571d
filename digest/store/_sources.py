"""Sources: the health of each (latest run, last success and error), every run, fetch state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields

from sqlite_utils import Database

from digest.records import SourceHealth
from digest.store._schema import writing


def record_source_run(
    db: Database,
    name: str,
    kind: str,
    location: str,
    *,
    seen: int,
    new: int,
    error: str | None,
    now: str,
    duplicates: int = 0,
    skipped: int = 0,
    failed: int = 0,
) -> None:
    """Remember how a source's run went, latest on the source, every run in source_runs."""
    with writing(db):
        previous = source(db, name)
        failures = (previous.consecutive_failures if previous else 0) + 1 if error else 0
        last_success = previous.last_success if previous else None
        db.table("sources").upsert(
            {
                "name": name,
                "kind": kind,
                "location": location,
                "last_run": now,
                "last_success": last_success if error else now,
                "last_error": error if error else (previous.last_error if previous else None),
                "consecutive_failures": failures,
                "articles_seen": seen,
                "articles_new": new,
            },
            pk="name",
        )
        db.table("source_runs").insert(
            {
                "source": name,
                "run_at": now,
                "seen": seen,
                "new": new,
                "duplicates": duplicates,
                "skipped": skipped,
                "failed": failed,
                "error": error,
            }
        )


_FIELDS = {f.name for f in fields(SourceHealth)}


def _health(row: dict) -> SourceHealth:
    record = {k: v for k, v in row.items() if k in _FIELDS}
    for count in ("consecutive_failures", "articles_seen", "articles_new"):
        record[count] = record.get(count) or 0
    return SourceHealth(**record)


def source(db: Database, name: str) -> SourceHealth | None:
    rows = list(db.table("sources").rows_where("name = ?", [name]))
    return _health(rows[0]) if rows else None


def source_health(db: Database) -> dict[str, SourceHealth]:
    """Each source's latest run, last success, last error and consecutive failures, by name."""
    return {row["name"]: _health(row) for row in db.table("sources").rows}


def failing_sources(db: Database, failing_after: int) -> list[SourceHealth]:
    """Sources that failed at least `failing_after` runs in a row."""
    rows = db.table("sources").rows_where(
        "consecutive_failures >= ?", [failing_after], order_by="name"
    )
    return [_health(row) for row in rows]


def fetch_state(db: Database, source: str) -> dict[str, str]:
    return {
        row["key"]: row["value"]
        for row in db.table("fetch_state").rows_where("source = ?", [source])
    }


def save_fetch_state(db: Database, source: str, state: Mapping[str, str], now: str) -> None:
    with writing(db):
        db.table("fetch_state").upsert_all(
            ({"source": source, "key": k, "value": v, "updated": now} for k, v in state.items()),
            pk=("source", "key"),
        )
