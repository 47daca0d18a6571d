import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from digest import ingest, store
from digest.config import IngestConfig, SourceConfig, load_config
from digest.workers import POOL_FROM
from tests.digest.fake_web import running
from tests.digest.test_sources import BODY, BOMB, item, rss

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
FAST = IngestConfig(timeout_seconds=0.3, retries=0, backoff_seconds=0.01, failing_after=2)
WIRE = (
    "WASHINGTON (Wire) — The United States will raise tariffs on Chinese steel imports to 25"
    " percent next month, Commerce Secretary Wilbur Ross said on Monday, widening a trade war"
    " that has already cut exports of soybeans. “We will not let dumping continue,” Ross told"
    " reporters at the Commerce Department, adding that talks at the WTO had stalled. Beijing"
    " said it would answer with duties of its own on American goods worth $50 billion a year."
)

LUMBER = (
    "OTTAWA (Wire) — Canada asked the WTO on Friday to rule against American duties on softwood"
    " lumber, the latest turn in a dispute over trade that has run for decades. Exports of lumber"
    " to the United States fell by a fifth last year, the trade ministry said."
)


@pytest.fixture
def web():
    with running() as web:
        yield web


@pytest.fixture
def setup(config, tmp_path):
    """A config with the given sources and fast HTTP limits, and its store."""

    def make(*sources: SourceConfig, **relevance):
        made = replace(config, sources=sources, ingest=FAST)
        if relevance:
            made = replace(made, relevance=replace(made.relevance, **relevance))
        return made, store.open_store(made.db_path)

    return make


def feed(name: str, url: str, **extra) -> SourceConfig:
    return SourceConfig(name, "feed", url=url, **extra)


def statuses(db) -> list[tuple[str, str, str | None]]:
    rows = db.execute("select title, status, skip_reason from articles order by title").fetchall()
    return [tuple(row) for row in rows]


def test_a_second_run_of_an_unchanged_feed_is_one_304_and_nothing_new(web, setup, nlp):
    url = web.serve("/feed", rss(item(1, WIRE), item(2, WIRE + " Later.")), "application/rss+xml")
    config, db = setup(feed("wire", url))
    [first] = ingest.run(config, db, nlp, NOW)
    [second] = ingest.run(config, db, nlp, LATER)
    assert (first.new, first.duplicates) == (1, 1)
    assert second.not_modified and second.new == 0
    assert web.hits("/feed") == 2
    assert db["articles"].count == 2
    assert store.fetch_state(db, "wire")[url].startswith('{"etag"')


def test_a_feed_changing_guid_and_date_does_not_make_an_item_new(web, setup, nlp):
    url = web.serve("/feed", rss(item(1, WIRE)), "application/rss+xml")
    config, db = setup(feed("wire", url))
    ingest.run(config, db, nlp, NOW)
    web.serve("/feed", rss(item(1, WIRE, guid="new-guid", date="Tue, 03 Nov 2026")))
    [report] = ingest.run(config, db, nlp, LATER)
    assert (report.seen, report.new) == (1, 0)
    assert db["articles"].count == 1


def test_tracking_parameters_and_amp_variants_are_the_same_article(web, setup, nlp):
    variants = rss(
        item(1, WIRE).replace("<link>/news/1</link>", "<link>/news/1?utm_source=rss#top</link>"),
        item(2, WIRE).replace("<link>/news/2</link>", "<link>/amp/news/1</link>"),
    )
    url = web.serve("/feed", variants, "application/rss+xml")
    config, db = setup(feed("wire", url))
    [report] = ingest.run(config, db, nlp, NOW)
    # The second item is the first article again: counted as a duplicate, not stored twice.
    assert (report.seen, report.new, report.duplicates, report.accounted) == (2, 1, 1, 2)
    assert db["articles"].count == 1


def test_the_same_wire_story_under_other_urls_is_recorded_against_the_first(web, setup, nlp):
    edited = WIRE.replace("on Monday", "on Monday afternoon") + " Markets fell."
    one = web.serve("/one", rss(item(1, WIRE)), "application/rss+xml")
    two = web.serve("/two", rss(item(7, WIRE), item(8, edited)), "application/rss+xml")
    config, db = setup(feed("one", one), feed("two", two))
    reports = ingest.run(config, db, nlp, NOW)
    # Sources are stored as they arrive: whichever feed came first holds the first copy.
    assert (sum(r.new for r in reports), sum(r.duplicates for r in reports)) == (1, 2)
    rows = list(db["articles"].rows_where(order_by="id"))
    assert [r["status"] for r in rows] == ["extracted", "duplicate", "duplicate"]
    assert {r["duplicate_of"] for r in rows[1:]} == {rows[0]["id"]}
    reasons = sorted(r["skip_reason"] for r in rows[1:])
    assert reasons[1] == "same text"
    assert reasons[0].startswith("near duplicate (similarity 0.")
    assert db.execute(
        "select count(*) from quotes where article_id != ?", [rows[0]["id"]]
    ).fetchone() == (0,)


def test_a_later_run_finds_a_duplicate_of_an_article_stored_before(web, setup, nlp):
    url = web.serve("/feed", rss(item(1, WIRE)), "application/rss+xml")
    config, db = setup(feed("wire", url))
    ingest.run(config, db, nlp, NOW)
    web.serve("/feed", rss(item(1, WIRE), item(2, WIRE.replace("Monday", "Tuesday"))))
    [report] = ingest.run(config, db, nlp, LATER)
    assert (report.new, report.duplicates) == (0, 1)


def test_irrelevant_and_foreign_articles_are_stored_as_skipped_with_reason(web, setup, nlp):
    german = (
        "Die Regierung hat am Montag neue Regeln für den Handel angekündigt, sagte der Minister"
        " in Berlin. Die Opposition kritisierte die Pläne als zu spät und zu schwach, und die"
        " Wirtschaft forderte mehr Klarheit über die Kosten für die Unternehmen im Land. " * 3
    )
    sport = "The home team won the final in overtime, and the coach said it was a great night. " * 4
    items = rss(item(1, WIRE), item(2, german), item(3, sport))
    url = web.serve("/feed", items, "application/rss+xml")
    config, db = setup(feed("wire", url))
    [report] = ingest.run(config, db, nlp, NOW)
    assert (report.new, report.skipped) == (1, 2)
    assert statuses(db) == [
        ("Story 1", "extracted", None),
        ("Story 2", "skipped", "not in English"),
        ("Story 3", "skipped", "not about trade (fewer than 2 trade keyword mentions)"),
    ]
    skipped_ids = [r["id"] for r in db["articles"].rows_where("status = 'skipped'")]
    assert store.quotes_of(db, skipped_ids) == []


def test_source_keywords_keep_only_articles_that_mention_one(web, setup, nlp):
    url = web.serve("/feed", rss(item(1, WIRE), item(2, LUMBER)))
    config, db = setup(feed("wire", url, keywords=("steel",)), min_mentions=0)
    ingest.run(config, db, nlp, NOW)
    assert [s[1:] for s in statuses(db)] == [
        ("extracted", None),
        ("skipped", "mentions none of the source's keywords"),
    ]


def test_the_bundled_samples_are_trade_news(config, nlp):
    db = store.open_store(config.db_path)
    [report] = ingest.run(config, db, nlp, NOW)
    assert (report.new, report.skipped) == (2, 0)


def test_a_changed_file_is_a_new_version_of_the_same_article(setup, nlp, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / "story.txt"
    path.write_text(WIRE, encoding="utf-8")
    config, db = setup(SourceConfig("desk", "folder", path=folder))
    ingest.run(config, db, nlp, NOW)
    [first_quote] = [q["text"] for q in db["quotes"].rows if q["direct"]]
    path.write_text(WIRE.replace("We will not let dumping continue", "Dumping ends now"), "utf-8")
    [report] = ingest.run(config, db, nlp, LATER)
    assert (report.new, report.updated) == (0, 1)
    [article] = db["articles"].rows
    assert article["version"] == 2 and article["fetched"] == LATER.isoformat()
    [old] = db["article_versions"].rows
    assert (old["version"], old["text"]) == (1, WIRE)
    quotes = " ".join(q["text"] for q in db["quotes"].rows)
    assert "Dumping ends now" in quotes and first_quote not in quotes


def test_a_failing_source_is_recorded_flagged_and_does_not_stop_the_others(web, setup, nlp):
    good = web.serve("/good", rss(item(1, WIRE)), "application/rss+xml")
    config, db = setup(feed("down", web.status("/down", 503)), feed("good", good))
    for when in (NOW, LATER):
        down, ok = ingest.run(config, db, nlp, when)
    assert "HTTP 503" in down.error and ok.error is None
    health = store.source_health(db)
    assert health["down"].consecutive_failures == 2
    assert health["down"].last_success is None
    assert health["good"].last_success == LATER.isoformat()
    assert [r.name for r in store.failing_sources(db, 2)] == ["down"]
    runs = list(db["source_runs"].rows_where("source = 'good'", order_by="id"))
    assert [(r["seen"], r["new"]) for r in runs] == [(1, 1), (0, 0)]


@pytest.mark.parametrize(
    "broken",
    [rss(item(1, WIRE))[:-30], "<html><body>Maintenance</body></html>", BOMB],
)
def test_a_feed_that_breaks_later_loses_and_duplicates_nothing(web, setup, nlp, broken):
    url = web.serve("/feed", rss(item(1, WIRE)), "application/rss+xml")
    config, db = setup(feed("wire", url))
    ingest.run(config, db, nlp, NOW)
    state = store.fetch_state(db, "wire")
    web.serve("/feed", broken, "application/rss+xml")
    [report] = ingest.run(config, db, nlp, LATER)
    assert report.error and report.new == 0
    assert db["articles"].count == 1 and db["quotes"].count >= 1
    assert store.fetch_state(db, "wire") == state


def test_an_unreadable_item_is_reported_and_tried_again_next_run(web, setup, nlp):
    body = rss(item(1, WIRE), "<item><title>Later</title><link>/missing</link></item>")
    url = web.serve("/feed", body, "application/rss+xml")
    config, db = setup(feed("wire", url))
    [report] = ingest.run(config, db, nlp, NOW)
    assert report.new == 1
    assert report.failed_articles == [f"{web.url}/missing: HTTP 404 Not Found"]
    web.serve("/missing", f"<html><body><article><p>{BODY}</p></article></body></html>")
    [again] = ingest.run(config, db, nlp, LATER)
    assert (again.seen, again.new, again.not_modified) == (2, 1, False)


def distinct_story(n: int) -> str:
    """A trade story of its own: random fillers keep stories from being near duplicates."""
    rng = random.Random(n)
    goods = ["steel", "soybeans", "lumber", "cars", "chips", "wine", "cotton", "beef"]
    places = ["China", "Canada", "Mexico", "Japan", "Brazil", "India", "Korea", "Chile"]
    verbs = ["raised", "cut", "revised", "studied", "doubled", "weighed", "blocked"]
    sentences = [
        f"The {rng.choice(places)} office {rng.choice(verbs)} the {rng.choice(goods)} quota"
        f" and the {rng.choice(goods)} rules in {rng.choice(places)} on day {rng.randint(1, 999)}."
        for _ in range(6)
    ]
    quote = f"“Tariffs on {goods[n % 8]} will rise by {n} percent,” Ross said."
    return " ".join([quote, *sentences])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_killed_midway_stores_whole_articles_and_the_next_run_completes(
    web, tmp_path, nlp, workers
):
    count = 20 if workers == 1 else POOL_FROM + 8  # enough for the run to start its workers
    url = web.serve("/feed", rss(*(item(n, distinct_story(n)) for n in range(count))))
    db_path = tmp_path / "killed.db"
    config_path = tmp_path / "killed.toml"
    config_path.write_text(
        f'[database]\npath = "{db_path}"\n[ingest]\nbatch_size = 2\nworkers = {workers}\n'
        f'[[sources]]\nname = "wire"\nkind = "feed"\nurl = "{url}"\n',
        encoding="utf-8",
    )
    command = [str(Path(sys.executable).parent / "tradedigest"), "ingest"]
    env = {**os.environ, "TRADEDIGEST_CONFIG": str(config_path)}
    log = tmp_path / "ingest.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
    try:
        _wait_for_articles(db_path, process, log, at_least=2)
        children = _children(process.pid)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert len(children) >= workers - 1  # the workers (and spawn's resource tracker)
    _wait_until_gone(children)
    killed = store.open_store(db_path)
    stored = killed["articles"].count
    assert 2 <= stored < count
    assert _quotes_per_article(killed) == [1] * stored
    config = load_config(environ={}, path=config_path)
    [report] = ingest.run(config, killed, nlp, LATER)
    assert (report.seen, report.new, report.error) == (count, count - stored, None)
    assert _quotes_per_article(killed) == [1] * count
    urls = [r[0] for r in killed.execute("select canonical_url from articles")]
    assert len(set(urls)) == count


def _wait_for_articles(db_path: Path, process: subprocess.Popen, log: Path, at_least: int):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            with sqlite3.connect(db_path) as db:
                if db.execute("select count(*) from articles").fetchone()[0] >= at_least:
                    return
        except sqlite3.OperationalError:
            pass  # the store is still being created
        time.sleep(0.01)
    raise AssertionError("the ingest run stored nothing within a minute")


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def _wait_until_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids):
        assert time.monotonic() < deadline, "worker processes outlived the killed run"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its parent has to reap it


def _quotes_per_article(db) -> list[int]:
    return [
        row[0]
        for row in db.execute(
            "select count(q.id) from articles a left join quotes q on q.article_id = a.id"
            " group by a.id order by a.id"
        )
    ]


def page(n: int) -> str:
    return f"<html><body><article><p>{distinct_story(n)}</p></article></body></html>"


def teaser(n: int, link: str | None = None, guid: str | None = None) -> str:
    """A feed item without full content: its article is the linked page."""
    guid_tag = f"<guid>{guid}</guid>" if guid else ""
    return f"<item><title>Story {n}</title><link>{link or f'/p/{n}'}</link>{guid_tag}</item>"


def test_a_slow_source_does_not_hold_back_storing_the_others(web, setup, nlp, tmp_path):
    good = web.serve("/good", rss(item(1, WIRE)), "application/rss+xml")
    config, db = setup(feed("slow", web.url + "/slow"), feed("good", good))
    config = replace(config, ingest=replace(FAST, timeout_seconds=2.0))
    stored_while_slow = []

    def slow(handler):
        # Answers only once the other source's article is in the database (or gives up).
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline and not stored_while_slow:
            with sqlite3.connect(config.db_path) as other:
                if other.execute("select count(*) from articles").fetchone()[0]:
                    stored_while_slow.append(True)
            time.sleep(0.05)
        web.routes["/good"](handler)

    web.routes["/slow"] = slow
    slow_report, good_report = ingest.run(config, db, nlp, NOW)
    assert stored_while_slow == [True]
    assert good_report.new == 1 and slow_report.error is None


def test_a_feed_whose_items_share_a_link_accounts_for_every_item(web, setup, nlp):
    items = [teaser(1), teaser(2, link="/p/1"), teaser(3), teaser(4, link="/p/3?utm_source=x")]
    url = web.serve("/feed", rss(*items), "application/rss+xml")
    web.serve("/p/1", page(1))
    web.serve("/p/3", page(3))
    config, db = setup(feed("wire", url))
    [report] = ingest.run(config, db, nlp, NOW)
    assert (report.seen, report.new, report.duplicates) == (4, 2, 2)
    assert report.accounted == report.seen
    assert (web.hits("/p/1"), web.hits("/p/3")) == (1, 1)
    assert db["articles"].count == 2


@pytest.mark.parametrize(
    "variant",
    [
        # A GUID that stays, a link whose cache-busting parameter changes on every fetch.
        lambda ts: item(1, WIRE, guid="tag:wire,2026:1").replace("/news/1", f"/news/1?ts={ts}"),
        # A permalink GUID carrying the parameter too.
        lambda ts: item(1, WIRE, guid=f"https://wire.example/news/1?ts={ts}").replace(
            "/news/1", f"/news/1?ts={ts}"
        ),
        # A parameter of no known name whose value changes: the same text at the same address.
        lambda ts: item(1, WIRE, guid=f"g{ts}").replace("/news/1", f"/news/1?session={ts}"),
    ],
)
def test_a_cache_busting_query_does_not_add_rows_on_later_runs(web, setup, nlp, variant):
    url = web.serve("/feed", rss(variant(1)), "application/rss+xml")
    config, db = setup(feed("wire", url))
    ingest.run(config, db, nlp, NOW)
    for ts in (2, 3):
        web.serve("/feed", rss(variant(ts)), "application/rss+xml")
        [report] = ingest.run(config, db, nlp, LATER)
        assert (report.seen, report.new, report.duplicates, report.unchanged) == (1, 0, 0, 1)
    assert db["articles"].count == 1


def test_a_dead_item_link_does_not_stop_the_feed_state_being_saved(web, setup, nlp):
    url = web.serve("/feed", rss(item(1, WIRE), teaser(2, link="/dead")), "application/rss+xml")
    config, db = setup(feed("wire", url))
    reports = [ingest.run(config, db, nlp, NOW + timedelta(hours=h))[0] for h in range(5)]
    assert reports[0].new == 1 and reports[0].failed_articles == [
        f"{web.url}/dead: HTTP 404 Not Found"
    ]
    assert '"etag"' in store.fetch_state(db, "wire")[url]
    # The dead link is tried again on the next runs, then the feed costs a 304 again.
    assert [r.not_modified for r in reports] == [False, False, False, False, True]
    assert web.hits("/dead") == 4 and db["articles"].count == 1


def test_a_feed_fetches_at_most_max_links_pages_a_run_and_the_rest_on_the_next(web, setup, nlp):
    url = web.serve("/feed", rss(*(teaser(n) for n in range(5))), "application/rss+xml")
    for n in range(5):
        web.serve(f"/p/{n}", page(n))
    config, db = setup(feed("wire", url))
    config = replace(config, ingest=replace(FAST, max_links=2))
    runs = [ingest.run(config, db, nlp, NOW + timedelta(hours=h))[0] for h in range(4)]
    assert [(r.new, r.deferred, r.unchanged) for r in runs[:3]] == [(2, 3, 0), (2, 1, 2), (1, 0, 4)]
    assert all(r.accounted == r.seen for r in runs)
    assert runs[3].not_modified
    assert db["articles"].count == 5
    assert all(web.hits(f"/p/{n}") == 1 for n in range(5))


def test_a_malformed_feed_that_feedparser_reads_is_stored_with_a_warning(web, setup, nlp):
    body = rss(item(1, WIRE).replace("Story 1", "Steel &nbsp; & tariffs"))
    url = web.serve("/feed", body, "application/rss+xml")
    config, db = setup(feed("wire", url))
    [report] = ingest.run(config, db, nlp, NOW)
    assert report.new == 1 and report.error is None
    [warning] = report.warnings
    assert "malformed feed XML" in warning and "read 1 item anyway" in warning


def test_a_feed_whose_pages_answer_slowly_costs_a_run_a_bounded_time(web, setup, nlp):
    # Each page trickles until the request's deadline (0.3 s x 4); the source stops fetching
    # after two deadlines' worth and leaves the rest for the next run.
    url = web.serve("/feed", rss(*(teaser(n) for n in range(8))), "application/rss+xml")
    for n in range(8):
        web.trickle(f"/p/{n}", 10.0)
    config, db = setup(feed("wire", url))
    started = time.monotonic()
    [report] = ingest.run(config, db, nlp, NOW)
    assert time.monotonic() - started < 5
    failed = len(report.failed_articles)
    assert 2 <= failed <= 3 and report.deferred == 8 - failed
    assert report.accounted == report.seen == 8
