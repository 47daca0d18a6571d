"""A digest for the terminal, drawn with rich: bold headlines, dim sources, quotes indented.

Article text goes in as rich `Text`, never markup, with control characters and escape sequences
taken out (`_safe.terminal_safe`), so nothing in it can drive the terminal; only http(s)
addresses become links or are shown.
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.style import Style
from rich.text import Text

from digest.compose import Digest, Story
from digest.render import _parts
from digest.render._safe import terminal_safe, web_url


def to_console(digest: Digest) -> Group:
    """The digest as rich renderables."""
    parts: list[Text] = [
        _text(_parts.title(digest), style="bold"),
        _text(_parts.period(digest), style="dim"),
        Text(),
    ]
    failing = [_text(_parts.failing_line(digest), style="yellow")] if digest.failing else []
    if not digest.stories:
        return Group(*parts, Text(_parts.EMPTY), *failing)
    for story in digest.stories:
        parts += [*_story(story), Text()]
    if digest.speakers:
        names = ", ".join(_parts.speaker_line(s) for s in digest.speakers)
        parts.append(
            _assemble(("Speakers today: ", "bold"), names, f" — {_parts.speakers_hint(digest)}")
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
    link = _address(story.url) or None
    lines = [_text(story.headline, style=Style(bold=True, link=link))]
    if story.summary:
        lines.append(_text(story.summary))
    for source in story.sources:
        where = f"{_parts.source_title(source)} ({_parts.source_when(source)})"
        lines.append(_text(f"  {where} {_address(source.url)}".rstrip(), style="dim"))
    for quote in story.quotes:
        repeated = _parts.in_sources(quote.sources)
        if quote.direct:
            said = [(f"  “{quote.text}” — ", ""), (_parts.quote_attribution(quote), "bold")]
        else:
            said = [("  ", ""), (_parts.reporter(quote), "bold"), (f" {quote.text}", "")]
        lines.append(
            _assemble(
                *said,
                (f" ({quote.source})", "dim"),
                (f" · {repeated}" if repeated else "", "italic"),
            )
        )
    for figure in story.figures:
        repeated = _parts.in_sources(figure.sources)
        suffix = f" · {repeated}" if repeated else ""
        lines.append(_text(f"  • {_parts.figure_line(figure)}{suffix}"))
    return lines


def _text(text: str, style: str | Style = "") -> Text:
    return Text(terminal_safe(text), style=style)


def _assemble(*parts: str | tuple[str, str]) -> Text:
    return Text.assemble(
        *(terminal_safe(p) if isinstance(p, str) else (terminal_safe(p[0]), p[1]) for p in parts)
    )


def _address(url: str) -> str:
    """The address to show or link: a web address without control characters, else nothing."""
    url = terminal_safe(url)
    return url if web_url(url) and not any(c.isspace() for c in url) else ""
