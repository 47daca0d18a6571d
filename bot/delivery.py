"""Posting a stored digest to Slack channels exactly once per (digest, channel).

Each (digest, channel) is claimed in the store before anything is posted, and every message posted
is recorded at once, so a restart, a crash between two messages or a second process never posts a
message twice; what a crash left unposted is finished by the next run.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from digest import jobs, store
from digest.compose import Digest
from digest.config import Config
from digest.render import to_fallback

log = logging.getLogger(__name__)

# Who holds a claim: unique per process, readable in the deliveries table.
OWNER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
# A claim not renewed for this long belongs to a dead process and may be taken over; it is
# renewed after each message, and one message may wait out several 429s (Retry-After) first.
LEASE = timedelta(minutes=10)

REASONS = {
    "channel_not_found": "channel not found: check slack.channels (a private channel needs the "
    "bot invited)",
    "not_in_channel": "the bot is not in the channel: /invite it, or grant chat:write.public",
    "is_archived": "the channel is archived",
    "invalid_auth": "Slack rejected the bot token (SLACK_BOT_TOKEN)",
    "ratelimited": "rate limited by Slack, still after retries",
}


@dataclass(frozen=True)
class Outcome:
    """What happened to one digest in one channel."""

    digest_id: int
    channel: str
    status: str  # posted, already posted, busy (another process holds it), failed
    detail: str = ""

    def __str__(self) -> str:
        line = f"digest {self.digest_id} → {self.channel}: {self.status}"
        return f"{line} ({self.detail})" if self.detail else line


class Pacer:
    """At most one message per `interval` seconds to each channel, across threads."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(channel, now))
            self._next[channel] = slot + self.interval
        time.sleep(slot - now)
        with self._lock:
            # Woken late (a busy machine), the next message still waits a full interval.
            woke = time.monotonic()
            self._next[channel] = max(self._next[channel], woke + self.interval)


PACER = Pacer()
Clock = Callable[[], datetime]


def messages_of(digest: dict) -> list[dict]:
    """The chat.postMessage arguments of a stored digest: its rendered messages, the main one
    then the thread replies, each with the notification text."""
    text = to_fallback(Digest.from_record(digest))
    return [{"text": text, "blocks": blocks} for blocks in digest["messages"]]


def messages_for(db: Database, digest: dict, channel: str) -> list[dict]:
    """The messages `channel` gets: its own view of the digest when it has topics."""
    return messages_of(store.channel_view(db, digest["id"], channel) or digest)


def publish(config: Config, db: Database, client: WebClient, now: datetime) -> list[Outcome]:
    """Build the digest due now and post it, after finishing deliveries earlier runs left undone.

    This is what `tradedigest run --once` does with a token, and the scheduled digest job."""
    digest = jobs.build_digest(config, db, now)
    outcomes = []
    for row in store.unfinished_deliveries(db):
        if row["digest_id"] != digest["id"] and row["channel"] in config.slack.channels:
            earlier = messages_for(db, store.digest_by_id(db, row["digest_id"]), row["channel"])
            outcomes.append(post(db, row["digest_id"], row["channel"], earlier, client, now))
    return outcomes + deliver(db, digest, client, config.slack.channels, now)


def deliver(
    db: Database, digest: dict, client: WebClient, channels: tuple[str, ...], now: datetime
) -> list[Outcome]:
    """Post `digest` to each channel that has not had it yet, in that channel's view."""
    return [
        post(db, digest["id"], channel, messages_for(db, digest, channel), client, now)
        for channel in channels
    ]


def post(
    db: Database,
    digest_id: int,
    channel: str,
    messages: list[dict],
    client: WebClient,
    now: datetime,
    pacer: Pacer = PACER,
) -> Outcome:
    """Claim (digest, channel), post the messages not yet posted, and record the outcome."""
    clock = _clock(now)
    claim = store.claim_delivery(
        db, digest_id, channel, owner=OWNER, now=_iso(clock()), until=_iso(clock() + LEASE)
    )
    if claim is None:
        return _unclaimed(db, digest_id, channel)
    try:
        _post_rest(db, claim, messages, client, pacer, clock)
    except (SlackApiError, OSError) as error:
        cause = reason(error)
        log.warning("digest %s not posted to %s: %s", digest_id, channel, cause)
        store.finish_delivery(db, digest_id, channel, owner=OWNER, now=_iso(clock()), error=cause)
        return Outcome(digest_id, channel, "failed", cause)
    store.finish_delivery(db, digest_id, channel, owner=OWNER, now=_iso(clock()), error=None)
    sent = len(messages) - claim["parts"]
    return Outcome(digest_id, channel, "posted", f"{sent} message{'s' * (sent != 1)}")


def _post_rest(
    db: Database, claim: dict, messages: list[dict], client: WebClient, pacer: Pacer, clock: Clock
) -> None:
    channel, thread = claim["channel"], claim["ts"]
    for index in range(claim["parts"], len(messages)):
        pacer.wait(channel)
        response = client.chat_postMessage(channel=channel, thread_ts=thread, **messages[index])
        thread = thread or response["ts"]
        store.record_part(
            db,
            claim["digest_id"],
            channel,
            owner=OWNER,
            parts=index + 1,
            ts=thread,
            until=_iso(clock() + LEASE),
        )


def _unclaimed(db: Database, digest_id: int, channel: str) -> Outcome:
    row = store.delivery(db, digest_id, channel)
    if row["status"] == "posted":
        return Outcome(digest_id, channel, "already posted")
    return Outcome(digest_id, channel, "busy", f"being posted by {row['owner']}")


def reason(error: Exception) -> str:
    """One line saying why Slack did not take a message."""
    if not isinstance(error, SlackApiError):
        return f"Slack unreachable: {error}"
    code = error.response.get("error") or "unknown error"
    if error.response.status_code >= 500:
        return f"Slack answered HTTP {error.response.status_code}, still after retries"
    if error.response.status_code == 429:
        code = "ratelimited"
    return REASONS.get(code, f"Slack error {code}")


def _clock(start: datetime) -> Clock:
    """`start` moving forward in real time: leases stay true however long posting takes."""
    began = time.monotonic()
    return lambda: start.astimezone(UTC) + timedelta(seconds=time.monotonic() - began)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
