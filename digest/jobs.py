"""The jobs `tradedigest run --once` runs and the scheduler repeats: ingest, compose, deliver."""

from __future__ import annotations

from datetime import datetime, timedelta

from spacy.language import Language
from sqlite_utils import Database

from digest import compose, store
from digest.config import Config
from digest.ingest import Progress, SourceReport, Timings
from digest.ingest import run as run_ingest

__all__ = ["SourceReport", "build_digest", "digest_period", "ingest"]


def ingest(
    config: Config,
    db: Database,
    nlp: Language,
    now: datetime,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> list[SourceReport]:
    """Fetch every source, extract what is new and store it; a failing source stops only itself."""
    return run_ingest(config, db, nlp, now, progress=progress, timings=timings)


def digest_period(config: Config, db: Database, now: datetime) -> tuple[str, str]:
    """From the end of the last digest (or `first_period_hours` ago) to now."""
    last = store.last_digest(db)
    start = (
        last["period_end"]
        if last
        else (now - timedelta(hours=config.digest.first_period_hours)).isoformat()
    )
    return start, now.isoformat()


def build_digest(config: Config, db: Database, now: datetime) -> dict:
    """The stored digest of everything ingested since the last one, built once per period."""
    last = store.last_digest(db)
    if last and last["period_end"] >= now.isoformat():
        return last
    start, end = digest_period(config, db, now)
    body = compose.compose_from_store(db, start, end, config.digest)
    return store.save_digest(db, start, end, body, created=now.isoformat())
