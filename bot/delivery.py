"""Slack as an outlet for `digest.delivery`: posting a stored digest's messages to channels.

The claim protocol (each message posted once per channel, whatever crashes) is
`digest.delivery`'s; this module posts one message, paced, and says why Slack refused one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from digest.delivery import LEASE, OWNER, DeliveryFailed, Outcome
from digest.delivery import deliver as deliver_to
from digest.records import StoredDigest
from digest.render import to_fallback, to_messages

__all__ = ["LEASE", "OWNER", "Outcome", "Pacer", "SlackOutlet", "deliver", "messages_of", "reason"]

log = logging.getLogger(__name__)

REASONS = {
    "channel_not_found": "channel not found: check slack.channels (a private channel needs the "
    "bot invited)",
    "not_in_channel": "the bot is not in the channel: /invite it, or grant chat:write.public",
    "is_archived": "the channel is archived",
    "invalid_auth": "Slack rejected the bot token (SLACK_BOT_TOKEN)",
    "ratelimited": "rate limited by Slack, still after retries",
}


class Pacer:
    """At most one message per `interval` seconds to each channel, across threads, counted from
    when the last post to the channel ended (retries included), successful or not."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._free_at: dict[str, float] = {}
        self._channels: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    @contextmanager
    def turn(self, channel: str) -> Iterator[None]:
        """Wait for the channel's turn, hold it while posting, and start its interval after."""
        with self._lock:
            held = self._channels.setdefault(channel, threading.Lock())
        with held:
            time.sleep(max(0.0, self._free_at.get(channel, 0.0) - time.monotonic()))
            try:
                yield
            finally:
                self._free_at[channel] = time.monotonic() + self.interval


PACER = Pacer()


def messages_of(digest: StoredDigest) -> list[dict]:
    """The chat.postMessage arguments of a stored digest: its rendered messages, the main one
    then the thread replies, each with the notification text."""
    text = to_fallback(digest.digest)
    return [{"text": text, "blocks": blocks} for blocks in _rendered(digest)]


def _rendered(digest: StoredDigest) -> list[list[dict]]:
    return digest.messages if digest.messages is not None else to_messages(digest.digest)


class SlackOutlet:
    """Posts digests to Slack channels, one message a second per channel."""

    def __init__(self, client: WebClient, channels: tuple[str, ...], pacer: Pacer = PACER) -> None:
        self.client, self.channels, self.pacer = client, channels, pacer

    def parts(self, digest: StoredDigest) -> int:
        return len(_rendered(digest))

    def send(self, digest: StoredDigest, channel: str, part: int, thread: str | None) -> str:
        message = messages_of(digest)[part]
        try:
            with self.pacer.turn(channel):
                response = self.client.chat_postMessage(
                    channel=channel, thread_ts=thread, **message
                )
        except (SlackApiError, OSError) as error:
            cause = reason(error)
            log.warning("digest %s not posted to %s: %s", digest.id, channel, cause)
            raise DeliveryFailed(cause) from None
        return response["ts"]


def deliver(
    db: Database, digest: StoredDigest, client: WebClient, channels: tuple[str, ...], now: datetime
) -> list[Outcome]:
    """Post `digest` to each of `channels` that has not had it yet."""
    return deliver_to(db, digest, SlackOutlet(client, channels), now)


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
