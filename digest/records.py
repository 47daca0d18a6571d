"""Records passed between extraction, the store, the digest and Slack."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker; offsets index the article text as read."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    direct: bool


@dataclass(frozen=True)
class Speaker:
    """A person or body quoted in one article, with every name it went by there."""

    name: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number that measures something: `value` in `unit`, measuring `about`."""

    text: str
    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None
    about: str | None
    salience: float = 0.0


@dataclass(frozen=True)
class StoredFigure:
    """A stored figure with the article that gave it: one point of a figure's history.

    `published` is the article's date, or when it was fetched when it gives none."""

    text: str
    value: float | None
    unit: str | None
    kind: str
    about: str
    published: str
    source: str
    url: str
    title: str | None


@dataclass(frozen=True)
class Extraction:
    """Everything the NLP pipeline finds in one article."""

    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class Article:
    """One article as fetched from a source, before extraction."""

    url: str
    title: str
    text: str
    source: str
    published: str | None = None
    author: str | None = None
    site: str | None = None
    guid: str | None = None
