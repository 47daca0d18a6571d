"""Where articles come from: each configured source turned into `Article` records.

Feeds, web pages and local folders; the web ones through one shared `HttpClient`. Nothing here
touches the database: what is already stored comes in as `state` and `known`."""

from __future__ import annotations

from collections.abc import Mapping

from digest.config import SourceConfig
from digest.sources._common import Fetched, Known, SourceUnavailable, title_from_text
from digest.sources._feeds import read_feed
from digest.sources._folders import read_folder
from digest.sources._http import USER_AGENT, HttpClient
from digest.sources._pages import read_page

__all__ = [
    "USER_AGENT",
    "Fetched",
    "HttpClient",
    "Known",
    "SourceUnavailable",
    "fetch",
    "title_from_text",
]


def fetch(
    source: SourceConfig, client: HttpClient, state: Mapping[str, str], known: Known
) -> Fetched:
    """What the source offers that is new or changed; raises SourceUnavailable naming the source
    and the cause when the source itself cannot be read."""
    try:
        if source.kind == "folder":
            return read_folder(source, state)
        if source.kind == "feed":
            return read_feed(source, client, state, known)
        return read_page(source, client, state, known)
    except SourceUnavailable as error:
        message = str(error)
        raise SourceUnavailable(
            message if message.startswith("source ") else f"source {source.name!r}: {message}"
        ) from None
