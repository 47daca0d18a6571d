"""Key figures: the `tradedigest_figures` pipeline component.

Number phrases are found in the raw text by a small grammar over data tables
(`tables.toml`: currencies, multipliers, units), so offsets and values do not depend on the
tokenizer. The parse then decides which are figures rather than trivia (years, dates, ages,
ranks, small incidental counts), what each measures (`about`) and how much it matters
(`salience`).

quantulum3 was weighed for the unit tables and left out: it reads trade-press multipliers
as units (`£300m` as metres, `€4bn` as bits), returns a wrong value for malformed numbers,
takes seconds to load its tables and knows nothing of trivia or of what a figure measures;
`benchmarks/figures.py` compares it with this component on the same gold figures.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from digest.figures import _tables as t
from digest.figures._about import about_of
from digest.figures._grammar import MONEY, amounts
from digest.figures._select import kind_of
from digest.records import Figure

Doc.set_extension("figures", default=(), force=True)

KIND_WEIGHTS = {
    "money": 0.5,
    "change": 0.5,
    "percent": 0.45,
    "quantity": 0.4,
    "count": 0.3,
    "duration": 0.2,
}
TRADE_BONUS = 0.35
EARLY_BONUS = 0.15  # leads carry the story's key numbers
VAGUE_PENALTY = 0.15  # "thousands of" is colour, not a figure to quote
# What lies between a figure and one that only qualifies it, when the parse says no more of the
# second: "$30.4 billion in goods, up 31 percent", "$2.17 billion, about $74 million more".
QUALIFIER = re.compile(r"[^,;.!?]{0,60},\s+(?:(?:up|down)\s+)?")


@Language.component("tradedigest_figures")
def figures_component(doc: Doc) -> Doc:
    doc._.figures = find_figures(doc)
    return doc


def find_figures(doc: Doc) -> tuple[Figure, ...]:
    """The figures of a parsed article, in text order; offsets index `doc.text`."""
    text = doc.text  # rebuilt from the tokens on every access
    spans = [
        (amount, doc.char_span(amount.start, amount.end, alignment_mode="expand"))
        for amount in amounts(text)
    ]
    kept = [
        (amount, span, kind)
        for amount, span in spans
        if span is not None and len(span) and (kind := kind_of(amount, span, text)) is not None
    ]
    # Every figure's words, which never say what another measures (its own are left out anyway).
    # A hyphenated modifier stays: "the four-year number" is what its $25,000 measures.
    figure_words = frozenset(
        token.i for amount, span, _ in kept if not amount.hyphenated for token in span
    )
    found: list[Figure] = []
    for amount, span, kind in kept:
        # An exchange rate prices the currency it follows: "the lira slid to 32.5 per dollar".
        about = amount.priced or about_of(span, figure_words, money=amount.measure == MONEY)
        if about is None and found and _qualifies(doc, text, found[-1], amount.start):
            about = found[-1].about  # "sold $30.4 billion in goods, up 31 percent"
        found.append(
            Figure(
                text=text[amount.start : amount.end],
                start=amount.start,
                end=amount.end,
                kind=kind,
                value=amount.value,
                unit=amount.unit,
                about=about,
                salience=salience(kind, about, amount.start / max(len(text), 1), amount.vague),
            )
        )
    return tuple(found)


def _qualifies(doc: Doc, text: str, before: Figure, start: int) -> bool:
    """Whether the figure at `start` follows `before` as a phrase qualifying it, no verb between."""
    if not QUALIFIER.fullmatch(text, before.end, start):
        return False
    between = doc.char_span(before.end, start, alignment_mode="expand")
    return between is not None and not any(token.pos_ == "VERB" for token in between)


def salience(kind: str, about: str | None, position: float, vague: bool = False) -> float:
    """0-1: money and shares tied to trade terms, early in the story, rank first."""
    score = KIND_WEIGHTS[kind] + EARLY_BONUS * (1 - position)
    if about and any(term in about.lower() for term in t.TRADE_TERMS):
        score += TRADE_BONUS
    if vague:
        score -= VAGUE_PENALTY
    return round(min(max(score, 0.0), 1.0), 3)
