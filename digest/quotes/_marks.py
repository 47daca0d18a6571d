"""Pair double quotation marks into quoted stretches, recovering locally when they do not pair.

Marks are read line by line. News style leaves a quote open at the end of a paragraph when the
next paragraph reopens it; a quote open at the end of a wrapped line runs on when the next line
closes it; any other quote left open ends with its line, so one stray mark never swallows the
rest of the article. Single quotation marks are never quote marks here:
they are apostrophes (`voters’`), quotes nested in a quote (`‘made in America’`) or headings
(`‘Climb Higher’`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# `''` is the New York Times' quotation mark; `'''` is `''` next to a nested single quote.
MARK = re.compile(r"'''|''|[\"“”„«»]")
OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
LINE = re.compile(r"[^\n]+")
# Markup left in scraped text: `<tweet author="realDonaldTrump">` quotes nobody.
TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>")


@dataclass(frozen=True)
class Stretch:
    """Quoted words at [start, end), inside marks spanning [outer_start, outer_end)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    open_at_paragraph_end: bool = False


def quoted_stretches(text: str) -> list[Stretch]:
    """Every stretch of `text` inside double quotation marks, in order."""
    stretches: list[Stretch | None] = []
    lines = list(LINE.finditer(text))
    opened: int | None = None
    for k, line in enumerate(lines):
        found, opened = _line_stretches(text, line.start(), line.end(), opened)
        stretches.extend(found)
        following = lines[k + 1] if k + 1 < len(lines) else None
        if opened is not None and not (following and _runs_on(text, line.end(), following)):
            stretches.append(_stretch(text, opened, line.end(), line.end(), True))
            opened = None
    return [s for s in stretches if s is not None]


def _line_stretches(
    text: str, start: int, end: int, opened: int | None
) -> tuple[list[Stretch | None], int | None]:
    """The quotes closed on this line, and where a quote still open at its end began."""
    found = []
    for mark_start, mark_end in _marks(text, start, end):
        direction = _direction(text, mark_start, mark_end, opened is not None)
        if direction == "open":
            if opened is not None:  # the previous quote was never closed: end it here
                found.append(_stretch(text, opened, mark_start, mark_start))
            opened = mark_end
        elif opened is not None:
            found.append(_stretch(text, opened, mark_start, mark_end))
            opened = None
    return found, opened


def _runs_on(text: str, end: int, following: re.Match[str]) -> bool:
    """A quote open at a line's end runs on when the line is only wrapped: no blank line, and the
    next line closes a quote before it opens one."""
    if text.count("\n", end, following.start()) > 1:
        return False
    for mark_start, mark_end in _marks(text, following.start(), following.end()):
        return _direction(text, mark_start, mark_end, inside=True) == "close"
    return False


def _marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotation marks of a line, leaving out those around markup attribute values."""
    tags = [tag.span() for tag in TAG.finditer(text, start, end)]
    tag_starts = [low for low, _ in tags]
    marks = []
    for match in MARK.finditer(text, start, end):
        mark_start, mark_end = match.span()
        k = bisect_left(tag_starts, mark_start) - 1  # tags do not overlap: only one can hold it
        if k >= 0 and mark_start < tags[k][1]:
            continue
        if match.group() == "'''":  # `'''x` opens with `''`; `x'''` closes with `''`
            opens = mark_end < len(text) and text[mark_end].isalnum()
            mark_start, mark_end = (
                (mark_start, mark_end - 1) if opens else (mark_start + 1, mark_end)
            )
        marks.append((mark_start, mark_end))
    return marks


def _direction(text: str, mark_start: int, mark_end: int, inside: bool) -> str:
    """`open` or `close`, read from the spacing around the mark, then from its shape."""
    before = text[mark_start - 1] if mark_start > 0 else " "
    after = text[mark_end] if mark_end < len(text) else " "
    opening_context = (before.isspace() or before in "([{—–-/") and not after.isspace()
    closing_context = not before.isspace() and (after.isspace() or not after.isalnum())
    if opening_context and not closing_context:
        return "open"
    if closing_context and not opening_context:
        return "close"
    mark = text[mark_start]
    if mark in OPENERS:
        return "open"
    if mark in CLOSERS:
        return "close"
    return "close" if inside else "open"


def _stretch(
    text: str,
    outer_start: int,
    close_start: int,
    outer_end: int,
    open_at_paragraph_end: bool = False,
) -> Stretch | None:
    """The words between the marks, trimmed of spaces; None if nothing was quoted."""
    start, end = outer_start, close_start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    outer = outer_start - _mark_width(text, outer_start)
    return Stretch(start, end, outer, outer_end, open_at_paragraph_end)


def _mark_width(text: str, after: int) -> int:
    return 2 if text[max(0, after - 2) : after] == "''" else 1
