"""Page furniture left in an article's text (`Story continues below advertisement`, `Click here
to ...`, `Read more:`, photo credits): never a quote, never a speaker. Ingestion strips what it
recognises; this guards extraction from what reaches it anyway. The patterns are data:
`boilerplate` in digest/data/cues.json, each matching a whole line.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

LINE = re.compile(r"[^\n]+")


@cache
def _pattern() -> re.Pattern[str]:
    data = json.loads(resources.files("digest").joinpath("data/cues.json").read_text("utf-8"))
    return re.compile("|".join(f"(?:{p})" for p in data["boilerplate"]), re.IGNORECASE)


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """The [start, end) character ranges of the lines of `text` that are page furniture."""
    pattern = _pattern()
    return [
        line.span()
        for line in LINE.finditer(text)
        if pattern.fullmatch(line.group().strip(" \t\r\u00a0\ufeff"))
    ]


def overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(low < end and start < high for low, high in ranges)
