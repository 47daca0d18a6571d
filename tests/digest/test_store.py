import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from digest import speakers, store
from digest.compose import Digest
from digest.config import SpeakersConfig
from digest.records import Article, ArticleRecord, Extraction, Figure, Quote, Speaker

ARTICLE = Article(
    url="https://news.example/a", title="Talks open", text="Ross said hi.", source="wire"
)
EXTRACTION = Extraction(
    quotes=(Quote("hi", 10, 12, "Wilbur Ross", 0, 4, "said", False),),
    speakers=(Speaker("Wilbur Ross", ("Ross",), "Commerce Secretary"),),
    figures=(Figure("$309 billion", 0, 12, "money", 309e9, "USD", "trade deficit"),),
)


def save(db, article=ARTICLE, extraction=EXTRACTION):
    record = ArticleRecord(
        article,
        extraction,
        canonical_url=article.url,
        content_hash=store_hash(article),
        fetched="2026-01-01T00:00:00",
    )
    return store.save_article(db, record, speakers.filer(SpeakersConfig()))


def store_hash(article):
    return str(hash(article.text))


def test_new_database_gets_every_migration_once(tmp_path):
    path = tmp_path / "td.db"
    db = store.open_store(path)
    names = [m.name for m in store.migrations.applied(db)]
    assert names[:5] == [
        "m001_initial",
        "m002_full_text_search",
        "m003_speaker_directory",
        "m004_ingest_state",
        "m005_digest_messages",
    ]
    assert len(set(names)) == len(names)
    assert store.migrations.pending(db) == []
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_existing_database_keeps_its_data_and_is_not_migrated_again(tmp_path):
    path = tmp_path / "td.db"
    first = store.open_store(path)
    save(first)
    applied = store.migrations.applied(first)
    reopened = store.open_store(path)
    assert store.migrations.applied(reopened) == applied
    assert reopened["articles"].count == 1
    assert reopened["quotes"].count == 1


def test_article_is_stored_with_quotes_speakers_figures_and_search(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    save(db)
    speaker = db.execute("select name, title, quote_count from speakers").fetchone()
    assert speaker == ("Wilbur Ross", "Commerce Secretary", 1)
    aliases = {r[0] for r in db.execute("select alias from speaker_aliases")}
    assert aliases == {"Wilbur Ross", "Ross"}
    assert [r["text"] for r in db["quotes"].search("hi")] == ["hi"]
    assert [r["title"] for r in db["articles"].search("talks")] == ["Talks open"]


def test_a_failing_write_rolls_back_that_article_alone(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    save(db)
    broken = Extraction(quotes=(Quote("x", None, None, None, None, None, None, True),))
    other = Article(url="https://news.example/b", title="B", text="b", source="wire")
    with pytest.raises(sqlite3.IntegrityError):
        save(db, other, broken)
    assert db["articles"].count == 1
    assert db["quotes"].count == 1
    assert store.find_article(db, other.url) is None


def test_source_failures_count_up_and_reset_on_success(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    for error, now in (("timeout", "t1"), ("HTTP 500", "t2")):
        store.record_source_run(db, "wire", "feed", "http://x", seen=0, new=0, error=error, now=now)
    row = store.source_health(db)["wire"]
    assert (row.consecutive_failures, row.last_error, row.last_success) == (2, "HTTP 500", None)
    store.record_source_run(db, "wire", "feed", "http://x", seen=3, new=1, error=None, now="t3")
    row = store.source_health(db)["wire"]
    assert (row.consecutive_failures, row.last_success, row.last_error) == (0, "t3", "HTTP 500")


def test_a_period_has_one_digest_however_often_it_is_saved(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    first = store.save_digest(db, Digest("a", "b", articles=1), created="c1")
    second = store.save_digest(db, Digest("a", "b", articles=2), created="c2")
    assert second == first
    assert (second.digest.articles, second.digest.number) == (1, second.id)
    assert db["digests"].count == 1


SEARCHABLE = store.open_store(":memory:")
save(SEARCHABLE)


@given(st.text())
def test_any_text_typed_into_search_is_searched_never_an_error(text):
    total, rows = store.search_quotes(SEARCHABLE, text)
    assert total >= len(rows)


@pytest.mark.parametrize(
    ("query", "found"),
    [("hi", 1), ('"hi', 1), ("hi OR nothing", 0), ("NOT hi", 0), ("h*", 0), ("“hi”", 1)],
)
def test_search_operators_are_plain_words(query, found):
    assert store.search_quotes(SEARCHABLE, query)[0] == found


# Opening: migrations under one lock, broken files named -------------------------------------

OPENER = """
import sys, time
from pathlib import Path
from digest import store
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
store.open_store(sys.argv[1])
"""


def test_two_processes_opening_a_new_database_apply_each_migration_once(tmp_path):
    for attempt in range(3):  # the race is the point: run it a few times
        path = tmp_path / f"new{attempt}.db"
        go = tmp_path / f"go{attempt}"
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPENER, str(path), str(go)], stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        time.sleep(1.0)  # both importing and waiting at the start line
        go.touch()
        errors = [opener.communicate(timeout=60)[1].decode() for opener in openers]
        assert [opener.returncode for opener in openers] == [0, 0], errors
        names = [m.name for m in store.migrations.applied(store.open_store(path))]
        assert len(names) == len(set(names)) == len(store.migrations._migrations)


NOBODY = 65534


@pytest.fixture
def open_folder():
    """A folder any user may enter: pytest's own base folder is private to its user."""
    with tempfile.TemporaryDirectory() as name:
        Path(name).chmod(0o755)
        yield Path(name)


@contextlib.contextmanager
def _as_unprivileged():
    """Root reads and writes any file, so permission checks run as `nobody` when run as root."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def _broken(tmp_path, kind):
    path = tmp_path / "td.db"
    if kind == "not sqlite":
        path.write_text("these are not the bytes of a database\n" * 100)
    elif kind == "a directory":
        path.mkdir()
    elif kind == "unreadable":
        store.open_store(path)
        path.chmod(0)
    elif kind == "digests dropped":
        store.open_store(path).execute("drop table deliveries")
        Database(path).execute("drop table digests")
    elif kind == "a column dropped":
        store.open_store(path).execute("alter table sources drop column last_error")
    return path


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("not sqlite", "not an SQLite database"),
        ("a directory", "is a directory"),
        ("unreadable", "cannot be opened"),
        ("digests dropped", "table 'digests' is missing"),
        ("a column dropped", "table 'sources' lacks columns last_error"),
    ],
)
def test_a_broken_database_is_named_never_repaired_by_halves(open_folder, kind, said):
    path = _broken(open_folder, kind)
    unprivileged = _as_unprivileged() if kind == "unreadable" else contextlib.nullcontext()
    with unprivileged, pytest.raises(store.StoreError) as raised:
        store.open_store(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert said in str(raised.value)
    if kind == "digests dropped":
        assert "digests" not in Database(path).table_names()  # not re-created without columns


def test_a_read_only_database_is_read_but_never_written(open_folder):
    path = open_folder / "td.db"
    db = store.open_store(path)
    save(db)
    db.close()
    path.chmod(0o444)
    reader = store.open_store(path, readonly=True)
    assert store.find_article(reader, ARTICLE.url).title == "Talks open"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        save(reader, Article(url="https://news.example/b", title="B", text="b", source="w"))
    with _as_unprivileged(), pytest.raises(store.StoreError, match="read-only"):
        store.open_store(path)


def _searched(db, word: str) -> tuple[int, list[str]]:
    total, found = store.search_quotes(db, word)
    return total, [f.text for f in found]


def _index_is_left_empty_by_deleting_every_quote(db) -> None:
    """Each row goes out of the index with the words it went in with, or a word is left over."""
    with db.conn:
        db.execute("delete from quotes")
    db.execute("create virtual table temp.words using fts5vocab(main, quotes_fts, 'row')")
    assert db.execute("select term, doc from temp.words").fetchall() == []


def test_quote_search_holds_what_was_said_or_written_through_every_write(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    said = Quote("tariffs protect mills", 0, 1, "Wilbur Ross", None, None, "said", True)
    thought = Quote("tariffs never work", 0, 1, "Wilbur Ross", None, None, "thinks", False)
    save(db, extraction=Extraction(quotes=(said, replace(thought, kind="belief"))))
    assert _searched(db, "tariffs") == (1, ["tariffs protect mills"])
    with db.conn:  # a quote filed again as speech joins the search, and leaves it as a finding
        db.execute("update quotes set kind = 'speech' where text = 'tariffs never work'")
    assert _searched(db, "tariffs")[0] == 2
    with db.conn:
        db.execute("update quotes set kind = 'finding' where text = 'tariffs protect mills'")
    assert _searched(db, "tariffs") == (1, ["tariffs never work"])
    _index_is_left_empty_by_deleting_every_quote(db)
    assert _searched(db, "tariffs") == (0, [])


def test_a_store_made_before_quote_search_held_speech_only_is_carried_over(tmp_path):
    old = Database(tmp_path / "old.db")
    store.migrations.apply(old, stop_before="m017_quote_search_of_speech")
    old["articles"].insert(
        {"id": 1, "url": "u", "canonical_url": "u", "text": "t", "content_hash": "h"}
        | {"fetched": "2026-03-01T00:00:00+00:00", "status": "extracted"}
    )
    for n, kind in enumerate(("speech", "belief", "writing", "finding")):
        old["quotes"].insert(
            {"article_id": 1, "text": f"steel {kind}", "start": n, "end": n + 1, "kind": kind}
        )
    db = store.open_store(tmp_path / "old.db")
    assert _searched(db, "steel")[0] == 2
    assert sorted(_searched(db, "steel")[1]) == ["steel speech", "steel writing"]
    _index_is_left_empty_by_deleting_every_quote(db)
