"""A digest for the terminal, drawn with rich: bold headlines, dim sources, quotes indented."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.style import Style
from rich.text import Text

from digest.compose import Digest, Story
from digest.render import _parts


def to_console(digest: Digest) -> Group:
    """The digest as rich renderables; article text goes in as Text, never as markup."""
    parts: list[Text] = [
        Text(_parts.title(digest), style="bold"),
        Text(_parts.period(digest), style="dim"),
        Text(),
    ]
    failing = [Text(_parts.failing_line(digest), style="yellow")] if digest.failing else []
    if not digest.stories:
        return Group(*parts, Text(_parts.EMPTY), *failing)
    for story in digest.stories:
        parts += [*_story(story), Text()]
    if digest.speakers:
        names = ", ".join(_parts.speaker_line(s) for s in digest.speakers)
        parts.append(
            Text.assemble(("Speakers today: ", "bold"), names, f" — {_parts.speakers_hint(digest)}")
        )
    if digest.more_stories:
        parts.append(Text(_parts.more(digest), style="italic"))
    return Group(*parts, *failing)


def to_text(digest: Digest) -> str:
    """The terminal rendering as plain text: no colour, lines never wrapped."""
    out = io.StringIO()
    Console(file=out, color_system=None, soft_wrap=True, width=200).print(to_console(digest))
    return out.getvalue()


def _story(story: Story) -> list[Text]:
    lines = [Text(story.headline, style=Style(bold=True, link=story.url))]
    if story.summary:
        lines.append(Text(story.summary))
    for source in story.sources:
        line = f"  {_parts.source_title(source)} ({_parts.source_when(source)}) {source.url}"
        lines.append(Text(line, style="dim"))
    for quote in story.quotes:
        words = f"“{quote.text}”" if quote.direct else quote.text
        repeated = _parts.in_sources(quote.sources)
        lines.append(
            Text.assemble(
                f"  {words} — ",
                (_parts.quote_attribution(quote), "bold"),
                (f" ({quote.source})", "dim"),
                (f" · {repeated}" if repeated else "", "italic"),
            )
        )
    for figure in story.figures:
        repeated = _parts.in_sources(figure.sources)
        suffix = f" · {repeated}" if repeated else ""
        lines.append(Text(f"  • {_parts.figure_line(figure)}{suffix}"))
    return lines
