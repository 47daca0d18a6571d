from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from digest import jobs, store
from digest.config import SourceConfig
from digest.delivery import TerminalOutlet, deliver
from digest.nlp import MAX_CHARS

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")


def test_ingesting_twice_stores_each_article_once(config, nlp):
    db = store.open_store(config.db_path)
    first = jobs.ingest(config, db, nlp, NOW)
    second = jobs.ingest(config, db, nlp, NOW + timedelta(hours=1))
    assert [(r.seen, r.new) for r in first] == [(2, 2)]
    assert [(r.seen, r.new) for r in second] == [(2, 0)]
    assert db["articles"].count == 2
    assert db["quotes"].count > 20


def test_a_broken_source_is_recorded_and_does_not_stop_the_others(config, nlp, tmp_path):
    missing = SourceConfig("gone", "folder", path=tmp_path / "missing")
    config = replace(config, sources=(missing, *config.sources))
    db = store.open_store(config.db_path)
    reports = jobs.ingest(config, db, nlp, NOW)
    assert "does not exist" in reports[0].error
    assert reports[1].new == 2
    assert store.source_health(db)["gone"].consecutive_failures == 1


def test_an_article_that_cannot_be_extracted_is_skipped_alone(config, nlp, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text('"Tariffs hurt exports," Ross said.', encoding="utf-8")
    too_long = "The tariffs hit the trade. " * (MAX_CHARS // 27 + 1)
    (folder / "bad.txt").write_text(too_long, encoding="utf-8")
    config = replace(config, sources=(SourceConfig("in", "folder", path=folder),))
    db = store.open_store(config.db_path)
    [report] = jobs.ingest(config, db, nlp, NOW)
    assert (report.new, report.skipped, report.failed_articles) == (1, 1, [])
    rows = {r["url"].rsplit("/", 1)[1]: r for r in db["articles"].rows}
    assert rows["good.txt"]["status"] == "extracted"
    assert "over the limit" in rows["bad.txt"]["skip_reason"]


def test_a_digest_is_built_once_per_period_and_rebuilding_changes_nothing(config, nlp):
    db = store.open_store(config.db_path)
    jobs.ingest(config, db, nlp, NOW)
    digest = jobs.build_digest(config, db, NOW)
    stored = list(db["digests"].rows)
    assert len(digest.digest.stories) == 1
    assert digest.messages[0][0]["text"]["text"].startswith(f"Trade digest #{digest.id}")
    assert jobs.build_digest(config, db, NOW) == digest
    assert list(db["digests"].rows) == stored


def test_the_next_digest_starts_where_the_last_delivered_one_ended(config, nlp):
    db = store.open_store(config.db_path)
    jobs.ingest(config, db, nlp, NOW)
    first = jobs.build_digest(config, db, NOW)
    # Not delivered: the next digest covers the same articles again.
    retry = jobs.build_digest(config, db, NOW + timedelta(hours=1))
    assert retry.period_start == first.period_start
    assert retry.digest.stories == first.digest.stories
    deliver(db, retry, TerminalOutlet(lambda digest: None), NOW)
    # The same instant in another timezone is the same moment.
    later = jobs.build_digest(config, db, (NOW + timedelta(hours=2)).astimezone(NEW_YORK))
    assert later.period_start == retry.period_end
    assert later.digest.stories == ()
    assert "No new trade news" in later.messages[0][-1]["text"]["text"]


def test_a_source_failing_run_after_run_is_named_in_the_digest(config, nlp, tmp_path):
    missing = SourceConfig("gone", "folder", path=tmp_path / "missing")
    config = replace(config, sources=(missing,))
    db = store.open_store(config.db_path)
    for hour in range(config.ingest.failing_after):
        jobs.ingest(config, db, nlp, NOW + timedelta(hours=hour))
    digest = jobs.build_digest(config, db, NOW + timedelta(hours=5))
    [failing] = digest.digest.failing
    assert (failing.name, failing.failures) == ("gone", config.ingest.failing_after)
    assert "does not exist" in failing.last_error
