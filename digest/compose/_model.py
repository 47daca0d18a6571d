"""The digest as data: what the renderers draw and the store keeps as JSON."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLink:
    """One article of a story: where it ran, under which title, when."""

    name: str
    title: str
    url: str
    published: str | None = None


@dataclass(frozen=True)
class DigestQuote:
    """A key quote; `sources` counts the story's articles that carry it."""

    text: str
    speaker: str
    title: str | None
    url: str
    source: str
    sources: int = 1
    direct: bool = True


@dataclass(frozen=True)
class DigestFigure:
    """A key figure and what it measures; `sources` counts the articles that give it; `update`
    tells how it moved from the same measure shown in an earlier digest ("up from $309 billion
    on 3 Mar")."""

    text: str
    about: str | None
    url: str
    source: str
    sources: int = 1
    value: float | None = None
    unit: str | None = None
    update: str | None = None


@dataclass(frozen=True)
class ShownFigure:
    """A key figure an earlier digest showed, and the day that digest's period ended."""

    figure: DigestFigure
    day: str


@dataclass(frozen=True)
class Story:
    """Articles about one event, told once."""

    headline: str
    summary: str
    url: str
    sources: tuple[SourceLink, ...]
    quotes: tuple[DigestQuote, ...] = ()
    figures: tuple[DigestFigure, ...] = ()
    weight: float = 0.0


@dataclass(frozen=True)
class SpeakerCount:
    """Someone quoted in the period, and how many times."""

    name: str
    title: str | None
    quotes: int


@dataclass(frozen=True)
class FailingSource:
    """A source that failed its last runs: the digest says so, so silence is not mistaken for
    no news."""

    name: str
    failures: int
    last_error: str | None
    last_success: str | None


@dataclass(frozen=True)
class Digest:
    """A period's stories, strongest first; `more_stories` were left out by the cap."""

    period_start: str
    period_end: str
    stories: tuple[Story, ...] = ()
    more_stories: int = 0
    speakers: tuple[SpeakerCount, ...] = ()
    articles: int = 0
    number: int | None = None
    failing: tuple[FailingSource, ...] = ()
    # A channel's view: only the stories matching one of these topics.
    topics: tuple[str, ...] = ()

    @classmethod
    def from_body(cls, body: dict) -> Digest:
        """The digest a stored JSON body (`dataclasses.asdict` of one) describes."""
        stories = tuple(
            Story(
                **{
                    **s,
                    "sources": tuple(SourceLink(**x) for x in s.get("sources", ())),
                    "quotes": tuple(DigestQuote(**q) for q in s.get("quotes", ())),
                    "figures": tuple(DigestFigure(**f) for f in s.get("figures", ())),
                }
            )
            for s in body.get("stories", ())
        )
        speakers = tuple(SpeakerCount(**s) for s in body.get("speakers", ()))
        failing = tuple(FailingSource(**f) for f in body.get("failing", ()))
        parts = {"stories": stories, "speakers": speakers, "failing": failing}
        return cls(**{**body, **parts, "topics": tuple(body.get("topics", ()))})
