"""Where articles come from: each configured source turned into `Article` records."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from digest.config import SourceConfig
from digest.records import Article

FOLDER_SUFFIXES = (".txt", ".md")
TITLE_LENGTH = 120


class SourceUnavailable(Exception):
    """A source could not be read; the message says which and why."""


def fetch(source: SourceConfig) -> list[Article]:
    """Every article the source offers now, new or not."""
    if source.kind == "folder":
        return read_folder(source)
    raise SourceUnavailable(f"source {source.name!r}: kind {source.kind!r} is not supported yet")


def read_folder(source: SourceConfig) -> list[Article]:
    folder = source.path
    if folder is None or not folder.is_dir():
        raise SourceUnavailable(f"source {source.name!r}: folder {folder} does not exist")
    articles = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in FOLDER_SUFFIXES and path.is_file():
            articles.append(_file_article(path, source.name))
    return articles


def _file_article(path: Path, source_name: str) -> Article:
    text = path.read_text(encoding="utf-8", errors="replace")
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return Article(
        url=path.resolve().as_uri(),
        title=title_from_text(text),
        text=text,
        source=source_name,
        published=modified.isoformat(timespec="seconds"),
    )


def title_from_text(text: str) -> str:
    """A headline for a text that has none: its first line, or first sentence, kept short."""
    first_line = text.strip().split("\n", 1)[0].strip()
    sentence = re.split(r"(?<=[a-z0-9”\"][.!?])\s", first_line, maxsplit=1)[0]
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    return sentence[:TITLE_LENGTH].rsplit(" ", 1)[0] + "…"


def canonical_url(url: str) -> str:
    return url.strip()


def content_hash(text: str) -> str:
    """Hash of the words alone, so whitespace and case changes are not new content."""
    words = " ".join(text.lower().split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()
