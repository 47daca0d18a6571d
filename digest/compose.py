"""Pick and group: a period's stored articles become a digest of stories, quotes and figures."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlite_utils import Database

from digest import store
from digest.config import DigestConfig


@dataclass(frozen=True)
class DigestQuote:
    text: str
    speaker: str | None
    title: str | None
    url: str


@dataclass(frozen=True)
class DigestFigure:
    text: str
    about: str | None
    url: str


@dataclass(frozen=True)
class Story:
    headline: str
    url: str
    source: str
    quotes: tuple[DigestQuote, ...]
    figures: tuple[DigestFigure, ...]


@dataclass(frozen=True)
class Digest:
    period_start: str
    period_end: str
    stories: tuple[Story, ...]
    more_stories: int = 0

    @classmethod
    def from_body(cls, body: dict) -> Digest:
        stories = tuple(
            Story(
                **{
                    **s,
                    "quotes": tuple(DigestQuote(**q) for q in s["quotes"]),
                    "figures": tuple(DigestFigure(**f) for f in s["figures"]),
                }
            )
            for s in body["stories"]
        )
        return cls(**{**body, "stories": stories})


def compose_from_store(db: Database, start: str, end: str, settings: DigestConfig) -> dict:
    articles = store.articles_fetched_between(db, start, end)
    ids = [a["id"] for a in articles]
    quotes, figures = store.quotes_of(db, ids), store.figures_of(db, ids)
    speakers = store.speakers_by_id(db, (q["speaker_id"] for q in quotes))
    return asdict(compose(start, end, articles, quotes, figures, speakers, settings))


def compose(
    start: str,
    end: str,
    articles: list[dict],
    quotes: list[dict],
    figures: list[dict],
    speakers: dict[int, dict],
    settings: DigestConfig,
) -> Digest:
    """A digest with one story per article: its first quotes and its most salient figures."""
    stories = [_story(article, quotes, figures, speakers, settings) for article in articles]
    return Digest(
        start,
        end,
        tuple(stories[: settings.max_stories]),
        max(0, len(stories) - settings.max_stories),
    )


def _story(
    article: dict,
    quotes: list[dict],
    figures: list[dict],
    speakers: dict[int, dict],
    settings: DigestConfig,
) -> Story:
    own_quotes = [q for q in quotes if q["article_id"] == article["id"] and q["speaker"]]
    own_figures = sorted(
        (f for f in figures if f["article_id"] == article["id"]),
        key=lambda f: -(f["salience"] or 0),
    )
    return Story(
        headline=article["title"],
        url=article["url"],
        source=article["source"],
        quotes=tuple(
            DigestQuote(
                q["text"],
                q["speaker"],
                speakers.get(q["speaker_id"], {}).get("title"),
                article["url"],
            )
            for q in own_quotes[: settings.quotes_per_story]
        ),
        figures=tuple(
            DigestFigure(f["text"], f["about"], article["url"])
            for f in own_figures[: settings.figures_per_story]
        ),
    )
