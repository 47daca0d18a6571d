"""Small text helpers for composing: sentences, names, people and trade words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import islice

from digest.words import trade_words as trade_word_list

# A sentence ends at . ! or ? (maybe inside a closing quote) before a capital or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"‘(]?[A-Z])")
# "U.S." or "Mr." ends a piece, not a sentence.
ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Jr|Co|Corp|Inc)\.)$"
)
# Capitalised words: names of people, places, bodies and events.
NAME = re.compile(r"\b[A-Z][\w’'&.-]*\w")
# Capitalised words that start sentences or name days and months, not people or places.
COMMON_CAPITALISED = """
    the a an in on at but and or as if it its he she they we i you this that these those for
    with while when after before mr ms mrs dr there here what who how why
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
"""
NOT_NAMES = frozenset(COMMON_CAPITALISED.split())
PLAIN_WORDS = re.compile(r"\w+")
# A line of fewer words labels a part of the page ("ABSTRACT.", "FULL TEXT.", "Correction
# Appended.", "Advertisement"): it opens nothing.
LABEL_WORDS = 4
# Words that make a quote about trade: they weigh in ranking.
TRADE_WORDS = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(word.rstrip("*").lower()) + (r"\w*" if word.endswith("*") else "")
        for word in trade_word_list("quote_words")
    )
    + r")\b"
)


def sentences(text: str, chars: int = 1200) -> Iterator[str]:
    """The sentences in the first `chars` characters of `text`, whitespace collapsed."""
    for paragraph in text[:chars].split("\n"):
        sentence = ""
        for piece in SENTENCE_END.split(paragraph):
            sentence = f"{sentence} {piece}" if sentence else piece
            if not ABBREVIATION.search(sentence):
                yield from _collapsed(sentence)
                sentence = ""
        yield from _collapsed(sentence)


def openings(text: str, count: int = 2) -> list[str]:
    """The first `count` sentences of `text` that say something, passing over part labels."""
    said = (s for s in sentences(text) if len(PLAIN_WORDS.findall(s)) >= LABEL_WORDS)
    return list(islice(said, count))


def _collapsed(sentence: str) -> Iterator[str]:
    if sentence.strip():
        yield " ".join(sentence.split())


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(",;:—-") + "…"


def names(text: str) -> set[str]:
    """The capitalised words of `text`, lowercased: who and what it is about."""
    return {w.lower() for w in NAME.findall(text)} - NOT_NAMES


@functools.lru_cache(maxsize=1 << 16)  # bounded: a serving process meets new names for months
def person_key(name: str) -> str:
    """One key for the ways outlets write a name: "Steve Mnuchin" and "Steven Mnuchin" agree."""
    words = name.replace(".", " ").split()
    if len(words) < 2:
        return name.casefold()
    return f"{words[-1].casefold()} {words[0][0].casefold()}"


def is_person(name: str) -> bool:
    """A first and last name, not a body such as "Washington" or "the ministry"."""
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def trade_words(text: str) -> int:
    # Lowercasing first is several times faster than a case-blind pattern.
    return len(TRADE_WORDS.findall(text.lower()))
