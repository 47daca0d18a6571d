"""The jobs `tradedigest run --once` runs and the scheduler repeats: ingest, compose, deliver."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from spacy.language import Language
from sqlite_utils import Database

from digest import compose, sources, store
from digest.config import Config, SourceConfig, SpeakersConfig
from digest.nlp import extract, extract_many
from digest.records import Article, Extraction

log = logging.getLogger(__name__)


@dataclass
class SourceReport:
    """What one source gave in one run."""

    name: str
    seen: int = 0
    new: int = 0
    error: str | None = None
    failed_articles: list[str] = field(default_factory=list)


def ingest(config: Config, db: Database, nlp: Language, now: datetime) -> list[SourceReport]:
    """Fetch every source, extract what is new and store it; a failing source stops only itself."""
    return [ingest_source(source, db, nlp, now, config.speakers) for source in config.sources]


def ingest_source(
    source: SourceConfig,
    db: Database,
    nlp: Language,
    now: datetime,
    speaker_rules: SpeakersConfig = store.NO_SPEAKER_RULES,
) -> SourceReport:
    report = SourceReport(source.name)
    try:
        articles = sources.fetch(source)
    except sources.SourceUnavailable as error:
        report.error = str(error)
    else:
        report.seen = len(articles)
        fresh = _unseen(db, articles)
        for article, extraction in _extracted(fresh, nlp, report):
            if _store(db, article, extraction, now, report, speaker_rules):
                report.new += 1
    store.record_source_run(
        db,
        source.name,
        source.kind,
        source.location,
        seen=report.seen,
        new=report.new,
        error=report.error,
        now=now.isoformat(),
    )
    return report


def _unseen(db: Database, articles: list[Article]) -> list[Article]:
    unseen, keys = [], set()
    for article in articles:
        key = sources.canonical_url(article.url)
        if key not in keys and store.find_article(db, key) is None:
            unseen.append(article)
            keys.add(key)
    return unseen


def _extracted(
    articles: list[Article], nlp: Language, report: SourceReport
) -> list[tuple[Article, Extraction]]:
    try:
        return list(zip(articles, extract_many((a.text for a in articles), nlp), strict=True))
    except Exception:
        # One bad article must not cost the batch: redo them one by one to find it.
        log.exception("batch extraction failed; retrying article by article")
    extracted = []
    for article in articles:
        try:
            extracted.append((article, extract(article.text, nlp)))
        except Exception as error:
            report.failed_articles.append(f"{article.url}: {error}")
    return extracted


def _store(
    db: Database,
    article: Article,
    extraction: Extraction,
    now: datetime,
    report: SourceReport,
    speaker_rules: SpeakersConfig,
) -> bool:
    try:
        store.save_article(
            db,
            article,
            extraction,
            canonical_url=sources.canonical_url(article.url),
            content_hash=sources.content_hash(article.text),
            fetched=now.isoformat(),
            speaker_rules=speaker_rules,
        )
    except Exception as error:
        log.exception("could not store %s", article.url)
        report.failed_articles.append(f"{article.url}: {error}")
        return False
    return True


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
