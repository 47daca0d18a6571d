"""Quiet hours: a daily span of wall-clock time, in the schedule's timezone, when alerts wait."""

from __future__ import annotations

from datetime import datetime, time

Span = tuple[tuple[int, int], tuple[int, int]]


def is_quiet(span: Span | None, local: datetime) -> bool:
    """Whether `local` (already in the schedule's timezone) falls in the span; a span whose end
    comes before its start runs across midnight (22:00-07:00)."""
    if span is None:
        return False
    start, end, now = time(*span[0]), time(*span[1]), local.time()
    if start <= end:
        return start <= now < end
    return now >= start or now < end
