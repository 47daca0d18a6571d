"""The two jobs: ingest, and the digest job `run --once` and the scheduler both run.

`run_digest` is the one path of a digest: ingest what is new, deliver what earlier runs left
undelivered, then compose the digest of everything since the last one, store it (rendered) and
deliver it through an outlet, Slack or the terminal, under the store's claim protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial

from spacy.language import Language
from sqlite_utils import Database

from digest import follows, render, store
from digest.compose import Digest, ShownFigure, compose
from digest.config import Config, DigestConfig
from digest.delivery import Outcome, Outlet, deliver, post
from digest.ingest import Progress, SourceReport, Timings
from digest.ingest import run as run_ingest
from digest.records import StoredArticle, StoredDigest, StoredQuote
from digest.workers import Pool

__all__ = [
    "DigestRun",
    "SourceReport",
    "build_digest",
    "channel_view",
    "compose_digest",
    "compose_period",
    "ingest",
    "run_digest",
    "view_for",
]

# Earlier digests whose key figures a new one's may update: about a month of daily digests.
EARLIER_DIGESTS = 30


def ingest(
    config: Config,
    db: Database,
    nlp: Language,
    now: datetime,
    progress: Progress | None = None,
    timings: Timings | None = None,
    pool: Pool | None = None,
) -> list[SourceReport]:
    """Fetch every source, extract what is new and store it; a failing source stops only itself.
    A `pool` of extraction processes is used and left running (`serve` keeps one)."""
    return run_ingest(config, db, nlp, now, progress=progress, timings=timings, pool=pool)


@dataclass(frozen=True)
class DigestRun:
    """What one digest job did: each source's ingest, each delivery, the digest of its period."""

    reports: tuple[SourceReport, ...]
    outcomes: tuple[Outcome, ...]
    digest: StoredDigest | None


def run_digest(
    config: Config,
    db: Database,
    nlp: Language | None,
    now: datetime,
    outlet: Outlet,
    pool: Pool | None = None,
) -> DigestRun:
    """Ingest (when `nlp` is given), finish what earlier runs left undelivered, then deliver the
    digest of everything since the last one. After a digest left undelivered was sent, a period
    with nothing new is not sent too."""
    reports = tuple(ingest(config, db, nlp, now, pool=pool)) if nlp is not None else ()
    outcomes = [
        post(db, earlier, row.channel, outlet, now)
        for row in store.unfinished_deliveries(db)
        if row.channel in outlet.channels and (earlier := store.digest_by_id(db, row.digest_id))
    ]
    pending = store.undelivered_digests(db)
    for earlier in pending:
        outcomes += deliver(db, earlier, outlet, now)
    digest = compose_digest(config, db, now, keep_empty=not pending)
    if digest is not None:
        outcomes += deliver(db, digest, outlet, now)
    return DigestRun(reports, tuple(outcomes), digest)


def build_digest(config: Config, db: Database, now: datetime) -> StoredDigest:
    """The digest due now: the oldest stored one not yet delivered, else the digest of
    everything since the latest one, built once per period."""
    pending = store.undelivered_digests(db)
    if pending:
        return pending[0]
    digest = compose_digest(config, db, now)
    assert digest is not None
    return digest


def compose_digest(
    config: Config, db: Database, now: datetime, keep_empty: bool = True
) -> StoredDigest | None:
    """The stored, rendered digest of everything ingested since the latest digest, built once
    per period (the same record on every call); None for an empty period unless `keep_empty`.

    One write transaction from reading the latest period to storing the new one: two runs at
    once never make two digests of overlapping periods."""
    with store.writing(db):
        latest = store.latest_digest(db)
        end = store.timestamp(now)
        if latest and latest.period_end >= end:
            return latest
        if latest:
            start = latest.period_end
        else:
            first_hours = timedelta(hours=config.digest.first_period_hours)
            start = store.timestamp(now.astimezone(UTC) - first_hours)
        digest = compose_period(db, start, end, config.digest, config.ingest.failing_after)
        if digest.articles == 0 and not keep_empty:
            return None
        stored = store.save_digest(db, digest, created=end)
        if stored.messages is None:
            stored = store.save_digest_messages(db, stored.id, render.to_messages(stored.digest))
        for channel, topics in config.slack.channel_topics:
            channel_view(config, db, stored, channel, topics)
        return stored


def view_for(config: Config, db: Database, stored: StoredDigest, channel: str) -> StoredDigest:
    """The digest `channel` gets: its own view when the configuration gives it topics."""
    topics = config.slack.topics_of(channel)
    return channel_view(config, db, stored, channel, topics) if topics else stored


def channel_view(
    config: Config, db: Database, stored: StoredDigest, channel: str, topics: tuple[str, ...]
) -> StoredDigest:
    """The digest as `channel` sees it: only the period's stories on its topics, said in the
    header; built once, like the digest."""
    view = store.channel_view(db, stored.id, channel)
    if view is not None:
        return view
    keep = partial(follows.on_topics, topics=topics)
    start, end = stored.period_start, stored.period_end
    digest = compose_period(db, start, end, config.digest, config.ingest.failing_after, keep)
    digest = replace(digest, topics=tuple(topics))
    messages = render.to_messages(replace(digest, number=stored.id))
    return store.save_channel_view(db, stored.id, channel, digest, messages)


def compose_period(
    db: Database,
    start: str,
    end: str,
    settings: DigestConfig,
    failing_after: int,
    keep: Callable[[list[StoredArticle], list[StoredQuote]], list[StoredArticle]] | None = None,
) -> Digest:
    """Read the period's articles, quotes, figures and speakers, and compose them; the quotes
    the last delivered digest showed are passed along, so they do not lead again, and the
    sources failing `failing_after` runs in a row, so the digest names them. `keep(articles,
    quotes)` chooses the articles a channel's view holds."""
    articles = store.articles_fetched_between(db, start, end)
    if keep is not None:
        articles = keep(articles, store.quotes_of(db, [a.id for a in articles]))
    ids = [a.id for a in articles]
    quotes, figures = store.quotes_of(db, ids), store.figures_of(db, ids)
    speakers = store.speakers_by_id(db, (q.speaker_id for q in quotes))
    last = store.last_delivered_digest(db)
    shown = [q.text for s in last.digest.stories for q in s.quotes] if last else []
    failing = store.failing_sources(db, failing_after)
    earlier = shown_figures(store.list_digests(db, limit=EARLIER_DIGESTS), before=start)
    return compose(
        start, end, articles, quotes, figures, speakers, settings, shown, failing, earlier
    )


def shown_figures(digests: list[StoredDigest], before: str) -> list[ShownFigure]:
    """The key figures of digests whose period ended by `before`, latest first."""
    return [
        ShownFigure(figure, stored.period_end)
        for stored in digests
        if stored.period_end <= before
        for story in stored.digest.stories
        for figure in story.figures
    ]
