"""Which amounts are figures, and of what kind: the parse tells a measure from trivia."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from digest.figures import _tables as t
from digest.figures._about import GENERIC, figure_root
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
# Verbs whose object is time spent: "took about 4 years", "lasts ninety minutes".
SPENDING = {"take", "last", "spend", "need", "require", "wait"}
# A duration after these words, or before the phrases after, places a moment in time.
TIME_REFERENCE_BEFORE = {"next", "past", "last", "coming", "first", "previous", "recent", "final"}
TIME_REFERENCE_AFTER = re.compile(
    r"\s+(?:ago|later|earlier|before|after|from\s+now|in\s+a\s+row)\b", re.IGNORECASE
)
LIST_WORDS = {",", "and", "or"}
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
    if amount.hyphenated and amount.measure in (DURATION, MEASURE) and _is_classifier(span):
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
    # A text may end on the figure: a headline, a caption ("takes about ninety minutes").
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if AGE.match(text, span.end_char):
        return False
    if amount.hyphenated:
        return after is not None and after.pos_ in NOUNS | {"ADJ"}
    if amount.ranged or (after is not None and after.lower_ == "of"):
        return True
    if TIME_REFERENCE_AFTER.match(text, span.end_char):
        return False
    return _is_time_spent(span[-1])


def _is_listed_duration(doc: Doc, i: int) -> bool:
    """Whether a list word, a number and a unit of time follow token `i`."""
    words = doc[i : i + 4]
    return (
        len(words) >= 3
        and words[0].lower_ in LIST_WORDS
        and any(word.like_num for word in words[1:])
        and any(word.lower_ in t.DURATIONS for word in words[1:])
    )


def _is_time_spent(unit: Token) -> bool:
    """`for 3 years, 2 months and 14 days`, `took about 4 years`: how long something lasts."""
    doc = unit.doc
    number = next((t for t in unit.lefts if t.dep_ == "nummod"), unit)
    if any(t.lower_ in TIME_REFERENCE_BEFORE for t in doc[max(0, number.i - 2) : number.i]):
        return False
    if unit.dep_ == "pobj" and unit.head.lower_ == "for":
        # "for 3 years, 2 months and 14 days" is measured; "spoke for five minutes" is colour
        return _is_listed_duration(doc, unit.i + 1)
    if unit.dep_ in ("dobj", "npadvmod") and unit.head.lemma_ in SPENDING:
        return True
    previous = number.i - 1
    while previous >= 0 and doc[previous].lower_ in LIST_WORDS:
        previous -= 1
    listed = previous < number.i - 1 and previous >= 0
    return listed and doc[previous].lower_ in t.DURATIONS and _is_time_spent(doc[previous])


def _is_count(amount: Amount, span: Span) -> bool:
    if amount.value is None:
        return False
    if amount.vague:
        return True
    if (amount.value < SMALLEST_COUNT and amount.scale == 1) or _is_year_or_code(amount):
        return False
    if any(token.ent_type_ in TRIVIA_ENTITIES for token in span) and not _counts_a_noun(span):
        return False
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and (before.lower_ in LABELS or _is_name(before)):
        return False
    return _quantifies(span) and not _labels_or_frames(span)


def _labels_or_frames(span: Span) -> bool:
    """`529 plans`, `about 30 words` label a sort or a text; `polls in 11 swing states` frames
    where the sentence's figure holds: neither is a measure."""
    root = figure_root(span)
    noun = root.head if root.dep_ == "nummod" else root
    if noun.lower_ in t.LABELLED or _sizes_a_noun(span):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in t.FRAMES


def _sizes_a_noun(span: Span) -> bool:
    """`a 28-nation bloc`, `a 12-member panel`: a count joined to a noun that modifies another
    tells what the other is, as `a 100-day plan` does."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "-" or doc[span.end - 1].whitespace_:
        return False
    noun = doc[span.end + 1]
    return noun.dep_ in ("compound", "amod", "nmod") and noun.head.pos_ in NOUNS


def _is_classifier(span: Span) -> bool:
    """`four-year universities`, `the four-year number`, `the 10-year yield`, `$4,406 per 40-foot
    container`: a size that names a sort of thing, qualifies another figure or is the unit of a
    rate."""
    nouns = [token for token in span.doc[span.end : span.end + 4] if token.pos_ in NOUNS]
    if not nouns:
        return False
    noun = nouns[0]
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head  # "four-year state universities": the head of the compound
    per = span.start > 0 and span.doc[span.start - 1].lower_ == "per"
    kind = noun.lemma_.lower() in GENERIC or noun.lower_ in t.INSTRUMENTS
    return per or kind or noun.tag_ in ("NNS", "NNPS")


def _counts_a_noun(span: Span) -> bool:
    """`45 and 50 cases`: a list of numbers the tagger took for a date, counting a noun."""
    root = figure_root(span)
    listed = any(c.dep_ == "conj" and c.like_num for c in root.children)
    if any(t.ent_type_ != "DATE" for t in span if t.ent_type_) or root.dep_ != "nummod":
        return False
    if not listed:
        return False
    entity_end = max(t.i for t in span) + 1
    nxt = span.doc[entity_end] if entity_end < len(span.doc) else None
    head = root.head
    return head.pos_ == "NOUN" and not head.ent_type_ and nxt is not None and nxt.ent_iob_ != "I"


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
    if root.dep_ == "conj" and root.head.like_num:
        root = root.head  # "45 and 50 cases": the list counts what its first number counts
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
        # "picked up 12,000 tonnes": the particle of a verb that is no change
        return before.dep_ != "prt" or before.head.lemma_ in t.CHANGES
    if before is not None and before.lower_ == "by" and before.head.lemma_ in t.CHANGES:
        return True
    root = figure_root(span)
    return root.head.i != root.i and root.head.lemma_ in t.CHANGES and root.dep_ != "pobj"
