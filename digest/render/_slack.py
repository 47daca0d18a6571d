"""A digest as Slack messages, every one inside Slack's limits, built with `blockkit`.

What does not fit one message (50 blocks) goes to thread replies, whole stories where they fit.
"""

from __future__ import annotations

from digest.compose import Digest, SourceLink, Story
from digest.compose._text import shorten
from digest.render import _parts
from digest.render.blockkit import (
    MAX_BLOCKS,
    Mrkdwn,
    context,
    divider,
    escape,
    header,
    link,
    plain,
    section,
    sections,
)

CONTEXT_ELEMENTS = 10
# Budgets for one field's escaped text, so a line never reaches TEXT_CHARS.
HEADLINE_CHARS = 300
SUMMARY_CHARS = 700
NAME_CHARS = _parts.NAME_CHARS


def to_messages(digest: Digest) -> list[list[dict]]:
    """The main message's blocks, then each thread reply's; none breaks a Slack limit."""
    head = [header(_parts.title(digest)), context(_parts.period(digest))]
    if not digest.stories:
        return [[*head, section(_parts.EMPTY), *_failing(digest)]]
    groups = [_story(story) for story in digest.stories]
    tail = [*_speakers(digest), *_more(digest), *_failing(digest)]
    return _pack(head, [*groups, tail] if tail else groups, digest)


def to_fallback(digest: Digest) -> str:
    """The message's plain text for notifications: the title and the first headlines, escaped."""
    headlines = "; ".join(s.headline for s in digest.stories[:3]) or _parts.EMPTY
    return escape(shorten(f"{_parts.title(digest)}: {headlines}", 300))


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
        messages[0].append(context("Continued in the thread."))
    return messages


def _continued(digest: Digest, part: int) -> dict:
    return context(f"{_parts.title(digest)}, continued ({part + 1})")


def _story(story: Story) -> list[dict]:
    lead = Mrkdwn("*{}*").format(link(story.url, story.headline, HEADLINE_CHARS))
    if story.summary:
        lead += Mrkdwn("\n") + plain(story.summary, SUMMARY_CHARS)
    blocks = [section(lead), _sources(story.sources)]
    blocks += sections([MARKUP.quote(q) for q in story.quotes])
    blocks += sections([MARKUP.figure(f) for f in story.figures])
    return [*blocks, divider()]


def _sources(sources: tuple[SourceLink, ...]) -> dict:
    shown = sources if len(sources) <= CONTEXT_ELEMENTS else sources[: CONTEXT_ELEMENTS - 1]
    elements = [
        Mrkdwn("{} {}").format(
            link(s.url, _parts.source_title(s), NAME_CHARS),
            plain(_parts.source_when(s), NAME_CHARS),
        )
        for s in shown
    ]
    if len(sources) > len(shown):
        elements.append(Mrkdwn(f"and {len(sources) - len(shown)} more sources"))
    return context(*elements)


def _speakers(digest: Digest) -> list[dict]:
    if not digest.speakers:
        return []
    names = Mrkdwn(", ").join(plain(_parts.speaker_line(s), NAME_CHARS) for s in digest.speakers)
    hint = plain(_parts.speakers_hint(digest), NAME_CHARS)
    return [section(Mrkdwn("*Speakers today:* {}. More on anyone: `{}`").format(names, hint))]


def _more(digest: Digest) -> list[dict]:
    return [context(_parts.more(digest))] if digest.more_stories else []


def _failing(digest: Digest) -> list[dict]:
    if not digest.failing:
        return []
    return [context(Mrkdwn(":warning: {}").format(plain(_parts.failing_line(digest), 2900)))]


MARKUP = _parts.Markup(
    escape=plain,
    link=lambda url, label: link(url, label, NAME_CHARS),
    bold="*",
    bullet="•",
    trusted=Mrkdwn,
)
