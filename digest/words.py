"""The word lists tradedigest reads text by, each kept once in `digest/data/`.

`trade_words.toml`: what makes an article, a quote or a figure about trade.
`speaker_words.toml`: how names and titles are read (roles, senior offices, forms of address,
abbreviations), for the quote finder, the speaker directory and the digest alike.
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
