"""Alerts by direct message after each ingest run: at most one message per follower a run.

What each follower is owed is queued in the store first; each user's items are then claimed
before anything is posted and marked sent as soon as Slack has the message, so a restart or a
second `serve` never sends the same quote or article twice. Quiet hours hold the queue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from bot import delivery
from digest import follows
from digest.config import Config
from digest.store import follows as follow_store

log = logging.getLogger(__name__)

# Slack's answers for a user no message will ever reach: their items are dropped, not retried.
UNREACHABLE = frozenset(
    {"user_not_found", "user_disabled", "account_inactive", "channel_not_found", "cannot_dm_bot"}
)


@dataclass(frozen=True)
class AlertOutcome:
    """What happened to one follower's alert in one run."""

    user: str
    status: str  # sent, held (quiet hours), busy (another process), failed, dropped
    detail: str = ""

    def __str__(self) -> str:
        line = f"alert → {self.user}: {self.status}"
        return f"{line} ({self.detail})" if self.detail else line


def run(
    config: Config,
    db: Database,
    client: WebClient,
    now: datetime,
    owner: str = delivery.OWNER,
    pacer: delivery.Pacer = delivery.PACER,
) -> list[AlertOutcome]:
    """Queue what the last ingest brought each follower, then send what is owed, unless it is
    quiet hours in the schedule's timezone (then it waits for the first run after them)."""
    follows.queue_new(db, now)
    users = follow_store.waiting_users(db, now)
    local = now.astimezone(ZoneInfo(config.schedule.timezone))
    if follows.is_quiet(config.alerts.quiet_span(), local):
        return [
            AlertOutcome(user, "held", f"quiet hours {config.alerts.quiet_hours}") for user in users
        ]
    return [send(config, db, client, user, now, owner, pacer) for user in users]


def send(
    config: Config,
    db: Database,
    client: WebClient,
    user: str,
    now: datetime,
    owner: str = delivery.OWNER,
    pacer: delivery.Pacer = delivery.PACER,
) -> AlertOutcome:
    """Claim the user's waiting items, post them in one direct message, record the outcome."""
    until = now + delivery.LEASE
    items = follow_store.claim(db, user, owner=owner, now=now, until=until)
    if not items:
        return AlertOutcome(user, "busy", "being sent by another process")
    alert = follows.alerts_of(user, items, config.alerts.max_items)
    try:
        # A user ID as the channel: Slack opens the direct message with the bot.
        with pacer.turn(user):
            response = client.chat_postMessage(channel=user, **follows.to_message(alert))
    except (SlackApiError, OSError) as error:
        reason = delivery.reason(error)
        log.warning("alert to %s not sent: %s", user, reason)
        if isinstance(error, SlackApiError) and error.response.get("error") in UNREACHABLE:
            follow_store.drop(db, user, owner=owner, now=now)
            return AlertOutcome(user, "dropped", reason)
        follow_store.finish(db, user, owner=owner, now=now, ts=None)
        return AlertOutcome(user, "failed", reason)
    follow_store.finish(db, user, owner=owner, now=now, ts=response["ts"])
    return AlertOutcome(user, "sent", f"{len(items)} item{'s' * (len(items) != 1)}")
