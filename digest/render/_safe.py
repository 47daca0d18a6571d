"""What text from articles may do once shown: open only web links, drive no terminal.

Every renderer asks here: Slack, Markdown and the terminal link an address only when it is
http(s), and the terminal shows article text without control characters or escape sequences
(a title holding `ESC ]0;` would retitle the window, `ESC [2J` clear the screen).
"""

from __future__ import annotations

import re

# A scheme and the start of a host; what follows is percent-encoded or stripped where shown.
WEB_URL = re.compile(r"https?://[^\s/?#\\]", re.IGNORECASE)
# ESC and C1 sequences whole (CSI, OSC and the other string commands up to their terminator),
# so no leftover `]0;title` is shown; then any other control character but newline and tab.
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: cursor, colour, erase
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS...
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def web_url(url: str | None) -> bool:
    """Whether `url` may be a link: an http(s) address, nothing a browser would run or open
    locally (`javascript:`, `data:`, `file:`)."""
    return url is not None and WEB_URL.match(url) is not None


def terminal_safe(text: str) -> str:
    """`text` as a terminal may show it: escape sequences and control characters removed
    (bidirectional overrides too, which reorder what is shown); newlines and tabs kept."""
    return CONTROL.sub("", ESCAPE_SEQUENCE.sub("", text))
