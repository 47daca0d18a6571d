"""Topics: the words a follow or a channel names, and whether a text speaks of all of them.

A topic matches when every one of its words occurs in the text, in any order and any inflection
the light stemmer joins (`soybean tariffs` matches "tariffs on soybeans"); the words found are
reported as the text wrote them, so a reader sees why it matched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from digest.compose._text import openings, shorten
from digest.records import StoredArticle, StoredQuote
from digest.speakers._names import fold_accents

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
LEAD_CHARS = 400
# Words that carry no topic of their own: "tariffs on steel" is about tariffs and steel.
FILLER = frozenset({"a", "an", "and", "the", "of", "on", "in", "for", "to", "or", "with", "by"})


@dataclass(frozen=True)
class Topic:
    """What a user or a channel follows: the words as typed, and their stems to match."""

    label: str
    terms: tuple[str, ...]

    @property
    def key(self) -> str:
        return " ".join(self.terms)


def parse_topic(text: str) -> Topic | None:
    """The topic `text` names, or None when it has no word to match."""
    label = " ".join(WORD.findall(text))
    terms = tuple(dict.fromkeys(stem(w) for w in words(label) if w not in FILLER))
    return Topic(label, terms) if terms else None


def words(text: str) -> list[str]:
    """`text`'s words, lowercase and without accents."""
    return WORD.findall(fold_accents(text))


def stem(word: str) -> str:
    """The singular-ish form plural nouns and third persons share: tariffs, duties, taxes."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and re.search(r"(?:ss|x|z|ch|sh)es$", word):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """The term a word of a text counts as; news repeats its words, so each is worked out once."""
    return stem(fold_accents(word))


class TextIndex:
    """The stems of a text, each with the first way the text wrote it."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.surface: dict[str, str] = {}
        for text in texts:
            for word in WORD.findall(text or ""):
                self.surface.setdefault(term(word), word)

    def found(self, topic: Topic) -> tuple[str, ...] | None:
        """The text's words for each of the topic's terms; None unless it has them all."""
        if not all(term in self.surface for term in topic.terms):
            return None
        return tuple(self.surface[term] for term in topic.terms)


def lead(text: str) -> str:
    """An article's lead: its first two sentences that say something, shortened."""
    return shorten(" ".join(openings(text or "")), LEAD_CHARS)


def on_topics(
    articles: Sequence[StoredArticle], quotes: Sequence[StoredQuote], topics: Sequence[str]
) -> list[StoredArticle]:
    """The stored articles whose headline, lead or quotes match one of `topics`."""
    wanted = [t for t in map(parse_topic, topics) if t is not None]
    said = defaultdict(list)
    for quote in quotes:
        said[quote.article_id].append(quote.text)
    return [
        article
        for article in articles
        if any(
            TextIndex([article.title or "", lead(article.text), *said[article.id]]).found(topic)
            for topic in wanted
        )
    ]
