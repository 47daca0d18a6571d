"""The one format the store writes times in: ISO 8601 in UTC, so string order is time order."""

from __future__ import annotations

from datetime import UTC, datetime


def timestamp(moment: datetime | str) -> str:
    """`moment` as the store writes times; a naive time or ISO string is taken to be UTC."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def parse_timestamp(stamp: str) -> datetime:
    """A time the store wrote, back as an aware datetime."""
    return datetime.fromisoformat(timestamp(stamp))
