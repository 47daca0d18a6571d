"""RSS and Atom feeds: the feed's own full content when it has it, else the linked page."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from digest.config import SourceConfig
from digest.dedupe import canonical_url
from digest.records import Article
from digest.sources._common import (
    Fetched,
    Known,
    SourceUnavailable,
    fragment_text,
    page_text,
    title_from_text,
    without_boilerplate,
)
from digest.sources._http import HttpClient, Response

# A feed has no need of its own entities; declaring them is how entity-expansion bombs start.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def read_feed(
    source: SourceConfig, client: HttpClient, state: Mapping[str, str], known: Known
) -> Fetched:
    assert source.url is not None
    response = client.get(source.url, state.get(source.url))
    if response.not_modified:
        return Fetched(not_modified=True)
    entries = parse_feed(response)
    articles, skipped, unchanged = [], [], 0
    for entry in entries:
        link, guid = _link(entry, response.url), entry.get("id") or None
        if not link:
            skipped.append(f"{source.url}: an item has no link")
        elif known(canonical_url(link), guid):
            unchanged += 1
        else:
            try:
                articles.append(_article(entry, link, guid, source.name, client))
            except SourceUnavailable as error:
                skipped.append(str(error))
    return Fetched(
        tuple(articles),
        {source.url: response.validators} if response.validators else {},
        unchanged,
        tuple(skipped),
    )


def parse_feed(response: Response) -> list:
    """The feed's entries; SourceUnavailable when the body is not a feed that can be trusted."""
    if ENTITY_DECLARATION.search(response.body):
        raise SourceUnavailable(
            f"{response.url}: declares XML entities (refused: entity expansion)"
        )
    parsed = feedparser.parse(
        response.body, response_headers={"content-type": response.content_type or "text/xml"}
    )
    if not parsed.get("version"):
        kind = response.content_type.split(";")[0] or "an unknown type"
        raise SourceUnavailable(f"{response.url}: not an RSS or Atom feed ({kind})")
    problem = parsed.get("bozo_exception")
    # A wrong declared charset that feedparser could work around is no reason to drop the feed.
    if problem and not isinstance(problem, feedparser.CharacterEncodingOverride):
        raise SourceUnavailable(f"{response.url}: malformed feed XML ({problem})")
    return parsed.entries


def _link(entry, base: str) -> str | None:
    link = entry.get("link") or (entry.get("id") if _is_url(entry.get("id")) else None)
    return urljoin(base, link) if link else None


def _is_url(value: str | None) -> bool:
    return bool(value) and re.match(r"https?://", value) is not None


def _article(entry, link: str, guid: str | None, source: str, client: HttpClient) -> Article:
    text = _full_content(entry)
    page = None
    if text is None:
        response = client.get(link)
        page = page_text(response.text, link)
        if page is None:
            raise SourceUnavailable(f"{link}: no article text")
        text = page.text
    title = entry.get("title") or (page and page.title) or title_from_text(text)
    return Article(
        url=link,
        title=fragment_text(title),
        text=text,
        source=source,
        published=_published(entry) or (page and page.published),
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
