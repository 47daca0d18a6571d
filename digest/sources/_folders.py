"""Local folders of .txt, .md, .html and .json files, watched by modification time."""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from digest.boilerplate import without_boilerplate
from digest.config import SourceConfig
from digest.records import Article
from digest.sources._common import (
    Fetched,
    SourceUnavailable,
    page_text,
    title_from_text,
)

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
# Optional fields of a JSON article object that must be strings when present.
STRING_FIELDS = ("title", "url", "published", "date", "author", "site")


def read_folder(source: SourceConfig, state: Mapping[str, str]) -> Fetched:
    """Articles of the files that are new or modified since their state was recorded."""
    folder = source.path
    if folder is None or not folder.is_dir():
        raise SourceUnavailable(f"source {source.name!r}: folder {folder} does not exist")
    articles: list[Article] = []
    skipped, seen, unchanged = [], {}, 0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        key, modified = str(path), str(path.stat().st_mtime_ns)
        if state.get(key) == modified:
            unchanged += 1
            continue
        try:
            found = read_file(path, source.name)
        except SourceUnavailable as error:
            skipped.append(str(error))
            continue
        articles.extend(found.articles)
        # A bad object in a JSON file is reported once; the file is read again when it changes.
        skipped.extend(found.skipped)
        seen[key] = modified
    return Fetched(tuple(articles), seen, unchanged, tuple(skipped))


def read_file(path: Path, source_name: str) -> Fetched:
    """The articles in one file (one, or for JSON, one per object) and the objects skipped."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceUnavailable(
            f"{path}: not UTF-8 ({error.reason} at byte {error.start})"
        ) from None
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _json_articles(raw, path, source_name, modified)
    if suffix in (".html", ".htm"):
        page = page_text(raw, path.as_uri())
        if page is None:
            raise SourceUnavailable(f"{path}: no article text")
        article = Article(
            url=path.as_uri(),
            title=page.title or title_from_text(page.text),
            text=page.text,
            source=source_name,
            published=page.published or modified,
            author=page.author,
            site=page.site,
        )
    else:
        text = without_boilerplate(raw)
        article = Article(
            url=path.as_uri(),
            title=title_from_text(text),
            text=text,
            source=source_name,
            published=modified,
        )
    return Fetched((article,))


def _json_articles(raw: str, path: Path, source_name: str, modified: str) -> Fetched:
    """A JSON file holds one article object or a list of them; each is checked on its own, so a
    bad one is skipped with its reason and the others are read."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise SourceUnavailable(f"{path}: not valid JSON ({error})") from None
    except RecursionError:
        raise SourceUnavailable(f"{path}: JSON nested too deeply to read") from None
    if isinstance(data, dict):
        return Fetched((_json_article(data, str(path), path.as_uri(), source_name, modified),))
    if not isinstance(data, list):
        raise SourceUnavailable(f'{path}: expected an object or a list of objects with "text"')
    articles, skipped = [], []
    for index, item in enumerate(data):
        where = f"{path} item {index}"
        try:
            articles.append(
                _json_article(item, where, f"{path.as_uri()}?item={index}", source_name, modified)
            )
        except SourceUnavailable as error:
            skipped.append(str(error))
    return Fetched(tuple(articles), skipped=tuple(skipped))


def _json_article(item: Any, where: str, own_url: str, source_name: str, modified: str) -> Article:
    if not isinstance(item, dict):
        raise SourceUnavailable(f'{where}: {_shown(item)}: expected an object with "text"')
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceUnavailable(f'{where}: "text" = {_shown(text)}: expected the article text')
    for key in STRING_FIELDS:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise SourceUnavailable(f'{where}: "{key}" = {_shown(item[key])}: expected a string')
    guid = item.get("id")
    if guid is not None and (isinstance(guid, bool) or not isinstance(guid, str | int)):
        raise SourceUnavailable(f'{where}: "id" = {_shown(guid)}: expected a string or a number')
    url = item.get("url") or own_url
    if item.get("url") and not re.match(r"https?://", url, re.IGNORECASE):
        raise SourceUnavailable(f'{where}: "url" = {_shown(url)}: expected an http(s) URL')
    date_key = "published" if item.get("published") else "date"
    published = item.get(date_key)
    if published and not _is_date(published):
        raise SourceUnavailable(
            f'{where}: "{date_key}" = {_shown(published)}: expected an ISO 8601 date such as '
            "'2026-11-20T13:00:00Z'"
        )
    text = without_boilerplate(text)
    return Article(
        url=url,
        title=item.get("title") or title_from_text(text),
        text=text,
        source=source_name,
        published=published or modified,
        author=item.get("author"),
        site=item.get("site"),
        guid=str(guid) if guid is not None else None,
    )


def _is_date(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _shown(value: Any) -> str:
    """A short, one-line rendering of a bad value, however large or deep."""
    return _SHORT.repr(value)


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 40
_SHORT.maxlevel = 2
