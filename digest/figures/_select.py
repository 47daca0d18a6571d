"""Which amounts are figures, and of what kind: the parse tells a measure from trivia."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from digest.figures import _tables as t
from digest.figures._about import figure_root
from digest.figures._grammar import BARE, DURATION, MEASURE, MONEY, SHARE, Amount

KINDS = {MONEY: "money", SHARE: "percent", MEASURE: "quantity", DURATION: "duration", BARE: "count"}
# Entities a bare number inside of is a date, a time, a rank or part of a name, never a count.
TRIVIA_ENTITIES = {
    "DATE",
    "TIME",
    "ORDINAL",
    "ORG",
    "EVENT",
    "FAC",
    "LAW",
    "PRODUCT",
    "WORK_OF_ART",
    "PERSON",
}
# Words that make the number after them a label: "page 12", "No. 2", "section 3".
LABELS = {"no.", "no", "page", "pages", "p.", "pp.", "section", "article", "chapter", "route", "#"}
NOUNS = {"NOUN", "PROPN"}
AGE = re.compile(r"[\s-]+old\b")
SMALLEST_COUNT = 10  # "two countries", "one by one", "three debates" are not figures


def kind_of(amount: Amount, span: Span, text: str) -> str | None:
    """The figure's kind, or None when the amount is trivia rather than a measure; `text` is
    `span.doc.text`, passed in because the doc rebuilds it on every access."""
    if amount.measure == DURATION and not _measures_something(amount, span, text):
        return None
    if _is_idiom(amount):
        return None
    if amount.measure == BARE and not _is_count(amount, span):
        return None
    if amount.measure != BARE and _is_change(span):
        return "change"
    return KINDS[amount.measure]


def _is_idiom(amount: Amount) -> bool:
    """`at one point` is a moment, not a percentage point."""
    spelled = not amount.digits and not amount.hyphenated
    return amount.unit == "pp" and amount.value == 1 and spelled


def _measures_something(amount: Amount, span: Span, text: str) -> bool:
    """`a 100-day plan`, `90 minutes of talks`, `one to two years`; not ages or time references."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or AGE.match(text, span.end_char):
        return False
    if amount.hyphenated:
        return after.pos_ in NOUNS | {"ADJ"}
    return amount.ranged or after.lower_ == "of"


def _is_count(amount: Amount, span: Span) -> bool:
    if amount.value is None:
        return False
    if amount.vague:
        return True
    if (amount.value < SMALLEST_COUNT and amount.scale == 1) or _is_year_or_code(amount):
        return False
    if any(token.ent_type_ in TRIVIA_ENTITIES for token in span):
        return False
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and (before.lower_ in LABELS or _is_name(before)):
        return False
    return _quantifies(span)


def _is_year_or_code(amount: Amount) -> bool:
    digits = amount.digits
    if not digits or "," in digits or "." in digits or amount.scale != 1:
        return False
    return len(digits) >= 5 or 1000 <= int(digits) <= 2100


def _is_name(token: Token) -> bool:
    """`Fortune 500`, `Patriot 125`, `Group of 20`: a number that ends a name is part of it."""
    if token.lower_ == "of" and token.i > 0:
        token = token.doc[token.i - 1]
    return token.pos_ == "PROPN" and token.is_title


def _quantifies(span: Span) -> bool:
    """A count counts something: `200 American companies`, `5,300 of them`, `the sample is 834`."""
    root = figure_root(span)
    if root.head.i >= span.end and root.head.pos_ in NOUNS:
        return True
    if root.dep_ == "attr" and root.head.lemma_ == "be":
        return any(c.dep_ == "nsubj" and c.pos_ in NOUNS for c in root.head.children)
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.lower_ == "of"


def _is_change(span: Span) -> bool:
    """`up 3.2%`, `rose 3.2%`, `fell by 2 points`, `a 3% drop`: a change, not a level."""
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in ("up", "down"):
        return True
    if before is not None and before.lower_ == "by" and before.head.lemma_ in t.CHANGES:
        return True
    root = figure_root(span)
    return root.head.i != root.i and root.head.lemma_ in t.CHANGES and root.dep_ != "pobj"
