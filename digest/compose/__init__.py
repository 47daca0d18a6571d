"""Pick and group: a period's stored articles become a digest of stories, quotes and figures.

Pure: rows in (articles, quotes, figures, speakers as the store gives them), a `Digest` out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from rapidfuzz import fuzz

from digest.compose._figures import key_figures
from digest.compose._group import group
from digest.compose._model import (
    Digest,
    DigestFigure,
    DigestQuote,
    FailingSource,
    SourceLink,
    SpeakerCount,
    Story,
)
from digest.compose._people import Person, cast, speakers_today
from digest.compose._quotes import key_quotes
from digest.compose._text import sentences, shorten
from digest.config import DigestConfig
from digest.records import SourceHealth

__all__ = [
    "Digest",
    "DigestFigure",
    "DigestQuote",
    "FailingSource",
    "SourceLink",
    "SpeakerCount",
    "Story",
    "compose",
]

SUMMARY_CHARS = 240
# A sentence this close to the headline repeats it and is no summary.
LIKE_HEADLINE = 85


def compose(
    start: str,
    end: str,
    articles: Sequence[dict],
    quotes: Sequence[dict],
    figures: Sequence[dict],
    speakers: dict[int, dict],
    settings: DigestConfig,
    shown: Sequence[str] = (),
    failing: Sequence[SourceHealth] = (),
) -> Digest:
    """The digest of `articles`: stories across sources, strongest first, capped. `shown` are
    the quotes the last digest showed; said again, they rank lower. `failing` are the sources
    that keep failing."""
    quotes, known = cast(quotes, speakers)
    period = _Period(_by_article(quotes), _by_article(figures), known, settings, tuple(shown))
    speaking = [{known[q["who"]].name for q in period.quotes_of(a)} for a in articles]
    said = [[q["text"] for q in period.quotes_of(a) if q["direct"]] for a in articles]
    weighed = sorted(
        (
            (period.weight(members), members)
            for members in ([articles[i] for i in g] for g in group(articles, speaking, said))
        ),
        key=lambda pair: -pair[0],
    )
    # Only the stories that make the cut are written out: quotes, figures, summary.
    return Digest(
        period_start=start,
        period_end=end,
        stories=tuple(
            period.story(members, weight) for weight, members in weighed[: settings.max_stories]
        ),
        more_stories=max(0, len(weighed) - settings.max_stories),
        speakers=speakers_today(quotes, known),
        articles=len(articles),
        failing=tuple(
            FailingSource(s.name, s.consecutive_failures, s.last_error, s.last_success)
            for s in failing
        ),
    )


def _by_article(rows: Sequence[dict]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


@dataclass(frozen=True)
class _Period:
    """What every story of the period draws on: its quotes, figures and people."""

    quotes_by: dict[int, list[dict]]
    figures_by: dict[int, list[dict]]
    known: dict[str, Person]
    settings: DigestConfig
    shown: tuple[str, ...]

    def quotes_of(self, article: dict) -> list[dict]:
        return self.quotes_by.get(article["id"], [])

    def voices(self, article: dict) -> set[str]:
        return {q["who"] for q in self.quotes_of(article)}

    def weight(self, articles: list[dict]) -> float:
        """How much a story matters: its sources, who speaks in it, how salient its figures are."""
        everyone = set().union(*(self.voices(a) for a in articles))
        prominence = sorted((self.known[k].prominence for k in everyone), reverse=True)[:5]
        salience = sorted(
            (f["salience"] or 0.0 for a in articles for f in self.figures_by.get(a["id"], ())),
            reverse=True,
        )[: self.settings.figures_per_story]
        return round(
            1.5 * len(articles)
            + 0.3 * sum(prominence)
            + 0.5 * min(len(everyone), self.settings.quotes_per_story)
            + sum(salience),
            3,
        )

    def story(self, articles: list[dict], weight: float) -> Story:
        # The article quoting the most people tells the story best; its headline leads.
        lead = max(articles, key=lambda a: (len(self.voices(a)), -a["id"]))
        # Headlines cut from a text may end in the punctuation that joined them to the next line.
        title = lead["title"] or shorten(next(sentences(lead["text"]), lead["url"]), 120)
        headline = title.rstrip(" ;,:") or title
        settings = self.settings
        return Story(
            headline=headline,
            summary=_summary(headline, [lead, *(a for a in articles if a is not lead)]),
            url=lead["url"],
            sources=tuple(_link(a) for a in sorted(articles, key=_published)),
            quotes=key_quotes(
                articles, self.quotes_by, self.known, settings.quotes_per_story, self.shown
            ),
            figures=key_figures(articles, self.figures_by, settings.figures_per_story),
            weight=weight,
        )


def _summary(headline: str, articles: list[dict]) -> str:
    """The first sentence that is no headline: first sentences of every article (the lead
    article's first), then second ones, since a text often opens with its own headline."""
    titles = [a["title"].rstrip("…") for a in articles if a["title"]]
    openings = [list(islice(sentences(a["text"]), 2)) for a in articles]
    for rank in (0, 1):
        for sentence in (o[rank] for o in openings if len(o) > rank):
            if not _repeats(headline.rstrip("…"), sentence) and not any(
                _repeats(t, sentence) and len(sentence) <= len(t) + 10 for t in titles
            ):
                return shorten(sentence, SUMMARY_CHARS)
    return ""


def _repeats(headline: str, sentence: str) -> bool:
    return fuzz.partial_ratio(headline, sentence) >= LIKE_HEADLINE


def _link(article: dict) -> SourceLink:
    return SourceLink(
        name=article.get("site") or article["source"],
        title=article["title"] or article["url"],
        url=article["url"],
        published=article.get("published"),
    )


def _published(article: dict) -> tuple[str, int]:
    return (article.get("published") or "", article["id"])
