"""What every kind of source shares: its error, its result and turning markup into text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from trafilatura.settings import Document

from digest.boilerplate import without_boilerplate
from digest.records import Article

TITLE_LENGTH = 120
# Below this many characters an extracted page is navigation or a teaser, not an article.
MIN_ARTICLE_CHARS = 200
BLOCKS = ("p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")

# Whether an article is already stored, by canonical URL and feed GUID: lets a source skip
# fetching pages it has already read.
Known = Callable[[str, str | None], bool]


class SourceUnavailable(Exception):
    """A source could not be read; the message says which and why."""


@dataclass(frozen=True)
class Fetched:
    """What one source offers now.

    `state` holds the validators (HTTP ETag/Last-Modified, file modification times) to remember
    once the articles are stored, so the next run can skip what has not changed. `unchanged`
    counts items the source still offers that are known not to have changed; `deferred`, items
    left for the next run (over the per-run cap of page fetches). `skipped` names items that
    could not be read, each with its reason; `warnings`, what was read despite a fault."""

    articles: tuple[Article, ...] = ()
    state: Mapping[str, str] = field(default_factory=dict)
    unchanged: int = 0
    skipped: tuple[str, ...] = ()
    not_modified: bool = False
    deferred: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def seen(self) -> int:
        """Every item the source offered: each is an article, unchanged, deferred or skipped."""
        return len(self.articles) + self.unchanged + self.deferred + len(self.skipped)


def title_from_text(text: str) -> str:
    """A headline for a text that has none: its first line, or first sentence, kept short."""
    first_line = text.strip().split("\n", 1)[0].strip().lstrip("#").strip()
    sentence = re.split(r"(?<=[a-z0-9”\"][.!?])\s", first_line, maxsplit=1)[0]
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    return sentence[:TITLE_LENGTH].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class PageText:
    """An HTML page's article text and metadata, as trafilatura finds them."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    site: str | None


def page_text(html: str, url: str) -> PageText | None:
    """The article in a web page, or None when the page has no article text; SourceUnavailable
    when the extractor fails on it."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception as error:  # the extractor's own failures on hostile markup
        raise SourceUnavailable(
            f"{url}: page could not be read ({type(error).__name__}: {error})"
        ) from None
    if not isinstance(doc, Document):
        return None  # asked for a Document; anything else has no article in it
    text = without_boilerplate(doc.text or "")
    if len(text) < MIN_ARTICLE_CHARS:
        return None
    return PageText(text, doc.title, doc.author, doc.date, doc.sitename)


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), one line per block.

    Far cheaper than full article extraction, which a feed's own content does not need."""
    if "<" not in html:
        return html.strip()
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        # Source line breaks inside a paragraph are spaces; only block ends break lines.
        element.text = _spaced(element.text)
        element.tail = _spaced(element.tail)
    for block in root.iter(*BLOCKS):
        block.tail = "\n" + (block.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _spaced(text: str | None) -> str | None:
    return re.sub(r"\s+", " ", text) if text else text
