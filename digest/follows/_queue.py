"""From stored articles to the alert queue: what is new for each follower since the last run."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlite_utils import Database

from digest.follows._match import match
from digest.follows._message import alerts_of
from digest.follows._model import Alert, AlertItem
from digest.store import follows as _store


def new_matches(db: Database) -> tuple[list[tuple[str, AlertItem]], str | None]:
    """The (user, item) pairs the articles stored since the cursor give (some may be queued
    already: queueing skips them), and the cursor's next value (None when nothing was read)."""
    since = _store.cursor(db) or _store.first_follow(db)
    if since is None:
        return [], None
    articles, quotes = _store.articles_after(db, since)
    if not articles:
        return [], None
    return match(_store.all_follows(db), articles, quotes), max(a.fetched for a in articles)


def queue_new(db: Database, now: datetime) -> int:
    """Queue what is new for each follower and move the cursor past it, in one transaction."""
    with _store.writing(db):
        found, until = new_matches(db)
        added = _store.queue(db, found, now)
        if until:
            _store.advance_cursor(db, until)
    return added


def preview(db: Database, max_items: int) -> list[Alert]:
    """The alerts the next run would send, per user, without changing anything."""
    owed: dict[str, dict[str, AlertItem]] = defaultdict(dict)
    for user in _store.owed_users(db):
        for item in _store.pending(db, user):
            owed[user].setdefault(item.key, item)
    found = new_matches(db)[0]
    queued = _store.queued_keys(db, [(user, item.key) for user, item in found])
    for user, item in found:
        if (user, item.key) not in queued:
            owed[user].setdefault(item.key, item)
    return [
        alerts_of(user, list(items.values()), max_items) for user, items in sorted(owed.items())
    ]
