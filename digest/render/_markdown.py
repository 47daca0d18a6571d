"""A digest as Markdown (CommonMark), for email, wikis and anywhere Slack is not."""

from __future__ import annotations

import re
from urllib.parse import quote as percent

from digest.compose import Digest, Story
from digest.render import _parts
from digest.render._safe import terminal_safe, web_url

# Characters that would start Markdown or HTML markup inside article text.
MARKUP_CHARS = re.compile(r"([\\`*_\[\]#|~!])")
URL_SAFE = ":/?#[]@!$&'*+,;=%~"


def to_markdown(digest: Digest) -> str:
    paragraphs = [f"# {_parts.title(digest)}", f"_{md_escape(_parts.period(digest))}_"]
    if not digest.stories:
        paragraphs.append(_parts.EMPTY)
    for story in digest.stories:
        paragraphs += [*_story(story), "---"]
    if digest.speakers:
        names = ", ".join(md_escape(_parts.speaker_line(s)) for s in digest.speakers)
        hint = md_escape(_parts.speakers_hint(digest))
        paragraphs.append(f"**Speakers today:** {names}. More on anyone: {hint}")
    if digest.more_stories:
        paragraphs.append(f"_{_parts.more(digest)}_")
    if digest.failing:
        paragraphs.append(f"_{md_escape(_parts.failing_line(digest))}_")
    return "\n\n".join(paragraphs) + "\n"


def md_escape(text: str) -> str:
    """Article text shown as written: no markup, no HTML, no links of its own, nothing that
    would drive the terminal it is printed on."""
    text = " ".join(terminal_safe(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKUP_CHARS.sub(r"\\\1", text)


def _story(story: Story) -> list[str]:
    sources = " · ".join(
        f"{_link(s.url, _parts.source_title(s))} ({md_escape(_parts.source_when(s))})"
        for s in story.sources
    )
    paragraphs = [f"## {_link(story.url, story.headline)}", md_escape(story.summary)]
    paragraphs += [f"Sources: {sources}", *(MARKUP.quote(q) for q in story.quotes)]
    paragraphs.append("\n".join(MARKUP.figure(f) for f in story.figures))
    return [p for p in paragraphs if p]


def _link(url: str, label: str) -> str:
    """A link to a web address; the label alone for anything else (`javascript:`, `data:`)."""
    text = md_escape(label) or md_escape(url)
    if not web_url(url):
        return text
    # Parentheses, spaces and angle brackets would end the link's address early.
    return f"[{text}]({percent(url, safe=URL_SAFE)})"


# Markdown has no length limits: every length is accepted as is.
MARKUP = _parts.Markup(
    escape=lambda text, _limit: md_escape(text), link=_link, bold="**", bullet="-"
)
