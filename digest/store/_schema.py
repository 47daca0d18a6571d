"""The schema: frozen migrations, applied under one lock when the store opens, then checked.

Each migration holds the SQL and data it needs and imports no domain code, so what an old
migration does never changes when the rules of today change.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tradedigest")

# How long a process waits for another one's write (an article, a migration) before failing.
BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The database file cannot be used; the message names the file, the problem and the fix."""


@migrations()
def m001_initial(db: Database) -> None:
    db.table("sources").create(
        {
            "name": str,
            "kind": str,
            "location": str,
            "last_run": str,
            "last_success": str,
            "last_error": str,
            "consecutive_failures": int,
            "articles_seen": int,
            "articles_new": int,
        },
        pk="name",
        defaults={"consecutive_failures": 0, "articles_seen": 0, "articles_new": 0},
    )
    db.table("articles").create(
        {
            "id": int,
            "source": str,
            "url": str,
            "canonical_url": str,
            "guid": str,
            "title": str,
            "author": str,
            "site": str,
            "published": str,
            "fetched": str,
            "text": str,
            "content_hash": str,
            "status": str,
            "skip_reason": str,
            "duplicate_of": int,
        },
        pk="id",
        not_null={"url", "canonical_url", "text", "content_hash", "fetched", "status"},
        foreign_keys=[("duplicate_of", "articles", "id")],
    )
    db.table("articles").create_index(["canonical_url"], unique=True)
    db.table("articles").create_index(["content_hash"])
    db.table("articles").create_index(["fetched"])
    db.table("speakers").create(
        {
            "id": int,
            "name": str,
            "title": str,
            "organization": str,
            "first_seen": str,
            "last_seen": str,
            "quote_count": int,
        },
        pk="id",
        not_null={"name"},
        defaults={"quote_count": 0},
    )
    db.table("speakers").create_index(["name"], unique=True)
    db.table("speaker_aliases").create(
        {"speaker_id": int, "alias": str, "article_id": int},
        pk=("speaker_id", "alias"),
        foreign_keys=[("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    )
    db.table("speaker_aliases").create_index(["alias"])
    db.table("quotes").create(
        {
            "id": int,
            "article_id": int,
            "speaker_id": int,
            "speaker": str,
            "text": str,
            "start": int,
            "end": int,
            "speaker_start": int,
            "speaker_end": int,
            "cue": str,
            "direct": int,
        },
        pk="id",
        not_null={"article_id", "text", "start", "end"},
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
    )
    db.table("quotes").create_index(["article_id"])
    db.table("quotes").create_index(["speaker_id"])
    db.table("figures").create(
        {
            "id": int,
            "article_id": int,
            "text": str,
            "start": int,
            "end": int,
            "kind": str,
            "value": float,
            "unit": str,
            "about": str,
            "salience": float,
        },
        pk="id",
        not_null={"article_id", "text", "start", "end", "kind"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("figures").create_index(["article_id"])
    db.table("digests").create(
        {"id": int, "period_start": str, "period_end": str, "created": str, "body": str},
        pk="id",
        not_null={"period_start", "period_end", "created", "body"},
    )
    db.table("digests").create_index(["period_start", "period_end"], unique=True)
    db.table("deliveries").create(
        {
            "digest_id": int,
            "channel": str,
            "status": str,
            "ts": str,
            "attempts": int,
            "error": str,
            "updated": str,
        },
        pk=("digest_id", "channel"),
        defaults={"attempts": 0},
        foreign_keys=[("digest_id", "digests", "id")],
    )


@migrations()
def m002_full_text_search(db: Database) -> None:
    db.table("quotes").enable_fts(["text"], create_triggers=True, tokenize="porter")
    db.table("articles").enable_fts(["title"], create_triggers=True, tokenize="porter")


@migrations()
def m003_speaker_directory(db: Database) -> None:
    # Two people may share a name once a split or `never_merge` keeps them apart.
    db.execute("drop index idx_speakers_name")
    db.table("speakers").create_index(["name"])
    db.table("speakers").add_column("kind", str, not_null_default="person")
    db.table("speakers").add_column("surname", str)
    db.table("speakers").add_column("country", str)
    db.table("speakers").create_index(["surname"])
    db.table("speaker_aliases").add_column("norm", str)
    db.table("speaker_aliases").add_column("pinned", int, not_null_default=0)
    db.table("speaker_aliases").create_index(["norm"])
    db.table("speaker_roles").create(
        {
            "speaker_id": int,
            "article_id": int,
            "seen": str,
            "title": str,
            "organization": str,
            "country": str,
        },
        pk=("speaker_id", "article_id"),
        foreign_keys=[("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    )
    db.table("speaker_links").create(
        {
            "article_id": int,
            "name": str,
            "speaker_id": int,
            "seen": str,
            "rule": str,
            "reason": str,
        },
        pk=("article_id", "name"),
        not_null={"speaker_id", "seen", "rule"},
        foreign_keys=[("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    )
    db.table("speaker_links").create_index(["speaker_id", "seen"])
    db.table("speaker_corrections").create(
        {
            "id": int,
            "action": str,
            "speaker_id": int,
            "other_id": int,
            "detail": str,
            "created": str,
        },
        pk="id",
        not_null={"action", "created"},
    )
    _m003_backfill(db)


# m003's own copy of the rules it filed old records by: a later change to the speaker rules
# must not change what this migration did.
_M003_BODY_WORDS = frozenset(
    """
    ministry department administration government council committee commission agency office
    bureau group co inc corp ltd llc bank fund association institute center centre party house
    senate congress parliament economists analysts officials spokesmen company companies union
    federation board court university organization television radio news times post journal
    network media newspaper
    """.split()  # noqa: SIM905 (a frozen word list reads best as words)
)
_M003_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _m003_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", re.sub(r"[.'’]", "", plain)))


def _m003_backfill(db: Database) -> None:
    """Give records stored before the directory their kind, surname, folded aliases and links."""
    for speaker_id, name in db.execute("select id, name from speakers").fetchall():
        words = _m003_fold(name).split()
        body = bool(words) and (
            words[-1] in _M003_BODY_WORDS or words[0] == "the" or any(c.isdigit() for c in name)
        )
        names = [w for w in words if w not in _M003_SUFFIXES]
        surname = None if body or not names else names[-1]
        db.execute(
            "update speakers set kind = ?, surname = ? where id = ?",
            ["body" if body else "person", surname, speaker_id],
        )
    for rowid, alias in db.execute("select rowid, alias from speaker_aliases").fetchall():
        folded = _m003_fold(alias)
        db.execute("update speaker_aliases set norm = ? where rowid = ?", [folded, rowid])
    # The articles a record was filed from before links existed: those of its quotes and aliases.
    db.execute(
        """
        insert or ignore into speaker_links (article_id, name, speaker_id, seen, rule, reason)
        select filed.article_id, s.name, s.id, coalesce(a.published, a.fetched), 'carried over',
               'filed by name before the speaker directory kept reasons'
        from (select speaker_id, article_id from quotes
              union select speaker_id, article_id from speaker_aliases) as filed
        join speakers s on s.id = filed.speaker_id join articles a on a.id = filed.article_id
        """
    )


@migrations()
def m004_ingest_state(db: Database) -> None:
    # The row holds an article's latest version; earlier texts move to article_versions.
    db.table("articles").add_column("version", int, not_null_default=1)
    db.table("articles").add_column("minhash", bytes)
    db.table("articles").create_index(["guid"])
    db.table("article_versions").create(
        {"article_id": int, "version": int, "text": str, "content_hash": str, "fetched": str},
        pk=("article_id", "version"),
        not_null={"text", "content_hash", "fetched"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    # Per source and key (a URL or a file path): the HTTP validators or file modification time
    # seen when its articles were last stored.
    db.table("fetch_state").create(
        {"source": str, "key": str, "value": str, "updated": str},
        pk=("source", "key"),
        not_null={"value", "updated"},
    )
    db.table("source_runs").create(
        {
            "id": int,
            "source": str,
            "run_at": str,
            "seen": int,
            "new": int,
            "duplicates": int,
            "skipped": int,
            "failed": int,
            "error": str,
        },
        pk="id",
        not_null={"source", "run_at"},
    )
    db.table("source_runs").create_index(["source", "run_at"])


@migrations()
def m005_digest_messages(db: Database) -> None:
    # The rendered Slack messages, kept with the digest so every delivery posts the same thing.
    db.table("digests").add_column("messages", str)


@migrations()
def m006_delivery_claims(db: Database) -> None:
    # A delivery is claimed by one process (owner) until lease_until, and remembers how many of
    # the digest's messages are already posted, so a crash resumes instead of reposting.
    db.table("deliveries").add_column("owner", str)
    db.table("deliveries").add_column("lease_until", str)
    db.table("deliveries").add_column("parts", int, not_null_default=0)


@migrations()
def m007_locks(db: Database) -> None:
    db.table("locks").create({"name": str, "owner": str, "until": str}, pk="name")


@migrations()
def m008_follows_and_alerts(db: Database) -> None:
    # A user follows a speaker (by record, moved along by merges and splits) or a topic (by its
    # stemmed words); `query` is the name as typed, which decides where a split takes it.
    db.table("follows").create(
        {
            "id": int,
            "user": str,
            "kind": str,
            "label": str,
            "query": str,
            "speaker_id": int,
            "terms": str,
            "created": str,
        },
        pk="id",
        not_null={"user", "kind", "label", "created"},
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    db.execute(
        "create unique index follows_speaker on follows (user, speaker_id) where kind = 'speaker'"
    )
    db.execute("create unique index follows_topic on follows (user, terms) where kind = 'topic'")
    db.table("follows").create_index(["speaker_id"])
    # What each follower is owed: one row per (user, quote or article), claimed by one process
    # (owner, lease_until) while its direct message is posted, then kept as sent for good.
    db.table("alert_queue").create(
        {
            "user": str,
            "item": str,
            "detail": str,
            "queued": str,
            "status": str,
            "owner": str,
            "lease_until": str,
            "sent": str,
            "ts": str,
        },
        pk=("user", "item"),
        not_null={"detail", "queued", "status"},
    )
    db.table("alert_queue").create_index(["status", "user"])
    # How far alerts have read the stored articles (their `fetched` time).
    db.table("alert_cursor").create({"name": str, "value": str}, pk="name", not_null={"value"})


@migrations()
def m009_channel_views(db: Database) -> None:
    # A channel with topics gets its own view of a digest, stored once like the digest itself.
    db.table("channel_views").create(
        {"digest_id": int, "channel": str, "body": str, "messages": str},
        pk=("digest_id", "channel"),
        not_null={"body", "messages"},
        foreign_keys=[("digest_id", "digests", "id")],
    )


@migrations()
def m010_digest_articles(db: Database) -> None:
    # How many articles a digest covers, so a period with none never hides the last real one.
    db.table("digests").add_column("articles", int, not_null_default=0)
    db.execute("update digests set articles = coalesce(json_extract(body, '$.articles'), 0)")


@migrations()
def m011_alert_items(db: Database) -> None:
    # What an alert says is stored once in alert_items, however many followers are owed it; the
    # queue keeps who is owed what. Details queued before move there under their own id.
    db.table("alert_items").create({"id": str, "detail": str}, pk="id", not_null={"detail"})
    db.execute(
        "insert or ignore into alert_items (id, detail)"
        " select user || ' ' || item, detail from alert_queue"
    )
    db.table("alert_queue_new").create(
        {
            "user": str,
            "item": str,
            "detail_id": str,
            "queued": str,
            "status": str,
            "owner": str,
            "lease_until": str,
            "sent": str,
            "ts": str,
        },
        pk=("user", "item"),
        not_null={"detail_id", "queued", "status"},
    )
    db.execute(
        "insert into alert_queue_new"
        " (user, item, detail_id, queued, status, owner, lease_until, sent, ts)"
        " select user, item, user || ' ' || item, queued, status, owner, lease_until, sent, ts"
        " from alert_queue"
    )
    db.execute("drop table alert_queue")
    db.execute("alter table alert_queue_new rename to alert_queue")
    db.table("alert_queue").create_index(["status", "user"])
    db.table("follows").create_index(["user"])


@migrations()
def m012_command_indexes(db: Database) -> None:
    # Slash commands read these in this order; without an index each answer scans the table
    # (tests/bot/test_query_plans.py).
    db.execute("create index follows_user on follows (user, kind, id)")
    db.execute("create index digests_latest on digests ((articles = 0), period_end desc)")
    db.execute("create index digests_period_end on digests (period_end)")


@migrations()
def m013_speaker_hours(db: Database) -> None:
    # Quotes per speaker per hour of fetching, kept by triggers on every write of a quote (saves,
    # new versions, merges, splits), so "most quoted this month" sums hours, not quotes.
    db.execute(
        "create table speaker_hours (speaker_id integer not null, hour text not null,"
        " quotes integer not null, primary key (speaker_id, hour))"
    )
    db.execute("create index speaker_hours_by_hour on speaker_hours (hour, speaker_id, quotes)")
    db.execute(
        "insert into speaker_hours select q.speaker_id, substr(a.fetched, 1, 13), count(*)"
        " from quotes q join articles a on a.id = q.article_id"
        " where q.speaker_id is not null group by 1, 2"
    )
    for name, event, old, new in _SPEAKER_HOUR_TRIGGERS:
        body = "".join(
            _speaker_hour_change(row, sign) for row, sign in ((old, "-"), (new, "+")) if row
        )
        db.execute(f"create trigger {name} after {event} on quotes begin {body} end")


_SPEAKER_HOUR_TRIGGERS = (
    ("speaker_hours_insert", "insert", None, "new"),
    ("speaker_hours_delete", "delete", "old", None),
    ("speaker_hours_update", "update of speaker_id, article_id", "old", "new"),
)


def _speaker_hour_change(row: str, sign: str) -> str:
    hour = f"(select substr(fetched, 1, 13) from articles where id = {row}.article_id)"
    return (
        f"insert into speaker_hours (speaker_id, hour, quotes)"
        f" select {row}.speaker_id, {hour}, {sign}1 where {row}.speaker_id is not null"
        f" and {hour} is not null"
        f" on conflict (speaker_id, hour) do update set quotes = quotes {sign} 1;"
    )


@migrations()
def m014_articles_by_date(db: Database) -> None:
    # Articles newest first, as speaker cards list quotes (store/_speakers.py, card_quotes).
    db.execute("create index articles_date on articles (coalesce(published, fetched), id)")


@migrations()
def m015_quote_confidence(db: Database) -> None:
    # Quotes stored before confidence was measured keep NULL: shown as before.
    db.table("quotes").add_column("confidence", float)
    db.table("quotes").add_column("kind", str, not_null_default="speech")


@migrations()
def m016_figures_search(db: Database) -> None:
    # `/figures TERM` finds figures by the words of what they measure through this index instead
    # of reading every figure (127 ms at 100,000 articles, benchmarks/commands.py). Triggers keep
    # it in step with every write of a figure; plain statements keep the migration in its
    # transaction (sqlite-utils' enable_fts commits mid-way).
    db.execute("create virtual table figures_fts using fts5 (about, content=figures)")
    db.execute("insert into figures_fts (rowid, about) select id, about from figures")
    for statement in _FIGURES_FTS_TRIGGERS:
        db.execute(statement)


@migrations()
def m017_quote_search_of_speech(db: Database) -> None:
    # `/quotes` finds what was said or written: beliefs and findings leave the full-text index,
    # so its count is the answer's total without reading the row of every match (58 ms for a
    # common word at 100,000 articles, benchmarks/commands.py). The index reads its text from
    # `quotes`, so a row is taken out of it only if it is in it.
    spoken = "kind in ('speech', 'writing')"
    db.execute(
        "insert into quotes_fts (quotes_fts, rowid, text)"
        f" select 'delete', id, text from quotes where not ({spoken})"
    )
    for name in ("quotes_ai", "quotes_ad", "quotes_au"):
        db.execute(f"drop trigger {name}")
    add = f"insert into quotes_fts (rowid, text) select new.id, new.text where new.{spoken};"
    drop = (
        "insert into quotes_fts (quotes_fts, rowid, text)"
        f" select 'delete', old.id, old.text where old.{spoken};"
    )
    db.execute(f"create trigger quotes_fts_insert after insert on quotes begin {add} end")
    db.execute(f"create trigger quotes_fts_delete after delete on quotes begin {drop} end")
    db.execute(
        "create trigger quotes_fts_update after update of id, text, kind on quotes"
        f" begin {drop} {add} end"
    )


_FIGURES_FTS_ADD = "insert into figures_fts (rowid, about) values (new.id, new.about);"
_FIGURES_FTS_DROP = (
    "insert into figures_fts (figures_fts, rowid, about) values ('delete', old.id, old.about);"
)
_FIGURES_FTS_TRIGGERS = (
    f"create trigger figures_fts_insert after insert on figures begin {_FIGURES_FTS_ADD} end",
    f"create trigger figures_fts_delete after delete on figures begin {_FIGURES_FTS_DROP} end",
    "create trigger figures_fts_update after update of id, about on figures"
    f" begin {_FIGURES_FTS_DROP} {_FIGURES_FTS_ADD} end",
)


# Opening ----------------------------------------------------------------------------------------


def open_store(path: Path | str, *, readonly: bool = False) -> Database:
    """Open the store at `path`, creating it and applying pending migrations unless `readonly`.

    A file that is not a usable tradedigest database raises `StoreError` naming it."""
    try:
        db = _opened(path, readonly)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: {_problem(error)}") from None
    except StoreError as error:
        raise StoreError(f"{path}: {error}") from None
    return db


def _opened(path: Path | str, readonly: bool) -> Database:
    started = time.monotonic()
    try:
        return _open_once(path, readonly)
    except sqlite3.OperationalError as error:
        # Busy at once, not after the busy timeout: SQLite refused to wait, as it does when
        # another process changed the file since this one first read it (two processes
        # creating one database). A second try reads it afresh.
        if "locked" not in str(error) or time.monotonic() - started > 1:
            raise
    return _open_once(path, readonly)


def _open_once(path: Path | str, readonly: bool) -> Database:
    memory = str(path) == ":memory:"
    db = Database(memory=True) if memory else _connect(Path(path), readonly)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if not memory and not readonly:
            db.enable_wal()
            # SQLite's advice for WAL: a commit survives any process crash without waiting for
            # the disk; only a power cut may lose the last commits, never corrupt the file.
            db.execute("PRAGMA synchronous = NORMAL")
        if not readonly:
            _migrate(db)
        _check(db)
    except BaseException:
        db.close()
        raise
    return db


def _connect(path: Path, readonly: bool) -> Database:
    if path.is_dir():
        raise StoreError("is a directory, not a database file (set database.path to a file)")
    if readonly:
        if not path.exists():
            raise StoreError("no database yet: run `tradedigest run --once` first")
        # mode=ro reads a file we may not write, and never creates one.
        return Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))
    # The effective user is who opens the file (a setuid or sudo'd process is not its real user).
    effective = os.access in os.supports_effective_ids
    if path.exists() and not os.access(path, os.R_OK, effective_ids=effective):
        raise StoreError("cannot be opened: the file is not readable (check its permissions)")
    if path.exists() and not os.access(path, os.W_OK, effective_ids=effective):
        raise StoreError("read-only: this command writes to the database (check its permissions)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create its folder: {error.strerror}") from None
    return Database(path)


def _problem(error: sqlite3.DatabaseError) -> str:
    """What a user can do about an SQLite error on opening."""
    text = str(error)
    if "not a database" in text:
        return "not an SQLite database (move it away, or set database.path to another file)"
    if "readonly" in text or "read-only" in text:
        return "read-only: this command writes to the database (check the file's permissions)"
    if "unable to open" in text:
        return "cannot be opened (check that it exists, is a file, and is readable)"
    if "locked" in text:
        return "locked by another process for too long (try again when it has finished)"
    return f"unusable database ({text})"


def _migrate(db: Database) -> None:
    """Apply pending migrations inside one write transaction: a second process opening a new
    database at once waits for the first, then finds nothing left to apply."""
    if not migrations.pending(db):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")


@functools.cache
def expected_columns() -> dict[str, frozenset[str]]:
    """Each table and its columns, as the migrations make them."""
    fresh = Database(memory=True)
    migrations.apply(fresh)
    return _columns(fresh)


def _columns(db: Database) -> dict[str, frozenset[str]]:
    return {table.name: frozenset(table.columns_dict) for table in db.tables}


def _check(db: Database) -> None:
    """Refuse a database whose tables differ from what its migrations made (dropped or altered
    by hand): writing to it would re-create a table without its columns."""
    if migrations.pending(db):
        raise StoreError("made by an older tradedigest: run `tradedigest run --once` to upgrade")
    found = _columns(db)
    for table, columns in expected_columns().items():
        if table not in found:
            raise StoreError(f"table {table!r} is missing (restore the file from a backup)")
        if missing := columns - found[table]:
            raise StoreError(
                f"table {table!r} lacks columns {', '.join(sorted(missing))}"
                " (restore the file from a backup)"
            )


def connector(path: Path | str) -> Callable[[], Database]:
    """A function giving each calling thread its own connection to the store at `path`: an
    sqlite3 connection must stay in the thread that opened it."""
    local = threading.local()

    def connect() -> Database:
        if not hasattr(local, "db"):
            local.db = open_store(path)
        return local.db

    return connect


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock at once (waiting out another process's),
    so reads inside it cannot be overtaken by another writer; nested, a savepoint."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.execute("COMMIT")
