"""An alert as a Slack direct message and as plain text for `tradedigest alerts --dry-run`.

Quotes, headlines and leads come from articles: in Slack they go through the digest's escaping
and `verbatim` text, so nothing in them can mention anyone or forge a link.
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.compose._text import shorten
from digest.follows._model import SPEAKER, Alert, AlertItem
from digest.render._parts import NAME_CHARS
from digest.render.blockkit import Mrkdwn, context, link, plain, section

QUOTE_CHARS = 900
LEAD_CHARS = 400
# Each item takes at most two blocks; with the heading and the closing notes this keeps an
# alert far inside Slack's 50 blocks.
MOST_ITEMS = 20


def alerts_of(user: str, items: Sequence[AlertItem], max_items: int) -> Alert:
    """The alert holding the first `max_items` of `items`, counting the rest."""
    shown = tuple(items[: min(max_items, MOST_ITEMS)])
    return Alert(user, shown, more=len(items) - len(shown))


def to_message(alert: Alert) -> dict:
    """chat.postMessage arguments (text and blocks) for the alert."""
    blocks = [section(Mrkdwn("*{}*").format(_heading(alert)))]
    for item in alert.items:
        blocks += _quote(item) if item.kind == SPEAKER else _article(item)
    if alert.more:
        blocks.append(context(f"and {alert.more} more"))
    blocks.append(context(Mrkdwn("`/following` lists what you follow, to change it.")))
    return {"text": plain(_fallback(alert), 300), "blocks": blocks}


def _heading(alert: Alert) -> str:
    count = len(alert.items) + alert.more
    return f"{count} new for you from what you follow"


def _fallback(alert: Alert) -> str:
    follows = dict.fromkeys(item.follow for item in alert.items)
    return f"{_heading(alert)}: {', '.join(follows)}"


def _quote(item: AlertItem) -> list[dict]:
    who = plain(item.speaker or item.follow, NAME_CHARS)
    role = Mrkdwn(", ") + plain(item.speaker_title, NAME_CHARS) if item.speaker_title else ""
    where = link(item.url, item.article_title or item.url, NAME_CHARS)
    quote = plain(item.text, QUOTE_CHARS)
    return [section(Mrkdwn("> {}\n— *{}*{} in {}").format(quote, who, role, where))]


def _article(item: AlertItem) -> list[dict]:
    lead = Mrkdwn("*{}*").format(link(item.url, item.article_title or item.url, NAME_CHARS))
    if item.text:
        lead += Mrkdwn("\n") + plain(item.text, LEAD_CHARS)
    words = Mrkdwn(", ").join(plain(w, NAME_CHARS) for w in item.words)
    topic = plain(item.follow, NAME_CHARS)
    return [section(lead), context(Mrkdwn("Topic *{}*: {}").format(topic, words))]


def to_text(alert: Alert) -> str:
    """The alert for a terminal: plain lines, control characters out."""
    lines = [f"{alert.user}: {_heading(alert)}"]
    for item in alert.items:
        if item.kind == SPEAKER:
            role = f", {item.speaker_title}" if item.speaker_title else ""
            lines.append(f"  “{shorten(item.text, QUOTE_CHARS)}” — {item.speaker}{role}")
        else:
            lines.append(f"  {item.article_title} [topic {item.follow}: {', '.join(item.words)}]")
        lines.append(f"    {item.url}")
    if alert.more:
        lines.append(f"  and {alert.more} more")
    return "\n".join(_printable(line) for line in lines) + "\n"


def _printable(line: str) -> str:
    return "".join(c if c.isprintable() else " " for c in line)
