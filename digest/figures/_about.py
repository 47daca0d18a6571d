"""What a figure measures, read from the dependency parse, with its time reference.

`$309 billion trade deficit` -> "trade deficit"; `24 percent of the contributors` ->
"contributors"; `the deficit was $438 billion` -> "deficit"; `exports rose 3.2% last year`
-> "exports last year".
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span, Token

NOUNS = {"NOUN", "PROPN"}
VERBS = {"VERB", "AUX"}
# A figure that modifies a noun measures that noun.
MODIFIERS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "poss"}
# Prepositional phrases that belong to what is measured: "deficit with Beijing", "tariff on steel".
ATTACHED = {"of", "on", "with", "for", "from", "to", "into", "against"}
TIME_PREPOSITIONS = {"in", "through", "by", "since", "over", "during", "until", "for", "from"}
RATES = {"a", "an", "per", "each", "every"}
RATE_NOUNS = {"year", "month", "week", "day", "hour", "ton", "tonne", "barrel", "share", "person"}
RELATIVES = {"which", "that", "who"}
DROPPED = {"det", "predet", "punct", "cc", "relcl", "acl", "appos", "advcl"}
LONGEST_PHRASE = 8  # tokens; past this a phrase stops reading as a label


def about_of(span: Span) -> str | None:
    """What the figure in `span` measures, or None when the parse does not say."""
    noun, verb = _measured(span)
    if noun is None:
        return None
    taken = set(range(span.start, span.end))
    phrase = _phrase(noun, taken, span.root)
    taken |= {token.i for token in phrase}
    owner = [t for t in _possessive_date(span) if t.i not in taken]
    parts = [_text(owner), _text(phrase)]
    if verb is not None:
        parts.append(_text(_verb_group(verb)))
    anchors = [noun, span.root, *([verb] if verb is not None else []), noun.head]
    if not owner:
        parts.append(_time_reference(anchors, taken))
    parts.append(_rate(span))
    return " ".join(part for part in parts if part) or None


def _measured(span: Span) -> tuple[Token | None, Token | None]:
    """(noun measured, verb when the noun is the subject of a verb the figure completes)."""
    root = span.root
    modified = _modified_noun(root)
    if modified is not None and modified.i >= span.end:
        return modified, None
    of_object = _of_object(span)
    if of_object is not None:
        return of_object, None
    if root.dep_ == "pobj" and root.head.head.pos_ in NOUNS and root.head.head.i < span.start:
        return root.head.head, None
    return _from_verb(root)


def _modified_noun(token: Token) -> Token | None:
    """The noun a figure modifies, through the adjectives between: `6.5 percent average growth`."""
    while token.dep_ in MODIFIERS and token.head.i != token.i:
        token = token.head
        if token.pos_ in NOUNS:
            return token
    return None


def _of_object(span: Span) -> Token | None:
    """`24 percent of the contributors`, `thousands of shootings`: the object of `of`."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ != "of":
        return None
    objects = [child for child in after.children if child.dep_ == "pobj"]
    if not objects:
        return None
    if objects[0].lower_ in RELATIVES:
        return _antecedent(objects[0])
    return objects[0] if objects[0].pos_ in NOUNS else None


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative clause hangs on: `subsidiaries, 537 of which` -> subsidiaries."""
    for ancestor in relative.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head if ancestor.head.pos_ in NOUNS else None
    return None


def _from_verb(root: Token) -> tuple[Token | None, Token | None]:
    verb = next((token for token in root.ancestors if token.pos_ in VERBS), None)
    if verb is None:
        return None, None
    inside = set(t.i for t in root.subtree)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in inside]
    if objects and verb.lemma_ != "be":
        return objects[0], None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
    if not subjects:
        return None, None
    subject = subjects[0]
    if subject.lower_ in RELATIVES and verb.dep_ == "relcl":
        subject = verb.head
    if subject.pos_ not in NOUNS:
        return None, None
    transitive = verb.lemma_ != "be" and root.dep_ in ("dobj", "attr", "oprd")
    return subject, (verb if transitive else None)


def _phrase(noun: Token, taken: set[int], root: Token) -> list[Token]:
    """The noun with its modifiers and first attached prepositional phrase, less the figure.

    The phrase may hang on the figure rather than the noun: in `24 percent of the contributors
    to her campaign` the parser often attaches `to her campaign` to `percent`.
    """
    excluded = set(taken)
    for token in noun.subtree:
        if token.i in excluded or (token.dep_ in DROPPED and token.head.i in excluded | {noun.i}):
            excluded |= {t.i for t in token.subtree}
    left = [t for t in noun.subtree if t.i < noun.i and t.i not in excluded]
    right = []
    attached = [
        c
        for c in [*noun.rights, *(c for c in root.rights if c.i > noun.i)]
        if c.dep_ == "prep" and c.lower_ in ATTACHED and not taken & {t.i for t in c.subtree}
    ]
    if attached and not _is_time(attached[0]):
        right = [t for t in attached[0].subtree if t.i not in excluded][:LONGEST_PHRASE]
    return [t for t in left if t.dep_ != "det" or t.head.i != noun.i] + [noun] + right


def _verb_group(verb: Token) -> list[Token]:
    """The verb with the auxiliaries and negation just before it: `would raise`."""
    helpers = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg")]
    return [*helpers, verb]


def _time_reference(anchors: list[Token], taken: set[int]) -> str:
    """`through 2020`, `over the next decade`: the date phrases on the anchor nearest the figure."""
    for anchor in anchors:
        phrases = [
            _through_date_end([t for t in child.subtree if t.i not in taken])
            for child in anchor.children
            if child.i not in taken and _is_time(child)
        ]
        phrases = [tokens for tokens in phrases if 0 < len(tokens) <= LONGEST_PHRASE]
        if phrases:
            return " ".join(_text(tokens) for tokens in phrases)
    return ""


def _through_date_end(tokens: list[Token]) -> list[Token]:
    """A date phrase runs to the end of its date: `in [the five years] [through 2020]`."""
    if not tokens:
        return tokens
    doc, end = tokens[0].doc, tokens[-1].i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "DATE":
        end += 1
    return [*tokens, *doc[tokens[-1].i + 1 : end]]


def _possessive_date(span: Span) -> list[Token]:
    """`last year's $309 billion`: a date owning the figure, whatever the parse made of it."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "’s", "’", "'"):
        return []
    end = span.start - 1
    start = end
    while start > 0 and doc[start - 1].ent_type_ == "DATE":
        start -= 1
    return list(doc[start : span.start]) if start < end else []


def _is_time(token: Token) -> bool:
    if token.dep_ == "prep":
        has_date = any(t.ent_type_ == "DATE" for t in token.subtree if t.i != token.i)
        return has_date and token.lower_ in TIME_PREPOSITIONS
    return token.dep_ in ("npadvmod", "tmod") and token.ent_type_ == "DATE"


def _rate(span: Span) -> str:
    """`$12 an hour`, `$50 a ton`: the unit a money figure is per."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return ""
    first, second = doc[span.end], doc[span.end + 1]
    if first.lower_ in RATES and second.lemma_.lower() in RATE_NOUNS:
        return f"{first.text} {second.text}"
    return ""


def _text(tokens: list[Token]) -> str:
    """Tokens as written, spaced as in the source; gaps left by the figure close up."""
    ordered = sorted(tokens, key=lambda token: token.i)
    text = "".join(
        token.text + (token.whitespace_ if nxt.i == token.i + 1 else " ")
        for token, nxt in pairwise(ordered)
    ) + (ordered[-1].text if ordered else "")
    return " ".join(text.split()).strip(" ,;:-–—")
