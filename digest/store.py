"""The SQLite store: schema migrations and every read and write tradedigest makes."""

from __future__ import annotations

import json
from collections.abc import Iterable
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


def open_store(path: Path | str) -> Database:
    """Open (creating if needed) the store at `path`, in WAL mode, with every migration applied."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = Database(path) if str(path) != ":memory:" else Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 5000")
    if str(path) != ":memory:":
        db.enable_wal()
    migrations.apply(db)
    return db


# Articles ---------------------------------------------------------------------------------------


def find_article(db: Database, canonical_url: str) -> dict | None:
    rows = list(db["articles"].rows_where("canonical_url = ?", [canonical_url], limit=1))
    return rows[0] if rows else None


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
                    "title": article.title,
                    "author": article.author,
                    "site": article.site,
                    "published": article.published,
                    "fetched": fetched,
                    "text": article.text,
                    "content_hash": content_hash,
                    "status": status,
                    "skip_reason": skip_reason,
                },
            )
            .last_pk
        )
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
    return article_id


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
) -> None:
    """Remember how a source's latest run went, so failing sources stand out."""
    previous = db["sources"].get(name) if db["sources"].count_where("name = ?", [name]) else {}
    failures = (previous.get("consecutive_failures") or 0) + 1 if error else 0
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


# Digests and deliveries -------------------------------------------------------------------------


def last_digest(db: Database) -> dict | None:
    rows = list(db["digests"].rows_where(order_by="period_end desc", limit=1))
    return _decoded(rows[0]) if rows else None


def digest_for_period(db: Database, start: str, end: str) -> dict | None:
    rows = list(db["digests"].rows_where("period_start = ? and period_end = ?", [start, end]))
    return _decoded(rows[0]) if rows else None


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


def _decoded(row: dict) -> dict:
    return {**row, "body": json.loads(row["body"])}


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
