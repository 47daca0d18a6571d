"""RSS and Atom feeds: the feed's own full content when it has it, else the linked page."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeGuard
from urllib.parse import urljoin

import feedparser

from digest.boilerplate import without_boilerplate
from digest.config import SourceConfig
from digest.dedupe import canonical_url
from digest.records import Article
from digest.sources._common import (
    Fetched,
    Known,
    PageText,
    SourceUnavailable,
    fragment_text,
    page_text,
    title_from_text,
)
from digest.sources._http import HttpClient, PageBudget, Response, remembered

# A feed has no need of its own entities; declaring them is how entity-expansion bombs start.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
# A feed whatever its Content-Type: the root element, after any declaration, comments and
# processing instructions.
FEED_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<\?[^>]*>|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.DOTALL,
)
# The root element closed: a feed that broke off midway is not read from what arrived.
FEED_END = re.compile(rb"</(?:rss|feed|rdf:RDF)>\s*$")


def read_feed(
    source: SourceConfig, client: HttpClient, state: Mapping[str, str], known: Known
) -> Fetched:
    assert source.url is not None
    response = client.get(source.url, state.get(source.url))
    if response.not_modified:
        return Fetched(not_modified=True)
    entries, warning = parse_feed(response)
    items = _Items(client, known, source.name)
    for entry in entries:
        items.read(entry, response.url)
    remember = remembered(
        response.validators,
        state.get(source.url),
        deferred=items.deferred,
        failed=items.unread,
    )
    return Fetched(
        tuple(items.articles),
        {source.url: remember},
        items.unchanged,
        tuple(items.skipped),
        deferred=items.deferred,
        warnings=tuple(filter(None, [warning, *items.warnings])),
    )


def parse_feed(response: Response) -> tuple[list, str | None]:
    """The feed's entries, and a warning when they were recovered from malformed XML;
    SourceUnavailable when the body is not a feed that can be trusted."""
    if ENTITY_DECLARATION.search(response.body):
        raise SourceUnavailable(
            f"{response.url}: declares XML entities (refused: entity expansion)"
        )
    content_type = response.content_type or "text/xml"
    if FEED_START.match(response.body[:4096]):
        # Served as text/html or application/octet-stream, a feed is still a feed.
        charset = f"; charset={response.charset}" if response.charset else ""
        content_type = "application/xml" + charset
    try:
        parsed = feedparser.parse(response.body, response_headers={"content-type": content_type})
    except Exception as error:  # feedparser's own failures on hostile bytes (UnicodeDecodeError)
        raise SourceUnavailable(
            f"{response.url}: feed could not be parsed ({type(error).__name__}: {error})"
        ) from None
    if not parsed.get("version"):
        kind = response.content_type.split(";")[0] or "an unknown type"
        raise SourceUnavailable(f"{response.url}: not an RSS or Atom feed ({kind})")
    problem = parsed.get("bozo_exception")
    if not problem:
        return parsed.entries, None
    if isinstance(problem, feedparser.CharacterEncodingOverride):
        return parsed.entries, f"{response.url}: {problem}"
    if not FEED_END.search(response.body[-1024:]):
        raise SourceUnavailable(f"{response.url}: malformed feed XML ({problem})")
    # An undefined entity (&nbsp;) or a bare & in a title: feedparser's lenient parser reads on.
    count = len(parsed.entries)
    return parsed.entries, (
        f"{response.url}: malformed feed XML ({problem}); read {count} "
        f"item{'' if count == 1 else 's'} anyway"
    )


class _Items:
    """A feed's items read one by one into articles, or counted as unchanged, deferred (past
    the source's page budget for the run) or skipped with a reason."""

    def __init__(self, client: HttpClient, known: Known, source: str):
        self.client, self.known, self.source = client, known, source
        self.articles: list[Article] = []
        self.skipped: list[str] = []
        self.warnings: list[str] = []
        # Items whose page could not be read: worth trying again (an item without a link is not).
        self.unchanged = self.deferred = self.unread = 0
        self.budget = PageBudget(client.settings)
        # Items sharing a link share one fetch of its page.
        self._pages: dict[str, PageText | SourceUnavailable] = {}

    def read(self, entry: Any, base: str) -> None:
        link, guid = _link(entry, base), _guid(entry)
        if not link:
            self.skipped.append(f"{base}: an item has no link")
            return
        if not _is_url(link):
            self.skipped.append(f"{base}: an item's link {link[:80]!r} is not http(s)")
            return
        if self.known(canonical_url(link), guid):
            self.unchanged += 1
            return
        text = _full_content(entry)
        page: PageText | None = None
        if text is None:
            key = canonical_url(link)
            if key not in self._pages and not self.budget.take():
                self.deferred += 1
                return
            fetched = self._page(key, link)
            if isinstance(fetched, SourceUnavailable):
                self.skipped.append(str(fetched))
                self.unread += 1
                return
            page, text = fetched, fetched.text
        self.articles.append(_article(entry, link, guid, text, page, self.source))

    def _page(self, key: str, link: str) -> PageText | SourceUnavailable:
        if key not in self._pages:
            try:
                response = self.client.get(link)
                html, warning = response.decoded()
                self.warnings += [warning] if warning else []
                self._pages[key] = page_text(html, link) or SourceUnavailable(
                    f"{link}: no article text"
                )
            except SourceUnavailable as error:
                self._pages[key] = error
        return self._pages[key]


def _link(entry, base: str) -> str | None:
    link = entry.get("link") or (entry.get("id") if _is_url(entry.get("id")) else None)
    return urljoin(base, link) if link else None


def _is_url(value: str | None) -> TypeGuard[str]:
    return value is not None and re.match(r"https?://", value, re.IGNORECASE) is not None


def _guid(entry: Any) -> str | None:
    """The item's GUID; one that is a URL is canonical, so a cache-busting query does not make
    the same item new on every fetch."""
    guid = entry.get("id") or None
    return canonical_url(guid) if _is_url(guid) else guid


def _article(
    entry: Any, link: str, guid: str | None, text: str, page: PageText | None, source: str
) -> Article:
    title = entry.get("title") or (page and page.title) or title_from_text(text)
    return Article(
        url=link,
        title=fragment_text(title),
        text=text,
        source=source,
        published=_published(entry) or (page.published if page else None),
        author=entry.get("author") or (page and page.author) or None,
        site=page.site if page else None,
        guid=guid,
    )


def _full_content(entry) -> str | None:
    """The item's own article text when the feed carries it (content:encoded, Atom content);
    a description or summary alone is a teaser, and the page is read instead."""
    for content in entry.get("content", []):
        text = without_boilerplate(fragment_text(content.get("value", "")))
        if text:
            return text
    return None


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
