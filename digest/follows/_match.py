"""Matching new quotes and articles against follows: pure records in, (user, item) pairs out.

Each follow sees only what was stored after it was made. Speakers are matched through a
dictionary of followed speaker ids, topics through an index from each term to the topics using
it, so a run costs about the size of the new articles, not articles times follows.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from digest.follows._model import (
    SPEAKER,
    TOPIC,
    AlertItem,
    Follow,
    NewArticle,
    NewQuote,
)
from digest.follows._topics import TextIndex, Topic


def match(
    follows: Sequence[Follow], articles: Sequence[NewArticle], quotes: Sequence[NewQuote]
) -> list[tuple[str, AlertItem]]:
    """Every (user, item) the new articles and quotes give the follows, in article order."""
    by_speaker: dict[int, list[Follow]] = defaultdict(list)
    by_term: dict[str, list[tuple[Topic, list[Follow]]]] = defaultdict(list)
    for follow in follows:
        if follow.kind == SPEAKER and follow.speaker_id is not None:
            by_speaker[follow.speaker_id].append(follow)
    for topic, followers in _topics(follows).items():
        by_term[topic.terms[0]].append((topic, followers))
    quotes_of: dict[int, list[NewQuote]] = defaultdict(list)
    for quote in quotes:
        quotes_of[quote.article_id].append(quote)
    found: list[tuple[str, AlertItem]] = []
    for article in articles:
        said = quotes_of.get(article.id, [])
        found += _quote_items(article, said, by_speaker)
        found += _topic_items(article, said, by_term)
    return found


def _topics(follows: Iterable[Follow]) -> dict[Topic, list[Follow]]:
    """Follows of the same topic share one check, however many users follow it."""
    topics: dict[tuple[str, ...], tuple[Topic, list[Follow]]] = {}
    for follow in follows:
        if follow.kind == TOPIC and follow.terms:
            topic = Topic(follow.label, follow.terms)
            topics.setdefault(follow.terms, (topic, []))[1].append(follow)
    return {topic: followers for topic, followers in topics.values()}


def _quote_items(
    article: NewArticle, quotes: list[NewQuote], by_speaker: dict[int, list[Follow]]
) -> Iterator[tuple[str, AlertItem]]:
    for quote in quotes:
        followers = by_speaker.get(quote.speaker_id or 0, ())
        if not followers:
            continue
        # One item for every follower: what they are told is the same.
        item = AlertItem(
            key=quote_key(article.id, quote.text),
            kind=SPEAKER,
            follow=quote.speaker,
            article_title=article.title,
            url=article.url,
            text=quote.text,
            speaker=quote.speaker,
            speaker_title=quote.speaker_title,
        )
        yield from ((f.user, item) for f in followers if f.created <= article.fetched)


def _topic_items(
    article: NewArticle,
    quotes: list[NewQuote],
    by_term: dict[str, list[tuple[Topic, list[Follow]]]],
) -> Iterator[tuple[str, AlertItem]]:
    index = TextIndex([article.title, article.lead, *(q.text for q in quotes)])
    for term in list(index.surface):
        for topic, followers in by_term.get(term, ()):
            words = index.found(topic)
            if words is None:
                continue
            item = AlertItem(
                key=f"article:{article.id}",
                kind=TOPIC,
                follow=topic.label,
                article_title=article.title,
                url=article.url,
                text=article.lead,
                words=words,
            )
            yield from ((f.user, item) for f in followers if f.created <= article.fetched)


def quote_key(article_id: int, text: str) -> str:
    """A quote's key: its article and words, so a new version of the article that says the same
    thing again gives the same key (quote row ids change with versions)."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]
    return f"quote:{article_id}:{digest}"
