import logging
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.app import slack_client
from bot.scheduler import Jobs, build_scheduler, catch_up, digest_trigger, missed_digest
from digest import jobs, store
from digest.compose import Digest
from digest.config import ScheduleConfig, SourceConfig
from digest.records import StoredDigest
from digest.workers import POOL_FROM
from tests.bot.conftest import SECRET
from tests.bot.fake_slack import form, send, sign, slash_command
from tests.digest.test_ingest import distinct_story

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS_8AM = digest_trigger(ScheduleConfig("08:00", timezone="America/New_York"))


def _fires(trigger: CronTrigger, start: datetime, count: int) -> list[datetime]:
    fires, previous = [], None
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, previous or start)
        fires.append(previous)
        previous += timedelta(seconds=1)
    return fires


@pytest.mark.parametrize(
    ("start", "utc_hours"),
    [
        # Clocks go forward on Sunday 8 March 2026: 08:00 is 13:00 UTC, then 12:00 UTC.
        (datetime(2026, 3, 5, tzinfo=UTC), [13, 13, 12, 12]),
        # Clocks go back on Sunday 1 November 2026: 12:00 UTC, then 13:00 UTC.
        (datetime(2026, 10, 29, tzinfo=UTC), [12, 12, 13, 13]),
    ],
)
def test_the_digest_fires_at_8am_new_york_on_weekdays_across_a_dst_change(start, utc_hours):
    fires = _fires(WEEKDAYS_8AM, start, 4)
    assert [f.astimezone(NEW_YORK).strftime("%a %H:%M") for f in fires] == [
        "Thu 08:00",
        "Fri 08:00",
        "Mon 08:00",
        "Tue 08:00",
    ]
    assert [f.astimezone(UTC).hour for f in fires] == utc_hours


MONDAY_8AM = datetime(2026, 11, 23, 8, 0, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("now", "last_end", "missed"),
    [
        (MONDAY_8AM + timedelta(hours=2), None, MONDAY_8AM),
        (MONDAY_8AM + timedelta(hours=2), MONDAY_8AM - timedelta(days=3), MONDAY_8AM),
        (MONDAY_8AM + timedelta(hours=2), MONDAY_8AM + timedelta(minutes=1), None),
        (MONDAY_8AM - timedelta(hours=1), None, None),  # Sunday: no digest was due
        (MONDAY_8AM + timedelta(hours=13), None, None),  # too late: the next one covers it
    ],
)
def test_a_digest_missed_while_stopped_is_caught_up_once(now, last_end, missed):
    last = None
    if last_end:
        end = last_end.astimezone(UTC).isoformat()
        last = StoredDigest(1, "start", end, "created", Digest("start", end))
    assert missed_digest(WEEKDAYS_8AM, last, now.astimezone(UTC)) == missed


def test_serve_schedules_the_missed_digest_at_start_and_only_once(bot_config, connect):
    an_hour_ago = datetime.now(ZoneInfo(bot_config.schedule.timezone)) - timedelta(hours=1)
    schedule = replace(bot_config.schedule, digest_days="*", digest_time=f"{an_hour_ago:%H:%M}")
    config = replace(bot_config, schedule=schedule)
    work = Jobs(config, connect, None, slack_client(config))
    scheduler = BackgroundScheduler()
    catch_up(scheduler, config, work, connect())
    assert [job.id for job in scheduler.get_jobs()] == ["missed-digest"]
    jobs.build_digest(config, connect(), datetime.now(UTC))  # as the missed digest job does
    scheduler.remove_all_jobs()
    catch_up(scheduler, config, work, connect())
    assert scheduler.get_jobs() == []


def test_only_the_process_holding_the_lock_runs_the_jobs(bot_config, connect, slack, caplog):
    client = slack_client(bot_config)
    first = Jobs(bot_config, connect, None, client, owner="first")
    second = Jobs(bot_config, connect, None, client, owner="second")
    assert first.hold_lock()
    with caplog.at_level(logging.INFO, logger="bot.scheduler"):
        second.digest()
    assert "digest skipped: another tradedigest serve runs the jobs" in caplog.text
    assert slack.posts() == []
    with caplog.at_level(logging.INFO, logger="bot.scheduler"):
        first.digest()
    assert "digest done in" in caplog.text
    assert len(slack.posts()) == 2
    first.release_lock()
    assert second.hold_lock()


def test_a_serve_taking_over_the_lock_sends_the_digest_its_dead_holder_missed_once(
    bot_config, connect, slack
):
    an_hour_ago = datetime.now(ZoneInfo(bot_config.schedule.timezone)) - timedelta(hours=1)
    schedule = replace(bot_config.schedule, digest_days="*", digest_time=f"{an_hour_ago:%H:%M}")
    config = replace(bot_config, schedule=schedule)
    client = slack_client(config)
    dying = Jobs(config, connect, None, client, owner="dying")
    standby = Jobs(config, connect, None, client, owner="standby")
    assert dying.hold_lock()
    standby.digest()  # digest time: the holder is dying, the standby may not run the job
    assert slack.posts() == []
    # The dying serve was killed without SIGTERM: its lease runs out unrenewed.
    connect().execute("update locks set until = '2000-01-01T00:00:00+00:00'")
    scheduler = build_scheduler(config, standby)
    scheduler.start()
    try:
        assert standby.hold_lock()
        deadline = time.monotonic() + 20
        while len(slack.posts()) < 2:
            assert time.monotonic() < deadline, "the missed digest was not sent"
            time.sleep(0.05)
        standby.hold_lock()  # renewing is no takeover
        standby.missed_digest()  # nor does a second catch-up send again
    finally:
        scheduler.shutdown(wait=True)
    assert sorted(p.body["channel"] for p in slack.posts()) == ["#markets", "#trade-desk"]
    assert store.latest_digest(connect()).id == 1


def test_jobs_never_overlap_and_missed_runs_collapse(bot_config, connect):
    work = Jobs(bot_config, connect, None, slack_client(bot_config))
    scheduler = build_scheduler(bot_config, work)
    scheduler.start(paused=True)  # job defaults apply once the jobs are really added
    scheduled = {job.id: job for job in scheduler.get_jobs()}
    scheduler.shutdown(wait=False)
    assert set(scheduled) == {"ingest", "digest", "lock"}
    assert all(job.max_instances == 1 and job.coalesce for job in scheduled.values())
    assert scheduled["ingest"].func == work.ingest
    assert scheduled["ingest"].trigger.interval == timedelta(minutes=30)
    assert scheduled["digest"].func == work.digest
    assert scheduled["digest"].misfire_grace_time == 3600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(path, text, timeout=60.0):
    deadline = time.monotonic() + timeout
    while text not in (log := path.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, f"{text!r} not in log:\n{log}"
        time.sleep(0.1)
    return log


def test_serve_runs_jobs_answers_commands_and_stops_cleanly(bot_config, slack, tmp_path):
    port = _free_port()
    config = tmp_path / "serve.toml"
    config.write_text(
        f'[database]\npath = "{bot_config.db_path}"\n'
        '[[sources]]\nname = "samples"\nkind = "folder"\npath = "bundled:samples"\n'
        f'[slack]\nport = {port}\nchannels = ["#trade-desk"]\n',
        encoding="utf-8",
    )
    token = "xoxb-never-print-me"
    env = {
        **os.environ,
        "TRADEDIGEST_CONFIG": str(config),
        "SLACK_BOT_TOKEN": token,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
    }
    env.pop("SLACK_APP_TOKEN", None)
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [Path(sys.executable).with_name("tradedigest"), "serve"],
            env=env,
            stdout=out,
            stderr=out,
        )
    try:
        started = _wait_for(log, "serving workspace Trade Desk")
        assert f"http://127.0.0.1:{port}/slack/events" in started
        assert "channels #trade-desk" in started and "next digest" in started
        _wait_for(log, "ingest done in")
        body = form(slash_command("/quotes", "reciprocal", slack.response_url("serve")))
        assert send(f"http://127.0.0.1:{port}/slack/events", body, sign(SECRET, body))[0] == 200
        [answer] = slack.wait_for("/respond/serve", timeout=10)
        assert "reciprocal" in answer.body["text"]
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
    output = log.read_text(encoding="utf-8")
    assert "stopped" in output
    assert token not in output and SECRET not in output


def test_serve_keeps_its_extraction_processes_between_ingest_runs(
    bot_config, connect, nlp, tmp_path
):
    folder = tmp_path / "articles"
    folder.mkdir()
    config = replace(
        bot_config,
        sources=(SourceConfig("local", "folder", path=folder),),
        ingest=replace(bot_config.ingest, workers=2),
    )
    work = Jobs(config, connect, nlp, slack_client(config))
    runs = []
    for run in range(2):
        for n in range(run * 100, run * 100 + POOL_FROM + 8):
            (folder / f"story-{n}.txt").write_text(distinct_story(n), encoding="utf-8")
        work.ingest()
        runs.append({child.pid for child in multiprocessing.active_children()})
    assert len(runs[0]) == 1 and runs[1] == runs[0]  # the model was loaded once, not each run
    assert connect()["articles"].count == 2 * (POOL_FROM + 8)
    work.close()
    assert not multiprocessing.active_children()
