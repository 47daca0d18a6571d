"""Quotes with no cue of their own belong to a neighbour's speaker.

Within a paragraph, or a quote reopened across paragraphs, the nearest attributed quote
lends its speaker (the one before first: `“X,” Ross said. “Y.”`); a paragraph that is all
quote continues the speaker quoted last.
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
    carried = list(attributions)
    for i, attribution in enumerate(attributions):
        if attribution.source is None:
            donor = _donor(i, attributions, groups)
            if donor is not None:
                carried[i] = replace(attribution, source=donor.source)
    return carried


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


def _donor(i: int, attributions: list[Attribution], groups: list[int]) -> Attribution | None:
    same = [j for j in range(len(attributions)) if groups[j] == groups[i]]
    before = [j for j in same if j < i and attributions[j].source is not None]
    after = [j for j in same if j > i and attributions[j].source is not None]
    if before:
        return attributions[before[-1]]
    if after:
        return attributions[after[0]]
    earlier = [a for a in attributions[:i] if a.source is not None]
    return earlier[-1] if earlier else None
