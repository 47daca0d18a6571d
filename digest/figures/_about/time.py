"""When a figure holds and what it is per: `through 2020`, `last year's`, `$50 a ton`."""

from __future__ import annotations

from spacy.tokens import Span, Token

from digest.figures._about.tokens import LONGEST_PHRASE, text_of

# Prepositions that introduce a time reference: "through 2020", "over the next decade".
TIME_PREPS = {"in", "through", "by", "since", "over", "during", "until", "for", "from", "between"}
RATES = {"a", "an", "per", "each", "every"}
RATE_NOUNS = {
    *("year", "month", "week", "day", "hour", "ton", "tonne", "barrel", "share", "person"),
    *("ounce", "gallon", "bushel", "pound", "kilogram", "kg", "litre", "liter", "unit", "head"),
}


def time_reference(
    anchors: list[Token], taken: set[int], others: frozenset[int] = frozenset()
) -> str:
    """`through 2020`, `over the next decade`: the date phrases on the anchor nearest the figure,
    less those holding another figure (`from $40.2 billion in August`)."""
    for anchor in anchors:
        phrases, used = [], set(taken)
        for child in anchor.children:
            if child.i in used or not is_time(child):
                continue
            if any(t.i in others for t in child.subtree):
                continue
            tokens = _through_date_end([t for t in child.subtree if t.i not in used])
            if 0 < len(tokens) <= LONGEST_PHRASE:
                phrases.append(tokens)
                used |= {t.i for t in tokens}
        if phrases:
            return " ".join(text_of(tokens, lower_first=True) for tokens in phrases)
    return ""


def _through_date_end(tokens: list[Token]) -> list[Token]:
    """A date phrase runs to the end of its date: `in [the five years] [through 2020]`."""
    if not tokens:
        return tokens
    doc, end = tokens[0].doc, tokens[-1].i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "DATE":
        end += 1
    return [*tokens, *doc[tokens[-1].i + 1 : end]]


def possessive_date(span: Span) -> list[Token]:
    """`last year's $309 billion`: a date owning the figure, whatever the parse made of it."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "’s", "’", "'"):
        return []
    end = span.start - 1
    start = end
    while start > 0 and doc[start - 1].ent_type_ == "DATE":
        start -= 1
    return list(doc[start : span.start]) if start < end else []


def is_time(token: Token) -> bool:
    if token.dep_ == "prep":
        has_date = any(t.ent_type_ == "DATE" for t in token.subtree if t.i != token.i)
        return has_date and token.lower_ in TIME_PREPS
    return token.dep_ in ("npadvmod", "tmod") and token.ent_type_ == "DATE"


def rate_of(span: Span) -> str:
    """`$12 an hour`, `$50 a ton`: the unit a money figure is per."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return ""
    first, second = doc[span.end], doc[span.end + 1]
    if first.lower_ in RATES and second.lemma_.lower() in RATE_NOUNS:
        return f"{first.text} {second.text}"
    return ""
