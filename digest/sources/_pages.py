"""Web pages: a single article, a sitemap of articles, or an index page linking to them."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import replace
from urllib.parse import urlsplit

from courlan import extract_links, is_navigation_page

from digest.config import SourceConfig
from digest.dedupe import canonical_url
from digest.records import Article
from digest.sources._common import (
    Fetched,
    Known,
    PageText,
    SourceUnavailable,
    page_text,
    title_from_text,
)
from digest.sources._http import HttpClient, PageBudget, remembered

SITEMAP = re.compile(rb"<(urlset|sitemapindex)\b")
# Read <loc> with a pattern rather than an XML parser: nothing in a sitemap needs entities.
LOCATION = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.DOTALL)


def read_page(
    source: SourceConfig, client: HttpClient, state: Mapping[str, str], known: Known
) -> Fetched:
    assert source.url is not None
    response = client.get(source.url, state.get(source.url))
    if response.not_modified:
        return Fetched(not_modified=True)
    body, warning = response.decoded()
    warnings = (warning,) if warning else ()
    if SITEMAP.search(response.body[:2048]):
        links = [html.unescape(link) for link in LOCATION.findall(body)]
    else:
        page = page_text(body, response.url)
        if page is not None:
            remember = remembered(response.validators, None, deferred=0, failed=0)
            article = _article(response.url, page, source.name)
            return Fetched((article,), {source.url: remember}, warnings=warnings)
        links = _article_links(body, response.url)
        if not links:
            remember = remembered(response.validators, None, deferred=0, failed=0)
            return Fetched(
                state={source.url: remember},
                skipped=(f"{response.url}: no article text",),
                warnings=warnings,
            )
    fetched = _linked_articles(links, source.name, client, known)
    remember = remembered(
        response.validators,
        state.get(source.url),
        deferred=fetched.deferred,
        failed=len(fetched.skipped),
    )
    return replace(fetched, state={source.url: remember}, warnings=warnings + fetched.warnings)


def _article_links(body: str, url: str) -> list[str]:
    """Links of an index page to pages on the same site that may be articles."""
    # courlan's own filter also drops hosts given by IP address; its navigation test suffices.
    links = extract_links(body, url=url, no_filter=True)
    own = canonical_url(url)
    return sorted(
        link
        for link in links
        if urlsplit(link).path.strip("/")
        and canonical_url(link) != own
        and not is_navigation_page(link)
    )


def _linked_articles(
    links: list[str], source_name: str, client: HttpClient, known: Known
) -> Fetched:
    """The linked pages not yet known, as many as the source's page budget allows this run."""
    articles, skipped, warnings, unchanged, deferred = [], [], [], 0, 0
    budget = PageBudget(client.settings)
    for link in dict.fromkeys(links):
        if known(canonical_url(link), None):
            unchanged += 1
            continue
        if not budget.take():
            deferred += 1
            continue
        try:
            response = client.get(link)
            body, warning = response.decoded()
            page = page_text(body, response.url)
        except SourceUnavailable as error:
            skipped.append(str(error))
            continue
        warnings += [warning] if warning else []
        if page is None:
            skipped.append(f"{link}: no article text")
        else:
            articles.append(_article(link, page, source_name))
    return Fetched(
        tuple(articles),
        unchanged=unchanged,
        skipped=tuple(skipped),
        deferred=deferred,
        warnings=tuple(warnings),
    )


def _article(url: str, page: PageText, source_name: str) -> Article:
    return Article(
        url=url,
        title=page.title or title_from_text(page.text),
        text=page.text,
        source=source_name,
        published=page.published,
        author=page.author,
        site=page.site,
    )
