"""A digest rendered for Slack (Block Kit), Markdown and the terminal (rich); a speaker's card,
a figure's history, an ingest run and the sources' health for the terminal.

`blockkit` is the one Block Kit toolkit, which the bot's replies use too; `_safe` decides what
article text may do anywhere it is shown (only http(s) links, no terminal control).
"""

from __future__ import annotations

from digest.compose import Digest
from digest.render._cards import card_text, history_text
from digest.render._ingest import (
    IngestProgress,
    ingest_table,
    problems,
    sources_table,
    summary_line,
)
from digest.render._markdown import md_escape, to_markdown
from digest.render._slack import to_fallback, to_messages
from digest.render._terminal import to_console, to_text

__all__ = [
    "IngestProgress",
    "card_text",
    "history_text",
    "ingest_table",
    "md_escape",
    "problems",
    "sources_table",
    "summary_line",
    "to_blocks",
    "to_console",
    "to_fallback",
    "to_markdown",
    "to_messages",
    "to_text",
]


def to_blocks(digest: Digest) -> list[dict]:
    """The main message's blocks; `to_messages` also gives the thread replies, if any."""
    return to_messages(digest)[0]
