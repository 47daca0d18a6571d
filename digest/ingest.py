"""The ingest run: fetch every source at once, decide what each article is, extract the new ones
in batches and store each article in its own transaction.

Decisions, in order: an article already stored under its canonical URL with the same text is
nothing new; with a different text it is a new version of that article. A new URL whose text
matches (exactly, or as a near duplicate) an article stored or met earlier in the run is stored
as a duplicate of that first copy. An article in another language or not about trade is stored
as skipped with the reason. Only the rest, and new versions, are extracted.

Sources are stored as they arrive: a slow source never holds back storing the others. A source's
fetch state (HTTP validators, file times) is saved only after its articles are stored, so a run
stopped midway is completed by the next one."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from spacy.language import Language
from sqlite_utils import Database

from digest import dedupe, relevance, sources, speakers, store, workers
from digest.config import Config, SourceConfig
from digest.records import Article, ArticleRecord, Extraction, StoredArticle

log = logging.getLogger(__name__)


@dataclass
class SourceReport:
    """What one source gave in one run."""

    name: str
    seen: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    skipped: int = 0
    unchanged: int = 0
    deferred: int = 0
    not_modified: bool = False
    error: str | None = None
    failed_articles: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Articles read but not stored (extraction or the store failed): the fetch state is kept.
    unstored: int = 0

    @property
    def accounted(self) -> int:
        """Items with an outcome; equal to `seen` once the run is over."""
        outcomes = (self.new, self.updated, self.duplicates, self.skipped, self.unchanged)
        return sum(outcomes) + self.deferred + len(self.failed_articles)


@dataclass
class Timings:
    """Seconds spent in each stage of a run; fetch and parse split the concurrent fetch stage."""

    fetch: float = 0.0
    parse: float = 0.0
    dedupe: float = 0.0
    extract: float = 0.0
    store: float = 0.0


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...

    def advance(self) -> None: ...


class _Quiet:
    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self) -> None:
        pass


@dataclass(eq=False)
class _Item:
    """One fetched article and what the run decided about it."""

    report: SourceReport
    source: SourceConfig
    article: Article
    canonical: str
    hash: str
    minhash: bytes | None
    version_of: int | None = None
    duplicate_of: object | None = None  # a stored article id, or an _Item met earlier
    skip_reason: str | None = None
    stored_id: int | None = None

    @property
    def status(self) -> str:
        if self.duplicate_of is not None:
            return "duplicate"
        return "skipped" if self.skip_reason else "extracted"


def run(
    config: Config,
    db: Database,
    nlp: Language,
    now: datetime,
    *,
    client: sources.HttpClient | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
    pool: workers.Pool | None = None,
) -> list[SourceReport]:
    """Ingest every configured source; a failing source or article stops only itself. With
    `pool`, extraction uses its worker processes and leaves them running for the next run."""
    progress, timings = progress or _Quiet(), timings or Timings()
    if client is None:
        with sources.HttpClient(config.ingest) as own_client:
            return run(
                config,
                db,
                nlp,
                now,
                client=own_client,
                progress=progress,
                timings=timings,
                pool=pool,
            )
    decider = _Decider(db, config)
    storer = _Storer(db, config, now.isoformat(), timings, pool)
    reports = {}
    progress.start("Fetching, extracting and storing", len(config.sources))
    for arrived in _fetch_all(config, db, client, timings):
        started = time.perf_counter()
        items = [item for fetch in arrived for item in decider.decide(*fetch)]
        timings.dedupe += time.perf_counter() - started
        storer.store_all(items, nlp)
        for source, report, fetched in arrived:
            _record(db, source, report, fetched, now.isoformat())
            reports[source.name] = report
            progress.advance()
    return [reports[source.name] for source in config.sources]


# Fetching ---------------------------------------------------------------------------------------

# A source, its report, and what it gave (None when it failed).
_Fetch = tuple[SourceConfig, SourceReport, sources.Fetched | None]


def _fetch_all(
    config: Config,
    db: Database,
    client: sources.HttpClient,
    timings: Timings,
) -> Iterator[list[_Fetch]]:
    """The sources' fetches in groups as they complete: whatever has arrived while the caller
    stored the last group comes next, so extraction still runs in batches across sources."""
    urls, guids = store.known_keys(db)
    states = {source.name: store.fetch_state(db, source.name) for source in config.sources}
    http_before = client.seconds

    def one(source: SourceConfig) -> _Fetch:
        began = time.perf_counter()

        def known(url: str, guid: str | None) -> bool:
            return url in urls or (guid is not None and (source.name, guid) in guids)

        report = SourceReport(source.name)
        try:
            got = sources.fetch(source, client, states[source.name], known)
        except sources.SourceUnavailable as error:
            report.error, got = str(error), None
        except Exception as error:
            log.exception("source %s failed unexpectedly", source.name)
            report.error, got = f"source {source.name!r}: {type(error).__name__}: {error}", None
        busy.append(time.perf_counter() - began)
        return source, report, got

    busy: list[float] = []
    waited = 0.0
    with ThreadPoolExecutor(max_workers=config.ingest.fetchers) as pool:
        pending: set[Future[_Fetch]] = {pool.submit(one, source) for source in config.sources}
        while pending:
            began = time.perf_counter()
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            waited += time.perf_counter() - began
            yield [future.result() for future in done]
    _split_fetch_time(timings, wall=waited, http=client.seconds - http_before, busy=sum(busy))


def _split_fetch_time(timings: Timings, *, wall: float, http: float, busy: float) -> None:
    # Sources are fetched concurrently: share the time spent waiting for them out by time spent
    # on HTTP vs parsing.
    share = min(1.0, http / busy) if busy else 0.0
    timings.fetch += wall * share
    timings.parse += wall * (1 - share)


# Deciding ---------------------------------------------------------------------------------------


class _Decider:
    def __init__(self, db: Database, config: Config):
        self.db, self.config = db, config
        self.by_hash: dict[str, _Item] = {}
        self.canonicals: set[str] = set()
        self._near: dedupe.NearDuplicates | None = None
        self._addresses: defaultdict[str, list[str]] | None = None

    def decide(
        self, source: SourceConfig, report: SourceReport, fetched: sources.Fetched | None
    ) -> Iterator[_Item]:
        if fetched is None:
            return
        report.seen, report.unchanged = fetched.seen, fetched.unchanged
        report.deferred, report.not_modified = fetched.deferred, fetched.not_modified
        report.failed_articles.extend(fetched.skipped)
        report.warnings.extend(fetched.warnings)
        for warning in fetched.warnings:
            log.warning("source %s: %s", source.name, warning)
        for article in fetched.articles:
            item = self._decide(source, report, article)
            if item is not None:
                yield item

    def _decide(self, source: SourceConfig, report: SourceReport, article: Article) -> _Item | None:
        canonical = dedupe.canonical_url(article.url)
        if canonical in self.canonicals:
            # Another item of this run had the same link: one article, stored once.
            report.duplicates += 1
            return None
        self.canonicals.add(canonical)
        text_hash = dedupe.content_hash(article.text)
        stored = store.find_article(self.db, canonical)
        if stored and stored.content_hash == text_hash:
            report.unchanged += 1
            return None
        item = _Item(report, source, article, canonical, text_hash, dedupe.signature(article.text))
        if not stored:
            item.duplicate_of, item.skip_reason = self._first_copy(item)
            stored = self._same_address(item)
            if stored and stored.content_hash == text_hash:
                report.unchanged += 1
                return None
        if stored:
            item.version_of = stored.id
            item.duplicate_of = item.skip_reason = None
        if item.duplicate_of is None:
            item.skip_reason = relevance.skip_reason(
                article.title, article.text, self.config.relevance, source.keywords
            )
            self._remember(item)
        return item

    def _first_copy(self, item: _Item) -> tuple[object | None, str | None]:
        first = self.by_hash.get(item.hash) or store.first_with_hash(self.db, item.hash)
        if first is not None:
            return first, "same text"
        if item.minhash is not None and (found := self.near().find(item.minhash)):
            key, score = found
            return key, f"near duplicate (similarity {score:.2f})"
        return None, None

    def _same_address(self, item: _Item) -> StoredArticle | None:
        """The stored article at the item's address apart from its query string, when the item
        is a copy of it: a cache-busting parameter (`?ts=...`) does not make a new article."""
        if item.duplicate_of is None or isinstance(item.duplicate_of, _Item):
            return None
        first = item.duplicate_of
        for canonical in self.stored_at(dedupe.without_query(item.canonical)):
            stored = store.find_article(self.db, canonical)
            if stored is not None and first in (stored.id, stored.duplicate_of):
                return stored
        return None

    def stored_at(self, address: str) -> list[str]:
        if self._addresses is None:
            self._addresses = defaultdict(list)
            for canonical in store.known_keys(self.db)[0]:
                self._addresses[dedupe.without_query(canonical)].append(canonical)
        return self._addresses.get(address, [])

    def _remember(self, item: _Item) -> None:
        self.by_hash.setdefault(item.hash, item)
        if item.minhash is not None:
            self.near().add(item, item.minhash)

    def near(self) -> dedupe.NearDuplicates:
        # Loaded on first need: a run with nothing new never reads the stored signatures.
        if self._near is None:
            self._near = dedupe.NearDuplicates(self.config.ingest.near_duplicate)
            for article_id, signature in store.signatures(self.db):
                self._near.add(article_id, signature)
        return self._near


# Extracting and storing -------------------------------------------------------------------------


@dataclass
class _Storer:
    """Extracts in batches and stores each article in its own transaction, timing both."""

    db: Database
    config: Config
    now: str
    timings: Timings
    pool: workers.Pool | None

    def store_all(self, items: list[_Item], nlp: Language) -> None:
        # First copies before their duplicates, so a duplicate can point at the stored copy.
        later = [i for i in items if isinstance(i.duplicate_of, _Item)]
        first = [i for i in items if not isinstance(i.duplicate_of, _Item)]
        for item in (i for i in first if i.status != "extracted"):
            self.save(item, Extraction())
        to_extract = [i for i in first if i.status == "extracted"]
        outcomes = workers.extract_all(
            [i.article.text for i in to_extract],
            nlp,
            workers=self.config.ingest.workers,
            batch_size=self.config.ingest.batch_size,
            pool=self.pool,
        )
        for item in to_extract:
            started = time.perf_counter()
            outcome = next(outcomes)
            self.timings.extract += time.perf_counter() - started
            if isinstance(outcome, workers.Failed):
                item.report.failed_articles.append(f"{item.article.url}: {outcome.error}")
                item.report.unstored += 1
            elif outcome.gave_up:  # past the size or time budget: recorded, never stored half
                item.skip_reason = f"extraction gave up: {outcome.gave_up}"
                self.save(item, Extraction())
            else:
                self.save(item, outcome)
        for item in later:
            self.save(item, Extraction())

    def save(self, item: _Item, extraction: Extraction) -> None:
        started = time.perf_counter()
        try:
            self._save(item, extraction)
        except store.AlreadyStored as stored:
            # Another process stored it first (two runs at once): a duplicate of its copy.
            item.duplicate_of = item.stored_id = stored.article_id
            _count(item)
        except Exception as error:
            log.exception("could not store %s", item.article.url)
            item.report.failed_articles.append(f"{item.article.url}: {error}")
            item.report.unstored += 1
        else:
            _count(item)
        self.timings.store += time.perf_counter() - started

    def _save(self, item: _Item, extraction: Extraction) -> None:
        first = item.duplicate_of
        if isinstance(first, _Item):
            if first.stored_id is None:
                raise ValueError("its first copy could not be stored")
            first = first.stored_id
        assert first is None or isinstance(first, int)
        record = ArticleRecord(
            item.article,
            extraction,
            canonical_url=item.canonical,
            content_hash=item.hash,
            fetched=self.now,
            status=item.status,
            skip_reason=item.skip_reason,
            duplicate_of=first,
            minhash=item.minhash if first is None else None,
        )
        filer = speakers.filer(self.config.speakers)
        if item.version_of is not None:
            store.save_version(self.db, item.version_of, record, filer)
            item.stored_id = item.version_of
        else:
            item.stored_id = store.save_article(self.db, record, filer)


def _count(item: _Item) -> None:
    report = item.report
    if item.status == "duplicate":
        report.duplicates += 1
    elif item.status == "skipped":
        report.skipped += 1
    elif item.version_of is not None:
        report.updated += 1
    else:
        report.new += 1


def _record(
    db: Database,
    source: SourceConfig,
    report: SourceReport,
    fetched: sources.Fetched | None,
    now: str,
) -> None:
    # Items that could not be read are owed in the state itself (`sources._http.remembered`); an
    # article read but not stored keeps the old state, so the next run reads it again.
    if fetched is not None and fetched.state and not report.unstored:
        store.save_fetch_state(db, source.name, fetched.state, now)
    store.record_source_run(
        db,
        source.name,
        source.kind,
        source.location,
        seen=report.seen,
        new=report.new + report.updated,
        error=report.error,
        now=now,
        duplicates=report.duplicates,
        skipped=report.skipped,
        failed=len(report.failed_articles),
    )
