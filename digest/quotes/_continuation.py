"""Quotes with no cue of their own belong to a neighbour's speaker.

Within a paragraph, or a quote reopened across paragraphs, the nearest attributed quote
lends its speaker (the one before first: `“X,” Ross said. “Y.”`); a paragraph that is all
quote continues the speaker quoted last. One pass each way: linear in the number of quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from digest.quotes._frame import Attribution
from digest.quotes._marks import Stretch

PARAGRAPH_BREAK = re.compile(r"\n")


def carry_speakers(
    attributions: list[Attribution], stretches: list[Stretch], text: str
) -> list[Attribution]:
    groups = _groups(stretches, text)
    following = _next_in_group(attributions, groups)
    carried = list(attributions)
    last_in_group: dict[int, Attribution] = {}
    last: Attribution | None = None
    for i, attribution in enumerate(attributions):
        if attribution.source is None:
            donor = last_in_group.get(groups[i]) or following[i] or last
            if donor is not None:
                carried[i] = replace(attribution, source=donor.source, rule="carried")
        else:
            last_in_group[groups[i]] = attribution
            last = attribution
    return carried


def _next_in_group(attributions: list[Attribution], groups: list[int]) -> list[Attribution | None]:
    """For each quote, the first attributed quote after it in its group."""
    following: list[Attribution | None] = [None] * len(attributions)
    ahead: Attribution | None = None
    for i in range(len(attributions) - 1, -1, -1):
        if i + 1 < len(attributions) and groups[i + 1] != groups[i]:
            ahead = None
        following[i] = ahead
        if attributions[i].source is not None:
            ahead = attributions[i]
    return following


def _groups(stretches: list[Stretch], text: str) -> list[int]:
    """A group number per stretch: one per paragraph, quotes reopened across paragraphs joined."""
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    groups: list[int] = []
    for i, stretch in enumerate(stretches):
        paragraph = bisect_right(breaks, stretch.start)
        if (i and stretches[i - 1].open_at_paragraph_end) or (
            i and bisect_right(breaks, stretches[i - 1].start) == paragraph
        ):
            groups.append(groups[-1])
        else:
            groups.append((groups[-1] + 1) if groups else 0)
    return groups
