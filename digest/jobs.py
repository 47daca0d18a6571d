"""The jobs `tradedigest run --once` runs and the scheduler repeats: ingest, compose, deliver."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta

from spacy.language import Language
from sqlite_utils import Database

from digest import render, store
from digest.compose import Digest, compose
from digest.config import Config, DigestConfig
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
    """From the end of the last delivered digest to now. Before any delivery, from the start
    of the first digest, or `first_period_hours` ago: undelivered news is never skipped."""
    delivered, first = store.last_delivered_digest(db), store.first_digest(db)
    if delivered:
        start = delivered["period_end"]
    elif first:
        start = first["period_start"]
    else:
        start = (now - timedelta(hours=config.digest.first_period_hours)).isoformat()
    return start, now.isoformat()


def build_digest(config: Config, db: Database, now: datetime) -> dict:
    """The stored digest of everything ingested since the last delivered one, built once per
    period: the record (id, period, body, rendered messages) the same on every call."""
    # Periods are compared as ISO strings, which order correctly only in one timezone.
    now = now.astimezone(UTC)
    last = store.last_digest(db)
    if last and last["period_end"] >= now.isoformat():
        return last
    start, end = digest_period(config, db, now)
    body = asdict(compose_period(db, start, end, config.digest, config.ingest.failing_after))
    record = store.save_digest(db, start, end, body, created=now.isoformat())
    if record["messages"] is None:
        messages = render.to_messages(Digest.from_record(record))
        record = store.save_digest_messages(db, record["id"], messages)
    return record


def compose_period(
    db: Database, start: str, end: str, settings: DigestConfig, failing_after: int
) -> Digest:
    """Read the period's articles, quotes, figures and speakers, and compose them; the quotes
    the last delivered digest showed are passed along, so they do not lead again, and the
    sources failing `failing_after` runs in a row, so the digest names them."""
    articles = store.articles_fetched_between(db, start, end)
    ids = [a["id"] for a in articles]
    quotes, figures = store.quotes_of(db, ids), store.figures_of(db, ids)
    speakers = store.speakers_by_id(db, (q["speaker_id"] for q in quotes))
    last = store.last_delivered_digest(db)
    shown = (
        [q.text for s in Digest.from_body(last["body"]).stories for q in s.quotes] if last else []
    )
    failing = store.failing_sources(db, failing_after)
    return compose(start, end, articles, quotes, figures, speakers, settings, shown, failing)
