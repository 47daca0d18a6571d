"""The schedule of `tradedigest serve`: ingestion every N minutes, the digest at its local time.

The jobs are the functions `tradedigest run --once` calls (`digest.jobs`). A lock in the store
lets one `serve` run them; a second one stands by and takes over when the first stops renewing
it, and then sends a digest whose time passed while the first was dying.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient
from spacy.language import Language
from sqlite_utils import Database

from bot import alerts
from bot.delivery import SlackOutlet
from digest import jobs, store
from digest.config import Config, ScheduleConfig
from digest.delivery import OWNER
from digest.records import StoredDigest
from digest.workers import Pool

log = logging.getLogger(__name__)

LOCK = "jobs"
LEASE = timedelta(minutes=3)
RENEW_EVERY = timedelta(minutes=1)
# A digest missed while down by more than this is not sent late: the next one covers its news.
CATCH_UP_WITHIN = timedelta(hours=12)
DIGEST_MISFIRE_GRACE = timedelta(hours=1)


def digest_trigger(schedule: ScheduleConfig) -> CronTrigger:
    """Fires at the configured wall-clock time in its timezone, whatever the UTC offset."""
    hour, minute = schedule.hour_minute
    return CronTrigger(
        day_of_week=schedule.digest_days,
        hour=hour,
        minute=minute,
        timezone=ZoneInfo(schedule.timezone),
    )


def missed_digest(
    trigger: CronTrigger, last_digest: StoredDigest | None, now: datetime
) -> datetime | None:
    """The scheduled digest time that passed with no digest built since, if recent enough."""
    latest, moment = None, now - CATCH_UP_WITHIN
    while (moment := trigger.get_next_fire_time(None, moment)) and moment <= now:
        latest, moment = moment, moment + timedelta(seconds=1)
    if latest is None or (last_digest and last_digest.period_end >= store.timestamp(latest)):
        return None
    return latest


class Jobs:
    """The scheduled jobs, each run only while this process holds the jobs lock."""

    def __init__(
        self,
        config: Config,
        connect: Callable[[], Database],
        nlp: Language,
        client: WebClient,
        owner: str = OWNER,
    ) -> None:
        self.config, self.connect, self.nlp, self.client = config, connect, nlp, client
        self.owner = owner
        self.outlet = SlackOutlet(client, config.slack.channels)
        # Called when this process takes the jobs lock it did not hold (at start, or from a
        # `serve` that stopped renewing it): `build_scheduler` makes it catch up a missed digest.
        self.on_takeover: Callable[[], None] | None = None
        # Extraction processes kept between runs: each loads the model once per `serve`.
        self.pool = Pool(config.ingest.workers)
        self._holding = False
        self._one_at_a_time = threading.Lock()

    def ingest(self) -> None:
        self._run(
            "ingest", lambda db, now: jobs.ingest(self.config, db, self.nlp, now, pool=self.pool)
        )
        self._run("alerts", lambda db, now: alerts.run(self.config, db, self.client, now))

    def digest(self) -> None:
        """The digest job: ingest first (with a model), so the digest has the news up to now."""
        self._run("digest", self._digest)

    def _digest(self, db: Database, now: datetime) -> list:
        done = jobs.run_digest(self.config, db, self.nlp, now, self.outlet, pool=self.pool)
        return list(done.outcomes)

    def missed_digest(self) -> None:
        """The digest job, if its time passed with no digest made since; else nothing."""

        def if_missed(db: Database, now: datetime) -> list:
            trigger = digest_trigger(self.config.schedule)
            if missed_digest(trigger, store.latest_digest(db), now) is None:
                return []
            return self._digest(db, now)

        self._run("missed digest", if_missed)

    def hold_lock(self) -> bool:
        """Take or renew the jobs lock; False while another process holds it."""
        now = datetime.now(UTC)
        held = store.acquire_lock(
            self.connect(),
            LOCK,
            owner=self.owner,
            now=store.timestamp(now),
            until=store.timestamp(now + LEASE),
        )
        taken_over, self._holding = held and not self._holding, held
        if taken_over and self.on_takeover is not None:
            self.on_takeover()
        return held

    def close(self) -> None:
        """Release the jobs lock and stop the extraction processes."""
        self.release_lock()
        self.pool.close()

    def release_lock(self) -> None:
        store.release_lock(self.connect(), LOCK, owner=self.owner)
        self._holding = False

    def _run(self, name: str, job: Callable[[Database, datetime], list]) -> None:
        if not self.hold_lock():
            log.info("%s skipped: another tradedigest serve runs the jobs", name)
            return
        started = time.monotonic()
        try:
            # One job at a time: the digest job ingests too, never beside the ingest job.
            with self._one_at_a_time:
                results = job(self.connect(), datetime.now(UTC))
        except Exception:
            log.exception("%s failed after %.1fs", name, time.monotonic() - started)
            return
        log.info(
            "%s done in %.1fs: %s",
            name,
            time.monotonic() - started,
            "; ".join(map(_summary, results)) or "nothing to do",
        )


def _summary(result: object) -> str:
    if isinstance(result, jobs.SourceReport):
        return f"{result.name} {result.new} new" + (" (error)" if result.error else "")
    return str(result)


def build_scheduler(config: Config, work: Jobs) -> BackgroundScheduler:
    """Ingest now and every N minutes, the digest at its time, the lock renewed every minute;
    no job runs twice at once and runs missed while busy collapse into one."""
    zone = ZoneInfo(config.schedule.timezone)
    every = config.schedule.ingest_every_minutes
    scheduler = BackgroundScheduler(
        timezone=zone, job_defaults={"max_instances": 1, "coalesce": True}
    )
    scheduler.add_job(
        work.ingest,
        IntervalTrigger(minutes=every, timezone=zone),
        id="ingest",
        next_run_time=datetime.now(zone),
        misfire_grace_time=every * 30,
    )
    scheduler.add_job(
        work.digest,
        digest_trigger(config.schedule),
        id="digest",
        misfire_grace_time=int(DIGEST_MISFIRE_GRACE.total_seconds()),
    )
    scheduler.add_job(
        work.hold_lock,
        IntervalTrigger(seconds=int(RENEW_EVERY.total_seconds()), timezone=zone),
        id="lock",
        next_run_time=datetime.now(zone),
    )
    work.on_takeover = lambda: catch_up(scheduler, config, work, work.connect())
    return scheduler


def catch_up(scheduler: BackgroundScheduler, config: Config, work: Jobs, db: Database) -> None:
    """Send once, now, a digest whose time passed while no `serve` ran the jobs."""
    now = datetime.now(UTC)
    missed = missed_digest(digest_trigger(config.schedule), store.latest_digest(db), now)
    if missed:
        log.info("the digest of %s was missed: sending it now", missed.isoformat())
        # The job checks again when it runs: a catch-up asked for twice sends once.
        scheduler.add_job(
            work.missed_digest, id="missed-digest", next_run_time=now, replace_existing=True
        )
