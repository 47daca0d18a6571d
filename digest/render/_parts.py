"""Wording every renderer shares, so Slack, Markdown and the terminal say the same thing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from digest.compose import Digest, DigestFigure, DigestQuote, SourceLink, SpeakerCount
from digest.compose._text import shorten

EMPTY = "No new trade news since the last digest."
SPEAKER_COMMAND = "/speaker"
SOURCE_TITLE_CHARS = 70
# Longest a quote's words, and a name or label, may be once escaped.
QUOTE_CHARS = 1200
NAME_CHARS = 150


def title(digest: Digest) -> str:
    number = f" #{digest.number}" if digest.number else ""
    topics = f" · only {', '.join(digest.topics)}" if digest.topics else ""
    return f"Trade digest{number} · {when(digest.period_end, time=False)}{topics}"


def period(digest: Digest) -> str:
    stories = len(digest.stories) + digest.more_stories
    return (
        f"{counted(digest.articles, 'article')}, {counted(stories, 'story', 'stories')} · "
        f"{when(digest.period_start)} → {when(digest.period_end)}"
    )


def when(moment: str | None, time: bool = True) -> str:
    """'20 Nov 13:05' (or '20 Nov 2026' without the time) in the moment's own zone."""
    if not moment:
        return ""
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    return f"{parsed.day} {parsed:%b %H:%M}" if time else f"{parsed:%a} {parsed.day} {parsed:%b %Y}"


def source_title(source: SourceLink) -> str:
    return shorten(source.title, SOURCE_TITLE_CHARS)


def source_when(source: SourceLink) -> str:
    """'samples, 20 Nov 13:05': the outlet and when it published."""
    published = when(source.published)
    return f"{source.name}, {published}" if published else source.name


def in_sources(count: int) -> str:
    return f"in {count} sources" if count > 1 else ""


def speaker_line(speaker: SpeakerCount) -> str:
    return f"{speaker.name} ({speaker.quotes})"


def speakers_hint(digest: Digest) -> str:
    return f"{SPEAKER_COMMAND} {digest.speakers[0].name}" if digest.speakers else ""


def quote_attribution(quote: DigestQuote) -> str:
    return f"{quote.speaker}, {quote.title}" if quote.title else quote.speaker


def reporter(quote: DigestQuote) -> str:
    """Who paraphrase is reported from, to stand before it: `Steven Mnuchin, Treasury
    Secretary, said`; paraphrase is never put in quotation marks or left as a bare clause."""
    return f"{quote.speaker}, {quote.title}, said" if quote.title else f"{quote.speaker} said"


def figure_text(figure: DigestFigure) -> str:
    """`$375 billion, up from $309 billion on 3 Mar`: the figure, and how it moved."""
    return f"{figure.text}, {figure.update}" if figure.update else figure.text


def figure_line(figure: DigestFigure) -> str:
    text = figure_text(figure)
    return f"{text} — {figure.about}" if figure.about else text


@dataclass(frozen=True)
class Markup:
    """How one renderer escapes (and cuts to a length), links and emphasises; `trusted` marks a
    line whose every field went through `escape` or `link` as safe markup."""

    escape: Callable[[str, int], str]
    link: Callable[[str, str], str]
    bold: str
    bullet: str
    trusted: Callable[[str], str] = str

    def quote(self, quote: DigestQuote) -> str:
        """> “words” — *Speaker, title* · source link · _in N sources_"""
        where = self.link(quote.url, quote.source)
        if not quote.direct:
            who = self.escape(reporter(quote), 2 * NAME_CHARS)
            line = f"> {self.bold}{who}{self.bold} {self.escape(quote.text, QUOTE_CHARS)} · {where}"
            return self._repeated(line, quote.sources)
        who = self.escape(quote_attribution(quote), 2 * NAME_CHARS)
        words = self.escape(f"“{quote.text}”", QUOTE_CHARS)
        line = f"> {words} — {self.bold}{who}{self.bold} · {where}"
        return self._repeated(line, quote.sources)

    def figure(self, figure: DigestFigure) -> str:
        """• *$309 billion* — trade deficit · source link · _in N sources_"""
        text = self.escape(figure_text(figure), NAME_CHARS)
        line = f"{self.bullet} {self.bold}{text}{self.bold}"
        if figure.about:
            line += f" — {self.escape(figure.about, NAME_CHARS)}"
        return self._repeated(f"{line} · {self.link(figure.url, figure.source)}", figure.sources)

    def _repeated(self, line: str, sources: int) -> str:
        return self.trusted(f"{line} · _{in_sources(sources)}_" if sources > 1 else line)


def failing_line(digest: Digest) -> str:
    """'Sources failing: wire (3 runs, last worked 20 Nov 13:05: HTTP 500)'"""
    return "Sources failing: " + "; ".join(
        f"{s.name} ({s.failures} runs, last worked {when(s.last_success) or 'never'}"
        + (f": {shorten(s.last_error, NAME_CHARS)})" if s.last_error else ")")
        for s in digest.failing
    )


def more(digest: Digest) -> str:
    count = digest.more_stories
    return f"…and {count} more {_plural(count, 'story', 'stories')}." if count else ""


def counted(count: int, one: str, many: str | None = None) -> str:
    """'1 quote', '2 quotes', '1 story', '3 stories'."""
    return f"{count} {_plural(count, one, many or one + 's')}"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
