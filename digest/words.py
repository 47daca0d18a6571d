"""The word lists tradedigest reads text by, each kept once in `digest/data/`.

`trade_words.toml`: what makes an article, a quote or a figure about trade.
`speaker_words.toml`: how names and titles are read (roles, senior offices, forms of address,
abbreviations) and which common nouns can speak, for the quote finder, the speaker directory
and the digest alike.
"""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files
from typing import Any


@functools.cache
def _table(name: str) -> dict[str, Any]:
    return tomllib.loads((files("digest") / "data" / name).read_text(encoding="utf-8"))


def trade_words(kind: str) -> tuple[str, ...]:
    """One list of `trade_words.toml`: `keywords`, `quote_words` or `figure_terms`."""
    return tuple(_table("trade_words.toml")[kind])


def speaker_words() -> dict[str, Any]:
    """`speaker_words.toml` whole."""
    return _table("speaker_words.toml")


# Words after which a title's head has been named: "Speaker of the House", "economist at ING".
_TITLE_PREPOSITIONS = frozenset({"of", "for", "at", "to", "in", "on", "with"})


def office_title(title: str | None) -> str | None:
    """`title` as a reader sees it (`Sen.` -> `Senator`, `Lt. Gov.` -> `Lieutenant Governor`),
    or None when it names no office or role: its head (the word before any `of`/`at` phrase)
    must be one of `roles`, so a description (`front-runner`, `rival`, `Internet pioneer`) or a
    form of address alone (`Mr.`) is no title."""
    words = [spelled_out(word) for word in (title or "").split()]
    head = title_head(title)
    if head is None or not _is_role(head):
        return None
    if all(_key(word) in _words("honorifics") for word in words):
        return None
    return " ".join(words)


def title_head(title: str | None) -> str | None:
    """The word a title is headed by, folded and in full: `secretary` of `Secretary of State`,
    `governor` of `Lt. Gov.`."""
    keys = [_key(spelled_out(word)) for word in (title or "").split()]
    head = next((i for i, key in enumerate(keys) if key in _TITLE_PREPOSITIONS), len(keys)) - 1
    return keys[head] if head >= 0 else None


def spelled_out(word: str) -> str:
    """An abbreviation in titles in full, capitalised as written (`Sen.` -> `Senator`); any
    other word as it is."""
    full = speaker_words()["abbreviations"].get(_key(word))
    if full is None or not word.rstrip(".").isalpha():
        return word
    return full.capitalize() if word[:1].isupper() else full


def _is_role(key: str) -> bool:
    """A title's head: an office or role, as a whole or as the last part of a compound
    (`vice-president`, `co-chair`; not `front-runner`)."""
    roles = _words("roles")
    return key in roles or key.rsplit("-", 1)[-1] in roles


def _key(word: str) -> str:
    return word.casefold().replace(".", "").replace("’", "'").strip(",;:'")


@functools.cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(speaker_words()[kind])
