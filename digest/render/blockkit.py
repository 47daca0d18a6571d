"""Block Kit: the one place Slack messages are built, for the digest and the bot's replies alike.

Text from outside (articles, names, what a user typed) goes in as `str`, and every builder
escapes it (`&`, `<`, `>`), so nothing from an article can mention anyone, ping a channel or forge
a link. Markup of our own is `Mrkdwn`: a template whose fields `format` escapes unless they are
`Mrkdwn` already, and `link`, which links http(s) addresses only. Every mrkdwn text object is
`verbatim`, so Slack makes no mention or link of bare names and addresses either. `message` gives
each button of a message its own action id (`speaker_pick#1`, `speaker_pick#2`): Slack refuses a
whole message whose action ids repeat; `action_ids(name)` matches them all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import quote as percent

from digest.compose._text import shorten
from digest.render._safe import terminal_safe, web_url

MAX_BLOCKS = 50
TEXT_CHARS = 3000
HEADER_CHARS = 150
CONTEXT_ELEMENTS = 10
BUTTON_CHARS = 75
URL_CHARS = 1000
# Kept as is in a link's address; <, >, |, spaces and the rest are percent-encoded.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def escape(text: str) -> str:
    """Slack's escaping: text shown as written, never a mention, channel ping or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Mrkdwn(str):
    """Slack mrkdwn known to be safe: our own markup, every field from outside escaped."""

    def format(self, *args: object, **kwargs: object) -> Mrkdwn:
        fields = {name: _safe(value) for name, value in kwargs.items()}
        return Mrkdwn(str.format(self, *map(_safe, args), **fields))

    def join(self, parts: Iterable[object]) -> Mrkdwn:
        return Mrkdwn(str.join(self, map(_safe, parts)))

    def __add__(self, other: str) -> Mrkdwn:
        return Mrkdwn(str.__add__(self, _safe(other)))


def _safe(value: object) -> Mrkdwn:
    return value if isinstance(value, Mrkdwn) else Mrkdwn(escape(str(value)))


def plain(text: str, limit: int = TEXT_CHARS) -> Mrkdwn:
    """`text` escaped, cut at a word (marked …) so that its escaped form fits `limit`; control
    characters, which no Slack client shows, go too."""
    cut = shorten(terminal_safe(text), limit)
    while len(escaped := escape(cut)) > limit:
        cut = shorten(cut, max(1, len(cut) * limit // len(escaped)))
    return Mrkdwn(escaped)


def link(url: str, label: str, limit: int) -> Mrkdwn:
    """`<url|label>` with both made safe; the label alone for what is not an http(s) address."""
    text = plain(label if label.strip() else url, limit)
    # <, > and | would end or split the link: percent-encoded; & is escaped as Slack asks.
    address = escape(percent(url, safe=URL_SAFE))
    if not web_url(url) or len(address) > URL_CHARS:
        return text
    return Mrkdwn(f"<{address}|{text}>")


def text(value: str) -> dict:
    """A mrkdwn text object: a `str` escaped, `Mrkdwn` as is; within Slack's length."""
    return {"type": "mrkdwn", "text": _fit(_safe(value)) or " ", "verbatim": True}


def section(value: str) -> dict:
    return {"type": "section", "text": text(value)}


def sections(lines: Iterable[str]) -> list[dict]:
    """Lines joined into as few sections as fit, each line whole in one of them: a line longer
    than a section is cut, but none is split between two."""
    blocks, current = [], Mrkdwn()
    for line in lines:
        if current and len(current) + 1 + len(line) > TEXT_CHARS:
            blocks.append(section(current))
            current = Mrkdwn()
        current = current + Mrkdwn("\n") + line if current else Mrkdwn() + line
    return [*blocks, section(current)] if current else blocks


def context(*values: str) -> dict:
    return {"type": "context", "elements": [text(v) for v in values[:CONTEXT_ELEMENTS]]}


def header(value: str) -> dict:
    """A header: plain text, which Slack shows as written."""
    return {"type": "header", "text": {"type": "plain_text", "text": shorten(value, HEADER_CHARS)}}


def divider() -> dict:
    return {"type": "divider"}


def button(label: str, name: str, value: str, primary: bool = False) -> dict:
    """A button whose presses go to the handler of `name` (see `action_ids`) with `value`."""
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": shorten(label, BUTTON_CHARS)},
        "action_id": name,
        "value": value,
    }
    return {**element, "style": "primary"} if primary else element


def actions(*buttons: dict) -> dict:
    return {"type": "actions", "elements": list(buttons)}


def message(blocks: Iterable[dict]) -> list[dict]:
    """`blocks` as one message: each button's action id made distinct, `name#1`, `name#2`..."""
    seen: Counter[str] = Counter()
    built = []
    for block in blocks:
        if block["type"] == "actions":
            elements = []
            for element in block["elements"]:
                name = element["action_id"].split("#")[0]
                seen[name] += 1
                elements.append({**element, "action_id": f"{name}#{seen[name]}"})
            block = {**block, "elements": elements}
        built.append(block)
    return built


def action_ids(name: str) -> re.Pattern[str]:
    """Every action id `message` gives the buttons of `name`."""
    return re.compile(rf"{re.escape(name)}(?:#[0-9]+)?\Z")


def _fit(markup: str, limit: int = TEXT_CHARS) -> str:
    """`markup` within `limit`: cut at a line, else a word, never inside a link or an entity."""
    if len(markup) <= limit:
        return markup
    cut = markup[: limit - 1]
    line = cut.rfind("\n")
    cut = cut[:line] if line > limit // 2 else cut.rsplit(" ", 1)[0]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[: cut.rfind("&")]
    return cut.rstrip() + "…"
