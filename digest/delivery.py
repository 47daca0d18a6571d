"""Delivering a stored digest exactly once per (digest, channel), to Slack or the terminal.

Each (digest, channel) is claimed in the store before anything is sent, and every message sent
is recorded at once, so a restart, a crash between two messages or a second process never sends
a message twice; what a crash left unsent is finished by the next run. An `Outlet` says where the
messages go: `bot.delivery.SlackOutlet` posts them, `TerminalOutlet` prints the digest.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlite_utils import Database

from digest import store
from digest.compose import Digest
from digest.records import Delivery, StoredDigest

# Who holds a claim: unique per process, readable in the deliveries table.
OWNER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
# A claim not renewed for this long belongs to a dead process and may be taken over; it is
# renewed after each message, and one message may wait out several 429s (Retry-After) first.
LEASE = timedelta(minutes=10)


class DeliveryFailed(Exception):
    """One message could not be sent; the message says why, for the user."""


class Outlet(Protocol):
    """Where digests go: its channels, how many messages a digest makes there, and sending one
    (returning its id, the thread of the ones after it)."""

    channels: tuple[str, ...]

    def parts(self, digest: StoredDigest) -> int: ...

    def send(self, digest: StoredDigest, channel: str, part: int, thread: str | None) -> str:
        """Send message `part`; raise `DeliveryFailed` when it cannot be sent."""
        ...


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


class TerminalOutlet:
    """The terminal as one channel: the digest is shown, then recorded like a Slack post."""

    channels: tuple[str, ...] = ("terminal",)

    def __init__(self, show: Callable[[Digest], None]) -> None:
        self.show = show

    def parts(self, digest: StoredDigest) -> int:
        return 1

    def send(self, digest: StoredDigest, channel: str, part: int, thread: str | None) -> str:
        self.show(digest.digest)
        return "terminal"


def deliver(
    db: Database,
    digest: StoredDigest,
    outlet: Outlet,
    now: datetime,
    channels: tuple[str, ...] | None = None,
) -> list[Outcome]:
    """Send `digest` to each of the outlet's channels (or `channels`) that has not had it."""
    return [post(db, digest, channel, outlet, now) for channel in channels or outlet.channels]


def post(
    db: Database, digest: StoredDigest, channel: str, outlet: Outlet, now: datetime
) -> Outcome:
    """Claim (digest, channel), send the messages not yet sent (the channel's own view of the
    digest when it has one), and record the outcome."""
    digest = store.channel_view(db, digest.id, channel) or digest
    clock = _clock(now)
    claim = store.claim_delivery(
        db, digest.id, channel, owner=OWNER, now=_stamp(clock()), until=_stamp(clock() + LEASE)
    )
    if claim is None:
        return _unclaimed(db, digest.id, channel)
    try:
        sent = _send_rest(db, digest, claim, outlet, clock)
    except DeliveryFailed as failure:
        reason = str(failure)
        store.finish_delivery(
            db, digest.id, channel, owner=OWNER, now=_stamp(clock()), error=reason
        )
        return Outcome(digest.id, channel, "failed", reason)
    store.finish_delivery(db, digest.id, channel, owner=OWNER, now=_stamp(clock()), error=None)
    return Outcome(digest.id, channel, "posted", f"{sent} message{'s' * (sent != 1)}")


def _send_rest(
    db: Database, digest: StoredDigest, claim: Delivery, outlet: Outlet, clock: Clock
) -> int:
    thread, parts = claim.ts, outlet.parts(digest)
    for index in range(claim.parts, parts):
        sent = outlet.send(digest, claim.channel, index, thread)
        thread = thread or sent
        store.record_part(
            db,
            digest.id,
            claim.channel,
            owner=OWNER,
            parts=index + 1,
            ts=thread,
            until=_stamp(clock() + LEASE),
        )
    return parts - claim.parts


def _unclaimed(db: Database, digest_id: int, channel: str) -> Outcome:
    row = store.delivery(db, digest_id, channel)
    if row is not None and row.status == "posted":
        return Outcome(digest_id, channel, "already posted")
    return Outcome(digest_id, channel, "busy", f"being posted by {row.owner if row else '?'}")


Clock = Callable[[], datetime]


def _clock(start: datetime) -> Clock:
    """`start` moving forward in real time: leases stay true however long sending takes."""
    began = time.monotonic()
    return lambda: start.astimezone(UTC) + timedelta(seconds=time.monotonic() - began)


def _stamp(moment: datetime) -> str:
    return store.timestamp(moment.replace(microsecond=0))
