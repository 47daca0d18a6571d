"""Pick and group: a period's stored articles become a digest of stories, quotes and figures.

Pure: rows in (articles, quotes, figures, speakers as the store gives them), a `Digest` out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from digest.compose._event import Report, report
from digest.compose._figures import key_figures
from digest.compose._group import SAME_STORY, group
from digest.compose._headline import headline, summary
from digest.compose._model import (
    Digest,
    DigestFigure,
    DigestQuote,
    FailingSource,
    ShownFigure,
    SourceLink,
    SpeakerCount,
    Story,
)
from digest.compose._people import Person, Said, cast, speakers_today
from digest.compose._quotes import key_quotes
from digest.config import DigestConfig
from digest.records import SourceHealth, StoredArticle, StoredFigure, StoredQuote, StoredSpeaker

__all__ = [
    "Digest",
    "DigestFigure",
    "DigestQuote",
    "FailingSource",
    "ShownFigure",
    "SourceLink",
    "SpeakerCount",
    "Story",
    "compose",
    "stories",
]


def compose(
    start: str,
    end: str,
    articles: Sequence[StoredArticle],
    quotes: Sequence[StoredQuote],
    figures: Sequence[StoredFigure],
    speakers: dict[int, StoredSpeaker],
    settings: DigestConfig,
    shown: Sequence[str] = (),
    failing: Sequence[SourceHealth] = (),
    shown_figures: Sequence[ShownFigure] = (),
) -> Digest:
    """The digest of `articles`: stories across sources, strongest first, capped. `shown` are
    the quotes the last digest showed; said again, they rank lower. `failing` are the sources
    that keep failing. `shown_figures` are earlier digests' key figures, latest first: a key
    figure updating one of them says how it moved."""
    said, known = cast(quotes, speakers)
    period = _Period(
        _by_article(said),
        _by_article(figures),
        known,
        settings,
        tuple(shown),
        tuple(shown_figures),
    )
    weighed = sorted(
        ((period.weight(members), members) for members in period.stories(articles)),
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
        speakers=speakers_today(said, known),
        articles=len(articles),
        failing=tuple(
            FailingSource(s.name, s.consecutive_failures, s.last_error, s.last_success)
            for s in failing
        ),
    )


def stories(
    articles: Sequence[StoredArticle],
    quotes: Sequence[StoredQuote],
    figures: Sequence[StoredFigure],
    speakers: dict[int, StoredSpeaker],
    same_story: float = SAME_STORY,
) -> list[list[StoredArticle]]:
    """The articles grouped into stories as `compose` groups them (with `same_story` as the
    similarity a story's articles keep on average)."""
    said, known = cast(quotes, speakers)
    period = _Period(_by_article(said), _by_article(figures), known, DigestConfig(), ())
    return period.stories(articles, same_story)


_Row = TypeVar("_Row", Said, StoredFigure)


def _by_article(rows: Sequence[_Row]) -> dict[int, list[_Row]]:
    grouped: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        grouped[row.article_id].append(row)
    return grouped


@dataclass(frozen=True)
class _Period:
    """What every story of the period draws on: its quotes, figures and people."""

    quotes_by: dict[int, list[Said]]
    figures_by: dict[int, list[StoredFigure]]
    known: dict[str, Person]
    settings: DigestConfig
    shown: tuple[str, ...]
    shown_figures: tuple[ShownFigure, ...] = ()

    def quotes_of(self, article: StoredArticle) -> list[Said]:
        return self.quotes_by.get(article.id, [])

    def stories(
        self, articles: Sequence[StoredArticle], same_story: float = SAME_STORY
    ) -> list[list[StoredArticle]]:
        grouped = group([self.report(a) for a in articles], same_story)
        return [[articles[i] for i in members] for members in grouped]

    def report(self, article: StoredArticle) -> Report:
        """What the article tells of its event, for grouping."""
        quotes = self.quotes_of(article)
        return report(
            article.title,
            article.text,
            article.published,
            speakers=[self.known[q.who].name for q in quotes],
            quoted=[q.text for q in quotes if q.direct],
            figures=[(f.kind or "", f.value, f.unit) for f in self.figures_by.get(article.id, ())],
        )

    def voices(self, article: StoredArticle) -> set[str]:
        return {q.who for q in self.quotes_of(article)}

    def weight(self, articles: list[StoredArticle]) -> float:
        """How much a story matters: its sources, who speaks in it, how salient its figures are."""
        everyone = set().union(*(self.voices(a) for a in articles))
        prominence = sorted((self.known[k].prominence for k in everyone), reverse=True)[:5]
        salience = sorted(
            (f.salience or 0.0 for a in articles for f in self.figures_by.get(a.id, ())),
            reverse=True,
        )[: self.settings.figures_per_story]
        return round(
            1.5 * len(articles)
            + 0.3 * sum(prominence)
            + 0.5 * min(len(everyone), self.settings.quotes_per_story)
            + sum(salience),
            3,
        )

    def story(self, articles: list[StoredArticle], weight: float) -> Story:
        title, lead = headline(articles)
        settings = self.settings
        return Story(
            headline=title,
            summary=summary(title, articles),
            url=lead.url,
            sources=tuple(_link(a) for a in sorted(articles, key=_published)),
            quotes=key_quotes(
                articles,
                self.quotes_by,
                self.known,
                settings.quotes_per_story,
                self.shown,
                min_confidence=settings.min_confidence,
            ),
            figures=key_figures(
                articles, self.figures_by, settings.figures_per_story, self.shown_figures
            ),
            weight=weight,
        )


def _link(article: StoredArticle) -> SourceLink:
    return SourceLink(
        name=article.site or article.source,
        title=article.title or article.url,
        url=article.url,
        published=article.published,
    )


def _published(article: StoredArticle) -> tuple[str, int]:
    return (article.published or "", article.id)
