"""Local folders of .txt, .md, .html and .json files, watched by modification time."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from digest.config import SourceConfig
from digest.records import Article
from digest.sources._common import Fetched, SourceUnavailable, page_text, title_from_text

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")


def read_folder(source: SourceConfig, state: Mapping[str, str]) -> Fetched:
    """Articles of the files that are new or modified since their state was recorded."""
    folder = source.path
    if folder is None or not folder.is_dir():
        raise SourceUnavailable(f"source {source.name!r}: folder {folder} does not exist")
    articles, skipped, seen, unchanged = [], [], {}, 0
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        key, modified = str(path), str(path.stat().st_mtime_ns)
        if state.get(key) == modified:
            unchanged += 1
            continue
        try:
            articles.extend(read_file(path, source.name))
        except SourceUnavailable as error:
            skipped.append(str(error))
            continue
        seen[key] = modified
    return Fetched(tuple(articles), seen, unchanged, tuple(skipped))


def read_file(path: Path, source_name: str) -> list[Article]:
    """The articles in one file: one, or for JSON, one per object."""
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
        return [
            Article(
                url=path.as_uri(),
                title=page.title or title_from_text(page.text),
                text=page.text,
                source=source_name,
                published=page.published or modified,
                author=page.author,
                site=page.site,
            )
        ]
    return [
        Article(
            url=path.as_uri(),
            title=title_from_text(raw),
            text=raw,
            source=source_name,
            published=modified,
        )
    ]


def _json_articles(raw: str, path: Path, source_name: str, modified: str) -> list[Article]:
    """A JSON file holds one article object or a list of them, each with at least "text"."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise SourceUnavailable(f"{path}: not valid JSON ({error})") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) and isinstance(item.get("text"), str) for item in items):
        raise SourceUnavailable(f'{path}: expected an object or a list of objects with "text"')
    return [
        Article(
            url=item.get("url") or f"{path.as_uri()}?item={index}",
            title=item.get("title") or title_from_text(item["text"]),
            text=item["text"],
            source=source_name,
            published=item.get("published") or item.get("date") or modified,
            author=item.get("author"),
            site=item.get("site"),
            guid=str(item["id"]) if item.get("id") is not None else None,
        )
        for index, item in enumerate(items)
    ]
