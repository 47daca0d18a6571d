"""The jobs `tradedigest run --once` runs and the scheduler repeats: ingest, compose, deliver."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from spacy.language import Language
from sqlite_utils import Database

from digest import follows, render, store
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
    for channel, topics in config.slack.channel_topics:
        channel_view(config, db, record, channel, topics)
    return record


def channel_view(
    config: Config, db: Database, record: dict, channel: str, topics: tuple[str, ...]
) -> dict:
    """The digest as `channel` sees it: only the period's stories on its topics, said in the
    header; built once, like the digest."""
    view = store.channel_view(db, record["id"], channel)
    if view is not None:
        return view
    keep = partial(follows.on_topics, topics=topics)
    start, end = record["period_start"], record["period_end"]
    digest = compose_period(db, start, end, config.digest, config.ingest.failing_after, keep)
    digest = replace(digest, topics=tuple(topics))
    messages = render.to_messages(replace(digest, number=record["id"]))
    return store.save_channel_view(db, record["id"], channel, asdict(digest), messages)


def compose_period(
    db: Database,
    start: str,
    end: str,
    settings: DigestConfig,
    failing_after: int,
    keep: Callable[[list[dict], list[dict]], list[dict]] | None = None,
) -> Digest:
    """Read the period's articles, quotes, figures and speakers, and compose them; the quotes
    the last delivered digest showed are passed along, so they do not lead again, and the
    sources failing `failing_after` runs in a row, so the digest names them. `keep(articles,
    quotes)` chooses the articles a channel's view holds."""
    articles = store.articles_fetched_between(db, start, end)
    if keep is not None:
        articles = keep(articles, store.quotes_of(db, [a["id"] for a in articles]))
    ids = [a["id"] for a in articles]
    quotes, figures = store.quotes_of(db, ids), store.figures_of(db, ids)
    speakers = store.speakers_by_id(db, (q["speaker_id"] for q in quotes))
    last = store.last_delivered_digest(db)
    shown = (
        [q.text for s in Digest.from_body(last["body"]).stories for q in s.quotes] if last else []
    )
    failing = store.failing_sources(db, failing_after)
    return compose(start, end, articles, quotes, figures, speakers, settings, shown, failing)
