"""The SQLite store: schema migrations and every read and write tradedigest makes."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from digest import speakers
from digest.config import SpeakersConfig
from digest.records import Article, Extraction

migrations = Migrations("tradedigest")
NO_SPEAKER_RULES = SpeakersConfig()


@migrations()
def m001_initial(db: Database) -> None:
    db["sources"].create(
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
    db["articles"].create(
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
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["fetched"])
    db["speakers"].create(
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
    db["speakers"].create_index(["name"], unique=True)
    db["speaker_aliases"].create(
        {"speaker_id": int, "alias": str, "article_id": int},
        pk=("speaker_id", "alias"),
        foreign_keys=[("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    )
    db["speaker_aliases"].create_index(["alias"])
    db["quotes"].create(
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
    db["quotes"].create_index(["article_id"])
    db["quotes"].create_index(["speaker_id"])
    db["figures"].create(
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
    db["figures"].create_index(["article_id"])
    db["digests"].create(
        {"id": int, "period_start": str, "period_end": str, "created": str, "body": str},
        pk="id",
        not_null={"period_start", "period_end", "created", "body"},
    )
    db["digests"].create_index(["period_start", "period_end"], unique=True)
    db["deliveries"].create(
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
    db["quotes"].enable_fts(["text"], create_triggers=True, tokenize="porter")
    db["articles"].enable_fts(["title"], create_triggers=True, tokenize="porter")


@migrations()
def m003_speaker_directory(db: Database) -> None:
    # Two people may share a name once a split or `never_merge` keeps them apart.
    db.execute("drop index idx_speakers_name")
    db["speakers"].create_index(["name"])
    db["speakers"].add_column("kind", str, not_null_default="person")
    db["speakers"].add_column("surname", str)
    db["speakers"].add_column("country", str)
    db["speakers"].create_index(["surname"])
    db["speaker_aliases"].add_column("norm", str)
    db["speaker_aliases"].add_column("pinned", int, not_null_default=0)
    db["speaker_aliases"].create_index(["norm"])
    db["speaker_roles"].create(
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
    db["speaker_links"].create(
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
    db["speaker_links"].create_index(["speaker_id", "seen"])
    db["speaker_corrections"].create(
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
    speakers.backfill_directory(db)


@migrations()
def m004_ingest_state(db: Database) -> None:
    # The row holds an article's latest version; earlier texts move to article_versions.
    db["articles"].add_column("version", int, not_null_default=1)
    db["articles"].add_column("minhash", bytes)
    db["articles"].create_index(["guid"])
    db["article_versions"].create(
        {"article_id": int, "version": int, "text": str, "content_hash": str, "fetched": str},
        pk=("article_id", "version"),
        not_null={"text", "content_hash", "fetched"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    # Per source and key (a URL or a file path): the HTTP validators or file modification time
    # seen when its articles were last stored.
    db["fetch_state"].create(
        {"source": str, "key": str, "value": str, "updated": str},
        pk=("source", "key"),
        not_null={"value", "updated"},
    )
    db["source_runs"].create(
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
    db["source_runs"].create_index(["source", "run_at"])


@migrations()
def m005_digest_messages(db: Database) -> None:
    # The rendered Slack messages, kept with the digest so every delivery posts the same thing.
    db["digests"].add_column("messages", str)


@migrations()
def m006_delivery_claims(db: Database) -> None:
    # A delivery is claimed by one process (owner) until lease_until, and remembers how many of
    # the digest's messages are already posted, so a crash resumes instead of reposting.
    db["deliveries"].add_column("owner", str)
    db["deliveries"].add_column("lease_until", str)
    db["deliveries"].add_column("parts", int, not_null_default=0)


@migrations()
def m007_locks(db: Database) -> None:
    db["locks"].create({"name": str, "owner": str, "until": str}, pk="name")


@migrations()
def m008_follows_and_alerts(db: Database) -> None:
    # A user follows a speaker (by record, moved along by merges and splits) or a topic (by its
    # stemmed words); `query` is the name as typed, which decides where a split takes it.
    db["follows"].create(
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
    db["follows"].create_index(["speaker_id"])
    # What each follower is owed: one row per (user, quote or article), claimed by one process
    # (owner, lease_until) while its direct message is posted, then kept as sent for good.
    db["alert_queue"].create(
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
    db["alert_queue"].create_index(["status", "user"])
    # How far alerts have read the stored articles (their `fetched` time).
    db["alert_cursor"].create({"name": str, "value": str}, pk="name", not_null={"value"})


@migrations()
def m009_channel_views(db: Database) -> None:
    # A channel with topics gets its own view of a digest, stored once like the digest itself.
    db["channel_views"].create(
        {"digest_id": int, "channel": str, "body": str, "messages": str},
        pk=("digest_id", "channel"),
        not_null={"body", "messages"},
        foreign_keys=[("digest_id", "digests", "id")],
    )


@migrations()
def m010_alert_items(db: Database) -> None:
    # What an alert says is stored once in alert_items, however many followers are owed it;
    # the queue keeps who is owed what. Details queued before move there under their own id.
    db["alert_items"].create({"id": str, "detail": str}, pk="id", not_null={"detail"})
    db.execute(
        "insert or ignore into alert_items (id, detail)"
        " select user || ' ' || item, detail from alert_queue"
    )
    db["alert_queue"].add_column("detail_id", str)
    db.execute("update alert_queue set detail_id = user || ' ' || item")
    db["alert_queue"].transform(drop={"detail"})
    db["alert_queue"].create_index(["status", "user"], if_not_exists=True)
    db["follows"].create_index(["user"])


def open_store(path: Path | str) -> Database:
    """Open (creating if needed) the store at `path`, in WAL mode, with every migration applied."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(path) if str(path) != ":memory:" else Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    if str(path) != ":memory:":
        db.enable_wal()
        # SQLite's advice for WAL: a commit survives any process crash without waiting for the
        # disk; only a power cut may lose the last commits, never corrupt the file.
        db.execute("PRAGMA synchronous = NORMAL")
    migrations.apply(db)
    return db


def connector(path: Path | str) -> Callable[[], Database]:
    """A function giving each calling thread its own connection to the store at `path`: an
    sqlite3 connection must stay in the thread that opened it."""
    local = threading.local()

    def connect() -> Database:
        if not hasattr(local, "db"):
            local.db = open_store(path)
        return local.db

    return connect


# Articles ---------------------------------------------------------------------------------------


def find_article(db: Database, canonical_url: str) -> dict | None:
    rows = list(db["articles"].rows_where("canonical_url = ?", [canonical_url], limit=1))
    return rows[0] if rows else None


def known_keys(db: Database) -> tuple[set[str], set[tuple[str, str]]]:
    """Every stored canonical URL, and (source, GUID) pair: what sources need not fetch again."""
    urls, guids = set(), set()
    for url, source, guid in db.execute("select canonical_url, source, guid from articles"):
        urls.add(url)
        if guid:
            guids.add((source, guid))
    return urls, guids


def first_with_hash(db: Database, content_hash: str) -> int | None:
    """The first stored article (not itself a duplicate) with this content hash."""
    row = db.execute(
        "select id from articles where content_hash = ? and duplicate_of is null order by id",
        [content_hash],
    ).fetchone()
    return row[0] if row else None


def signatures(db: Database) -> list[tuple[int, bytes]]:
    """MinHash signatures of the stored articles that are not duplicates, oldest first."""
    return db.execute(
        "select id, minhash from articles where minhash is not null and duplicate_of is null"
        " order by id"
    ).fetchall()


def save_article(
    db: Database,
    article: Article,
    extraction: Extraction,
    *,
    canonical_url: str,
    content_hash: str,
    fetched: str,
    status: str = "extracted",
    skip_reason: str | None = None,
    duplicate_of: int | None = None,
    minhash: bytes | None = None,
    speaker_rules: SpeakersConfig = NO_SPEAKER_RULES,
) -> int:
    """Store an article with its quotes, speakers and figures, all or nothing; its speakers are
    filed in the directory under the people they are (see `digest.speakers`)."""
    with db.atomic():
        article_id = (
            db["articles"]
            .insert(
                {
                    "source": article.source,
                    "url": article.url,
                    "canonical_url": canonical_url,
                    "guid": article.guid,
                    **_article_fields(article),
                    "fetched": fetched,
                    "content_hash": content_hash,
                    "status": status,
                    "skip_reason": skip_reason,
                    "duplicate_of": duplicate_of,
                    "minhash": minhash,
                },
            )
            .last_pk
        )
        _save_extraction(db, article, article_id, extraction, fetched, speaker_rules)
    return article_id


def save_version(
    db: Database,
    article_id: int,
    article: Article,
    extraction: Extraction,
    *,
    content_hash: str,
    fetched: str,
    status: str = "extracted",
    skip_reason: str | None = None,
    minhash: bytes | None = None,
    speaker_rules: SpeakersConfig = NO_SPEAKER_RULES,
) -> int:
    """Make `article` the latest version of a stored article, all or nothing; the previous text
    moves to article_versions, and the quotes, figures and speaker evidence are those of the new
    text. Returns the new version number."""
    with db.atomic():
        old = db["articles"].get(article_id)
        db["article_versions"].insert(
            {key: old[key] for key in ("version", "text", "content_hash", "fetched")}
            | {"article_id": article_id}
        )
        old_speakers = [row[0] for row in db.execute(_ARTICLE_SPEAKERS, [article_id])]
        for table in ("quotes", "figures", "speaker_links", "speaker_roles"):
            db[table].delete_where("article_id = ?", [article_id])
        version = old["version"] + 1
        db["articles"].update(
            article_id,
            {
                **_article_fields(article),
                "fetched": fetched,
                "content_hash": content_hash,
                "status": status,
                "skip_reason": skip_reason,
                # A new text is judged afresh: a copy that changed is no longer a copy.
                "duplicate_of": None,
                "minhash": minhash,
                "version": version,
            },
        )
        _save_extraction(db, article, article_id, extraction, fetched, speaker_rules)
        speakers.refresh(db, old_speakers)
    return version


_ARTICLE_SPEAKERS = "select speaker_id from speaker_links where article_id = ?"


def _article_fields(article: Article) -> dict:
    fields = ("title", "author", "site", "published", "text")
    return {key: getattr(article, key) for key in fields}


def _save_extraction(
    db: Database,
    article: Article,
    article_id: int,
    extraction: Extraction,
    fetched: str,
    speaker_rules: SpeakersConfig,
) -> None:
    speaker_ids = speakers.file_speakers(
        db,
        extraction,
        article_id,
        published=article.published,
        fetched=fetched,
        rules=speaker_rules,
    )
    db["quotes"].insert_all(
        {
            **asdict(quote),
            "article_id": article_id,
            "direct": int(quote.direct),
            "speaker_id": speaker_ids.get(quote.speaker or ""),
        }
        for quote in extraction.quotes
    )
    db["figures"].insert_all(
        {**asdict(figure), "article_id": article_id} for figure in extraction.figures
    )
    speakers.refresh(db, speaker_ids.values())


def articles_fetched_between(db: Database, start: str, end: str) -> list[dict]:
    return list(
        db["articles"].rows_where(
            "fetched > ? and fetched <= ? and status = 'extracted'", [start, end], order_by="id"
        )
    )


def quotes_of(db: Database, article_ids: list[int]) -> list[dict]:
    return _rows_of(db, "quotes", article_ids)


def figures_of(db: Database, article_ids: list[int]) -> list[dict]:
    return _rows_of(db, "figures", article_ids)


def _rows_of(db: Database, table: str, article_ids: list[int]) -> list[dict]:
    marks = ",".join("?" * len(article_ids))
    return list(db[table].rows_where(f"article_id in ({marks})", article_ids, order_by="id"))


def speakers_by_id(db: Database, ids: Iterable[int]) -> dict[int, dict]:
    ids = [i for i in set(ids) if i is not None]
    marks = ",".join("?" * len(ids))
    return {row["id"]: row for row in db["speakers"].rows_where(f"id in ({marks})", ids)}


# Sources ----------------------------------------------------------------------------------------


def record_source_run(
    db: Database,
    name: str,
    kind: str,
    location: str,
    *,
    seen: int,
    new: int,
    error: str | None,
    now: str,
    duplicates: int = 0,
    skipped: int = 0,
    failed: int = 0,
) -> None:
    """Remember how a source's run went, latest on the source, every run in source_runs."""
    previous = db["sources"].get(name) if db["sources"].count_where("name = ?", [name]) else {}
    failures = (previous.get("consecutive_failures") or 0) + 1 if error else 0
    with db.atomic():
        db["sources"].upsert(
            {
                "name": name,
                "kind": kind,
                "location": location,
                "last_run": now,
                "last_success": previous.get("last_success") if error else now,
                "last_error": error if error else previous.get("last_error"),
                "consecutive_failures": failures,
                "articles_seen": seen,
                "articles_new": new,
            },
            pk="name",
        )
        db["source_runs"].insert(
            {
                "source": name,
                "run_at": now,
                "seen": seen,
                "new": new,
                "duplicates": duplicates,
                "skipped": skipped,
                "failed": failed,
                "error": error,
            }
        )


def source_health(db: Database) -> dict[str, dict]:
    """Each source's latest run, last success, last error and consecutive failures, by name."""
    return {row["name"]: row for row in db["sources"].rows}


def failing_sources(db: Database, failing_after: int) -> list[dict]:
    """Sources that failed at least `failing_after` runs in a row."""
    return list(
        db["sources"].rows_where("consecutive_failures >= ?", [failing_after], order_by="name")
    )


def fetch_state(db: Database, source: str) -> dict[str, str]:
    return {
        row["key"]: row["value"] for row in db["fetch_state"].rows_where("source = ?", [source])
    }


def save_fetch_state(db: Database, source: str, state: Mapping[str, str], now: str) -> None:
    with db.atomic():
        db["fetch_state"].upsert_all(
            ({"source": source, "key": k, "value": v, "updated": now} for k, v in state.items()),
            pk=("source", "key"),
        )


# Digests and deliveries -------------------------------------------------------------------------


def last_digest(db: Database) -> dict | None:
    rows = list(db["digests"].rows_where(order_by="period_end desc", limit=1))
    return _decoded(rows[0]) if rows else None


def first_digest(db: Database) -> dict | None:
    rows = list(db["digests"].rows_where(order_by="period_start", limit=1))
    return _decoded(rows[0]) if rows else None


def last_delivered_digest(db: Database) -> dict | None:
    """The latest digest posted to at least one channel (or printed, without Slack)."""
    rows = list(
        db["digests"].rows_where(
            "id in (select digest_id from deliveries where status = 'posted')",
            order_by="period_end desc",
            limit=1,
        )
    )
    return _decoded(rows[0]) if rows else None


def digests_ending_between(db: Database, start: str, end: str) -> list[dict]:
    """Digests whose period ends in [start, end), latest first."""
    rows = db["digests"].rows_where(
        "period_end >= ? and period_end < ?", [start, end], order_by="period_end desc"
    )
    return [_decoded(row) for row in rows]


def digest_for_period(db: Database, start: str, end: str) -> dict | None:
    rows = list(db["digests"].rows_where("period_start = ? and period_end = ?", [start, end]))
    return _decoded(rows[0]) if rows else None


def digest_by_id(db: Database, digest_id: int) -> dict:
    return _decoded(db["digests"].get(digest_id))


def save_digest(db: Database, start: str, end: str, body: dict, created: str) -> dict:
    """Store a period's digest once; a second call for the same period returns the first."""
    with db.atomic():
        db["digests"].insert(
            {
                "period_start": start,
                "period_end": end,
                "created": created,
                "body": json.dumps(body),
            },
            ignore=True,
        )
    stored = digest_for_period(db, start, end)
    assert stored is not None
    return stored


def save_digest_messages(db: Database, digest_id: int, messages: list) -> dict:
    """Keep a digest's rendered messages; the first rendering stays if one is already there."""
    with db.atomic():
        db.execute(
            "update digests set messages = ? where id = ? and messages is null",
            [json.dumps(messages), digest_id],
        )
    return _decoded(db["digests"].get(digest_id))


def channel_view(db: Database, digest_id: int, channel: str) -> dict | None:
    """A channel's view of a digest: the record with that channel's body and messages."""
    where = "digest_id = ? and channel = ?"
    rows = list(db["channel_views"].rows_where(where, [digest_id, channel]))
    if not rows:
        return None
    return {**_decoded(db["digests"].get(digest_id)), **_decoded(rows[0])}


def save_channel_view(
    db: Database, digest_id: int, channel: str, body: dict, messages: list
) -> dict:
    """Keep a channel's view of a digest once; a second call returns the first."""
    db["channel_views"].insert(
        {
            "digest_id": digest_id,
            "channel": channel,
            "body": json.dumps(body),
            "messages": json.dumps(messages),
        },
        ignore=True,
    )
    view = channel_view(db, digest_id, channel)
    assert view is not None
    return view


def _decoded(row: dict) -> dict:
    messages = row.get("messages")
    return {**row, "body": json.loads(row["body"]), "messages": messages and json.loads(messages)}


def delivery(db: Database, digest_id: int, channel: str) -> dict | None:
    rows = list(db["deliveries"].rows_where("digest_id = ? and channel = ?", [digest_id, channel]))
    return rows[0] if rows else None


def record_delivery(
    db: Database,
    digest_id: int,
    channel: str,
    *,
    status: str,
    now: str,
    ts: str | None = None,
    error: str | None = None,
) -> None:
    previous = delivery(db, digest_id, channel) or {}
    db["deliveries"].upsert(
        {
            "digest_id": digest_id,
            "channel": channel,
            "status": status,
            "ts": ts or previous.get("ts"),
            "attempts": (previous.get("attempts") or 0) + (status != "posting"),
            "error": error,
            "updated": now,
        },
        pk=("digest_id", "channel"),
    )


def unfinished_deliveries(db: Database) -> list[dict]:
    """Deliveries that failed or stopped half way, oldest first, of digests posted elsewhere: a
    digest posted nowhere is superseded, as the next digest covers its period again."""
    return list(
        db["deliveries"].rows_where(
            "status != 'posted' and digest_id in"
            " (select digest_id from deliveries where status = 'posted')",
            order_by="digest_id, channel",
        )
    )


def claim_delivery(
    db: Database, digest_id: int, channel: str, *, owner: str, now: str, until: str
) -> dict | None:
    """Take (digest, channel) for posting in one statement, so two processes never both get it.

    A new, failed or abandoned (lease run out) delivery can be claimed; a posted one, or one a
    live process holds, cannot: then None."""
    claimed = db.execute(
        "insert into deliveries (digest_id, channel, status, owner, lease_until, updated)"
        " values (?, ?, 'posting', ?, ?, ?)"
        " on conflict (digest_id, channel) do update set status = 'posting',"
        " owner = excluded.owner, lease_until = excluded.lease_until, updated = excluded.updated"
        " where deliveries.status = 'failed'"
        " or (deliveries.status = 'posting' and deliveries.lease_until < ?)",
        [digest_id, channel, owner, until, now, now],
    ).rowcount
    return db["deliveries"].get((digest_id, channel)) if claimed else None


def record_part(
    db: Database, digest_id: int, channel: str, *, owner: str, parts: int, ts: str, until: str
) -> None:
    """Note that the first `parts` messages are posted (the first one's ts is the thread)."""
    db.execute(
        "update deliveries set parts = ?, ts = coalesce(ts, ?), lease_until = ?"
        " where digest_id = ? and channel = ? and owner = ?",
        [parts, ts, until, digest_id, channel, owner],
    )


def finish_delivery(
    db: Database, digest_id: int, channel: str, *, owner: str, now: str, error: str | None
) -> None:
    """Release the claim: posted, or failed with `error` (and retried on a later run)."""
    db.execute(
        "update deliveries set status = ?, error = ?, attempts = attempts + 1, updated = ?,"
        " lease_until = null where digest_id = ? and channel = ? and owner = ?",
        ["failed" if error else "posted", error, now, digest_id, channel, owner],
    )


# Locks ------------------------------------------------------------------------------------------


def acquire_lock(db: Database, name: str, *, owner: str, now: str, until: str) -> bool:
    """Take or renew lock `name` for `owner` until `until`; False while another owner holds it."""
    return bool(
        db.execute(
            "insert into locks (name, owner, until) values (?, ?, ?)"
            " on conflict (name) do update set owner = excluded.owner, until = excluded.until"
            " where locks.owner = excluded.owner or locks.until < ?",
            [name, owner, until, now],
        ).rowcount
    )


def release_lock(db: Database, name: str, *, owner: str) -> None:
    db.execute("delete from locks where name = ? and owner = ?", [name, owner])


# Search -----------------------------------------------------------------------------------------


def search_quotes(db: Database, query: str, limit: int = 10) -> tuple[int, list[dict]]:
    """Quotes matching every word of `query` (quoted parts as phrases), best first, with the total.

    The query is rebuilt from its words, so FTS5 operators and stray quote marks in what a user
    types are searched for as words and never reach FTS5 as syntax."""
    match = fts_query(query)
    if not match:
        return 0, []
    total = db.execute("select count(*) from quotes_fts where quotes_fts match ?", [match])
    rows = db.execute(
        "select quotes.text, quotes.speaker, articles.title, articles.url, articles.published,"
        " articles.fetched from quotes_fts join quotes on quotes.id = quotes_fts.rowid"
        " join articles on articles.id = quotes.article_id"
        " where quotes_fts match ? order by quotes_fts.rank limit ?",
        [match, limit],
    )
    columns = [c[0] for c in rows.description]
    return total.fetchone()[0], [dict(zip(columns, row, strict=True)) for row in rows]


def fts_query(text: str) -> str:
    """An FTS5 query of `text`'s words: "quoted parts" as phrases, every term required."""
    phrases = re.findall(r'["“”]([^"“”]+)["“”]', text)
    rest = re.sub(r'["“”][^"“”]+["“”]', " ", text)
    terms = [" ".join(re.findall(r"\w+", p)) for p in phrases] + re.findall(r"\w+", rest)
    return " ".join(f'"{term}"' for term in terms if term)
