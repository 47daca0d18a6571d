"""Page furniture left in an article's text (`Story continues below advertisement`, `Click here
to ...`, `Read more:`, photo credits): no part of the story, and read as prose it becomes quotes
and speakers. The patterns are data, digest/data/boilerplate.txt, each matching a whole line.

Ingestion drops such lines (`without_boilerplate`); extraction, which must keep every offset,
steps around what reaches it anyway (`boilerplate_lines`).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

LINE = re.compile(r"[^\n]+")
# Around a line, none of these make it more or less furniture.
EDGES = " \t\r\n\u00a0\u200b\ufeff"


@cache
def _furniture() -> re.Pattern[str]:
    lines = (files("digest") / "data" / "boilerplate.txt").read_text(encoding="utf-8")
    patterns = [line for line in lines.splitlines() if line.strip() and not line.startswith("#")]
    # Quotation marks around a line (a transcript's paragraphs open with one), and punctuation
    # after it, are no part of what makes it furniture.
    return re.compile(rf"[\"“']?(?:{'|'.join(patterns)})[\s.:!…»›>)\"”']*", re.IGNORECASE)


def is_furniture(line: str) -> bool:
    return _furniture().fullmatch(line.strip(EDGES)) is not None


def without_boilerplate(text: str) -> str:
    """The text without its lines of page furniture; the very same string when it has none."""
    lines = text.splitlines()
    if not any(is_furniture(line) for line in lines):
        return text  # unchanged, offsets and all
    return "\n".join(line for line in lines if not is_furniture(line))


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    """The [start, end) character ranges of the lines of `text` that are page furniture."""
    return [line.span() for line in LINE.finditer(text) if is_furniture(line.group())]


def overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(low < end and start < high for low, high in ranges)
