"""Block Kit: a digest as Slack messages, every one inside Slack's limits.

Article text is escaped (&, <, >) and every mrkdwn text is `verbatim`, so nothing from an article
can mention anyone, ping a channel or forge a link. What does not fit one message (50 blocks)
goes to thread replies.
"""

from __future__ import annotations

import re
from urllib.parse import quote as percent

from digest.compose import Digest, SourceLink, Story
from digest.compose._text import shorten
from digest.render import _parts

MAX_BLOCKS = 50
TEXT_CHARS = 3000
HEADER_CHARS = 150
CONTEXT_ELEMENTS = 10
# Budgets for one field's escaped text, so a line never reaches TEXT_CHARS.
HEADLINE_CHARS = 300
SUMMARY_CHARS = 700
NAME_CHARS = _parts.NAME_CHARS
URL_CHARS = 1000
LINKABLE = re.compile(r"https?://", re.IGNORECASE)
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def slack_escape(text: str) -> str:
    """Slack's escaping for text from articles: no mention, channel ping or link can get through."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_messages(digest: Digest) -> list[list[dict]]:
    """The main message's blocks, then each thread reply's; none breaks a Slack limit."""
    head = [_header(_parts.title(digest)), _context([_mrkdwn(slack_escape(_parts.period(digest)))])]
    if not digest.stories:
        return [[*head, _section(_parts.EMPTY), *_failing(digest)]]
    groups = [_story(story) for story in digest.stories]
    tail = [*_speakers(digest), *_more(digest), *_failing(digest)]
    return _pack(head, [*groups, tail] if tail else groups, digest)


def to_fallback(digest: Digest) -> str:
    """The message's plain text for notifications: the title and the first headlines, escaped."""
    headlines = "; ".join(s.headline for s in digest.stories[:3]) or _parts.EMPTY
    return slack_escape(shorten(f"{_parts.title(digest)}: {headlines}", 300))


def _pack(head: list[dict], groups: list[list[dict]], digest: Digest) -> list[list[dict]]:
    """Whole stories per message while they fit; one slot is kept for the closing note."""
    room = MAX_BLOCKS - 1
    messages, current = [], list(head)
    for group in groups:
        if len(current) + len(group) > room and len(group) < room:
            messages.append(current)
            current = [_continued(digest, len(messages))]
        for block in group:
            # Only a story longer than a whole message is split.
            if len(current) == room:
                messages.append(current)
                current = [_continued(digest, len(messages))]
            current.append(block)
    messages.append(current)
    if len(messages) > 1:
        messages[0].append(_context([_mrkdwn("Continued in the thread.")]))
    return messages


def _continued(digest: Digest, part: int) -> dict:
    return _context([_mrkdwn(slack_escape(f"{_parts.title(digest)}, continued ({part + 1})"))])


def _story(story: Story) -> list[dict]:
    lead = f"*{_link(story.url, story.headline, HEADLINE_CHARS)}*"
    if story.summary:
        lead += "\n" + _escaped(story.summary, SUMMARY_CHARS)
    blocks = [_section(lead), _sources(story.sources)]
    blocks += _sections([MARKUP.quote(q) for q in story.quotes])
    blocks += _sections([MARKUP.figure(f) for f in story.figures])
    return [*blocks, {"type": "divider"}]


def _sources(sources: tuple[SourceLink, ...]) -> dict:
    shown = sources if len(sources) <= CONTEXT_ELEMENTS else sources[: CONTEXT_ELEMENTS - 1]
    elements = [
        _mrkdwn(
            f"{_link(s.url, _parts.source_title(s), NAME_CHARS)} "
            f"{_escaped(_parts.source_when(s), NAME_CHARS)}"
        )
        for s in shown
    ]
    if len(sources) > len(shown):
        elements.append(_mrkdwn(f"and {len(sources) - len(shown)} more sources"))
    return _context(elements)


def _speakers(digest: Digest) -> list[dict]:
    if not digest.speakers:
        return []
    names = ", ".join(_escaped(_parts.speaker_line(s), NAME_CHARS) for s in digest.speakers)
    hint = _escaped(_parts.speakers_hint(digest), NAME_CHARS)
    return [_section(f"*Speakers today:* {names}. More on anyone: `{hint}`")]


def _more(digest: Digest) -> list[dict]:
    return [_context([_mrkdwn(_parts.more(digest))])] if digest.more_stories else []


def _failing(digest: Digest) -> list[dict]:
    if not digest.failing:
        return []
    return [_context([_mrkdwn(":warning: " + _escaped(_parts.failing_line(digest), 2900))])]


def _sections(lines: list[str]) -> list[dict]:
    """Lines joined into as few sections as fit TEXT_CHARS; each line is already under it."""
    sections, current = [], ""
    for line in lines:
        if current and len(current) + 1 + len(line) > TEXT_CHARS:
            sections.append(_section(current))
            current = ""
        current = f"{current}\n{line}" if current else line
    return [*sections, _section(current)] if current else sections


def _link(url: str, label: str, limit: int) -> str:
    """`<url|label>` with both made safe; the label alone for what Slack cannot open."""
    text = _escaped(" ".join(label.split()) or url, limit)
    # <, > and | would end or split the link: percent-encoded; & is escaped as Slack asks.
    address = slack_escape(percent(url, safe=URL_SAFE))
    if not LINKABLE.match(url) or len(address) > URL_CHARS:
        return text
    return f"<{address}|{text}>"


def _escaped(text: str, limit: int) -> str:
    """`text` escaped, cut first so the escaped form is at most `limit` characters."""
    cut = shorten(text, limit)
    while len(escaped := slack_escape(cut)) > limit:
        cut = shorten(cut, max(1, len(cut) * limit // len(escaped)))
    return escaped


def _header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": shorten(text, HEADER_CHARS)}}


def _section(text: str) -> dict:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(elements: list[dict]) -> dict:
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENTS]}


def _mrkdwn(text: str) -> dict:
    return {"type": "mrkdwn", "text": text or " ", "verbatim": True}


MARKUP = _parts.Markup(
    escape=_escaped,
    link=lambda url, label: _link(url, label, NAME_CHARS),
    bold="*",
    bullet="•",
)
