"""Quotes with no cue of their own belong to a neighbour's speaker.

Within a paragraph, or a quote reopened across paragraphs, the nearest attributed quote
lends its speaker (the one before first: `“X,” Ross said. “Y.”`). A quote floating on its own
continues whoever spoke last before it: a quote, reported speech, or a person a speech cue
introduced (`Valastro praised the plan.` then `“We need him.”`) or the paragraph before ended
on (`Hale distanced herself ...`), when heard in its paragraph or the one before; past that the
quote is left without a speaker. One pass each way: linear in the number of quotes and speakers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Span

from digest.quotes._frame import Attribution
from digest.quotes._marks import Stretch

PARAGRAPH_BREAK = re.compile(r"\n+")  # a run of line breaks parts two paragraphs


@dataclass(frozen=True)
class Donor:
    """A speaker heard at character `at`: the source of a quote or of a speech cue."""

    at: int
    source: Span


def carry_speakers(
    attributions: list[Attribution], stretches: list[Stretch], text: str, heard: list[Donor]
) -> list[Attribution]:
    """`attributions` (one per stretch) with a speaker for each quote that had none; `heard` are
    the speakers that speech cues name, in order."""
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    groups = _groups(stretches, breaks)
    following = _next_in_group(attributions, groups)
    carried = list(attributions)
    last_in_group: dict[int, Attribution] = {}
    last: Donor | None = None
    k = 0
    for i, attribution in enumerate(attributions):
        while k < len(heard) and heard[k].at < attribution.start:
            if last is None or heard[k].at >= last.at:
                last = heard[k]
            k += 1
        if attribution.source is None:
            donor = last_in_group.get(groups[i]) or following[i]
            if donor is not None:
                carried[i] = replace(attribution, source=donor.source, rule="carried")
            elif last is not None and _paragraphs_apart(breaks, last.at, attribution.start) <= 1:
                carried[i] = replace(attribution, source=last.source, rule="carried")
        if carried[i].source is not None:
            if attribution.source is not None:
                last_in_group[groups[i]] = attribution
            last = Donor(attribution.start, carried[i].source)  # type: ignore[arg-type]
    return carried


def _paragraphs_apart(breaks: list[int], before: int, after: int) -> int:
    return bisect_right(breaks, after) - bisect_right(breaks, before)


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


def _groups(stretches: list[Stretch], breaks: list[int]) -> list[int]:
    """A group number per stretch: one per paragraph, quotes reopened across paragraphs joined."""
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
