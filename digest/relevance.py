"""Whether an article is worth extracting: English, and about trade."""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from digest.config import RelevanceConfig

# English prose is about half stop words; other languages share few of them ("a", "in", "die").
MIN_ENGLISH_SHARE = 0.25
LANGUAGE_SAMPLE_WORDS = 400
# Too few words to tell a language by its stop words: assume English.
LANGUAGE_MIN_WORDS = 30


def skip_reason(
    title: str, text: str, settings: RelevanceConfig, source_keywords: tuple[str, ...] = ()
) -> str | None:
    """Why the article should be stored without extraction, or None to extract it."""
    if not is_english(text):
        return "not in English"
    whole = f"{title}\n{text}"
    if source_keywords and not _pattern(source_keywords).search(whole):
        return "mentions none of the source's keywords"
    if (
        settings.keywords
        and settings.min_mentions
        and len(_pattern(settings.keywords).findall(whole)) < (settings.min_mentions)
    ):
        return f"not about trade (fewer than {settings.min_mentions} trade keyword mentions)"
    return None


def is_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())[:LANGUAGE_SAMPLE_WORDS]
    if len(words) < LANGUAGE_MIN_WORDS:
        return True
    return sum(word in STOP_WORDS for word in words) / len(words) >= MIN_ENGLISH_SHARE


@cache
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "trade deficit" counts once rather than also as "trade".
    ordered = sorted(keywords, key=len, reverse=True)
    alternatives = (r"\s+".join(map(re.escape, k.split())) for k in ordered)
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE)
