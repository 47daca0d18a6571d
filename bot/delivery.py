"""Posting a stored digest to Slack channels, once per (digest, channel)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlite_utils import Database

from digest import store
from digest.compose import Digest
from digest.render import to_blocks, to_text


def deliver(
    db: Database, digest: dict, client: WebClient, channels: tuple[str, ...], now: datetime
) -> dict[str, str]:
    """Post `digest` to each channel that has not had it yet; returns each channel's outcome."""
    outcomes = {}
    body = Digest.from_body(digest["body"])
    for channel in channels:
        previous = store.delivery(db, digest["id"], channel)
        if previous and previous["status"] == "posted":
            outcomes[channel] = "already posted"
            continue
        try:
            response = client.chat_postMessage(
                channel=channel, text=to_text(body)[:3000], blocks=to_blocks(body)
            )
        except SlackApiError as error:
            reason = error.response.get("error", str(error))
            store.record_delivery(
                db, digest["id"], channel, status="failed", now=now.isoformat(), error=reason
            )
            outcomes[channel] = f"failed: {reason}"
            continue
        store.record_delivery(
            db, digest["id"], channel, status="posted", now=now.isoformat(), ts=response["ts"]
        )
        outcomes[channel] = "posted"
    return outcomes
