"""Every slash command reads the tables that grow with the news through an index: the query plan of
each statement it runs (EXPLAIN QUERY PLAN) has no full scan of them, so answers stay fast at
100,000 articles (benchmarks/commands.py). SQLite plans without statistics the same way for ten
rows as for a million, so a small store shows the plans of a big one."""

from datetime import UTC, datetime

import pytest

from bot import commands, follows
from digest import jobs, store
from digest.config import load_config
from digest.store import _speakers as directory
from tests.bot.seed import SPEAKERS, seed

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
# Rows per article, or per filing: these grow with the news. `speakers` grows with the people
# quoted and is read whole on purpose, once, by the name lookup's cached index.
GROWING = {
    "articles",
    "quotes",
    "figures",
    "speaker_links",
    "speaker_roles",
    "speaker_aliases",
    "article_versions",
    "digests",
    "follows",
    "alert_queue",
    "speaker_hours",
}
# The name lookup's index of every alias and role, read whole once and kept until the directory
# changes (digest/speakers/_lookup.py): fuzzy matching needs all names at hand.
READ_WHOLE = (
    "select distinct speaker_id, norm from speaker_aliases",
    "select distinct speaker_id, title, organization from speaker_roles",
)
USER = "U0ASKER"
COMMANDS = {
    "/speaker": lambda db, text: commands.speaker(db, text, NOW, 0.85),
    "/speakers": lambda db, text: commands.ranking(db, text, NOW),
    "/quotes": lambda db, text: commands.quotes(db, text, NOW, 0.85),
    "/digest": lambda db, text: commands.digest(db, text, NOW),
    "/figures": lambda db, text: commands.figures(db, text, NOW),
    "/follow": lambda db, text: follows.follow(db, USER, text, NOW),
    "/following": lambda db, text: follows.following(db, USER, text, NOW),
    "/unfollow": lambda db, text: follows.unfollow(db, USER, text, NOW),
}
TEXTS = {
    "/speaker": ["Wilbur Ross", "ross", "commerce secretary", "Mnuchkin", "nobody at all"],
    "/speakers": ["", "today", "month"],
    "/quotes": ["reciprocal", '"trade war"'],
    "/digest": ["", "latest", "2026-11-20"],
    "/figures": ["trade deficit", "deficit", "U.S. soybean exports"],
    "/follow": ["Wilbur Ross", '"steel tariffs"'],
    "/following": [""],
    "/unfollow": ["Wilbur Ross"],
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = store.open_store(tmp_path_factory.mktemp("plans") / "td.db")
    seed(db, 30, NOW)
    config_path = tmp_path_factory.mktemp("config") / "td.toml"
    config_path.write_text("", encoding="utf-8")
    jobs.build_digest(load_config(environ={}, path=config_path), db, NOW)
    return db


def scans(db, run) -> list[str]:
    """The full scans of growing tables in the plans of the statements `run` executes."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        run()
    finally:
        db.conn.set_trace_callback(None)
    found = []
    for sql in (" ".join(s.split()) for s in statements):
        if not sql.lower().startswith(("select", "with", "update", "delete")):
            continue
        if sql.startswith(READ_WHOLE):
            continue
        plan = [row[-1] for row in db.execute(f"explain query plan {sql}").fetchall()]
        found += [f"{step}  <-  {sql[:200]}" for step in plan if _scans(step, sql, plan)]
    return found


def _scans(step: str, sql: str, plan: list[str]) -> bool:
    words = step.split()
    if words[0] != "SCAN" or words[1] not in GROWING:
        return False
    # Read in index order and stopped at the limit: "the latest digest" reads one row.
    ordered = "USING INDEX" in step or "USING COVERING INDEX" in step
    # A sort of all rows defeats the limit; sorting ties of the index's order does not.
    sorts = any("TEMP B-TREE" in p and "RIGHT PART" not in p for p in plan)
    stops = " limit " in sql.lower() and not sorts
    return not (ordered and stops)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_command_reads_growing_tables_through_indexes(db, command):
    answer = COMMANDS[command]
    for text in TEXTS[command]:
        assert scans(db, lambda t=text: answer(db, t)) == [], f"{command} {text!r}"


def test_a_much_quoted_speaker_s_card_walks_articles_newest_first(db, monkeypatch):
    name = SPEAKERS[0][0]
    sorted_card = commands.speaker(db, name, NOW, 0.85)
    monkeypatch.setattr(directory, "WALK_FROM", 0)
    assert scans(db, lambda: commands.speaker(db, name, NOW, 0.85)) == []
    assert commands.speaker(db, name, NOW, 0.85) == sorted_card


def test_the_seeded_store_answers_so_the_plans_are_of_real_work(db):
    name = SPEAKERS[0][0]
    assert name in str(commands.speaker(db, name, NOW, 0.85))
    assert "reciprocal" in str(commands.quotes(db, "reciprocal", NOW, 0.85))
    assert "trade deficit" in str(commands.figures(db, "deficit", NOW))
