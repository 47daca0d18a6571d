"""Which noun a figure measures, and the phrase that names it: owner, modifiers, what it is of."""

from __future__ import annotations

from spacy.tokens import Span, Token

from digest.figures._about.time import is_time
from digest.figures._about.tokens import (
    LONGEST_PHRASE,
    NOUNS,
    VERBS,
    complement_of,
    cut,
    dropped,
    trimmed,
    verb_group,
    whole_phrase,
)

# A figure that modifies a noun measures that noun.
MODIFIERS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "poss"}
# Prepositional phrases that belong to what is measured: "deficit with Beijing", "tariff on steel".
ATTACHED = {"of", "on", "with", "for", "from", "to", "into", "against", "in"}
RELATIVES = {"which", "that", "who", "whom"}
PLACES = {"GPE", "LOC", "FAC"}
# Nouns for people say little alone: what they do says who is counted.
PEOPLE = {"people", "person", "individual"}


def modified_noun(token: Token) -> Token | None:
    """The noun a figure modifies, through the adjectives between: `6.5 percent average growth`."""
    while token.dep_ in MODIFIERS and token.head.i != token.i:
        token = token.head
        if token.pos_ in NOUNS:
            return token
    return None


def of_object(span: Span) -> Token | None:
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


def subset_of(span: Span, taken: set[int]) -> list[Token]:
    """`987 subsidiaries, 537 of which are in the Caymans`: the clause says which ones."""
    relative = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
    if relative is None or span.doc[span.end].lower_ != "of" or relative.lower_ not in RELATIVES:
        return []
    clause = next((a for a in relative.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return []
    helpers = [] if clause.lemma_ == "be" else verb_group(clause)
    return helpers + complement_of(clause, taken)


def of_whole(noun: Token) -> Token:
    """`a margin of error of 4 percent` measures the margin of error, not the error."""
    owner = noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and owner.pos_ in NOUNS:
        return owner
    return noun


def in_object(root: Token) -> Token | None:
    """`$65.4 billion in taxes`, `$2 billion in American exports`: what the money is in."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "in" and not is_time(child):
            found = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in NOUNS]
            # "¥200 billion in Japan": a place says where the money is, not what it is.
            return found[0] if found and found[0].ent_type_ not in PLACES else None
    return None


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative clause hangs on: `subsidiaries, 537 of which` -> subsidiaries."""
    for ancestor in relative.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head if ancestor.head.pos_ in NOUNS else None
    return None


def noun_phrase(noun: Token, taken: set[int], root: Token) -> list[Token]:
    """The noun with its modifiers and first attached prepositional phrase, less the figure.

    The phrase may hang on the figure rather than the noun: in `24 percent of the contributors
    to her campaign` the parser often attaches `to her campaign` to `percent`.
    """
    excluded = set(taken)
    for token in noun.subtree:
        if token.i in excluded or dropped(token, excluded | {noun.i}):
            excluded |= {t.i for t in token.subtree}
    left = [t for t in noun.subtree if t.i < noun.i and t.i not in excluded]
    right = []
    attached = [
        c
        for c in [*noun.rights, *(c for c in root.rights if c.i > noun.i)]
        # "penalties ranging from $200 to $4 million": the figure's own clause says no more
        if attaches(c) and not (c.dep_ == "acl" and c.is_ancestor(root))
    ]
    if attached:
        # "margin of error of 4 points": the phrase stops where the figure begins.
        before = min(taken) if min(taken) > attached[0].i else len(noun.doc)
        kept = [t for t in attached[0].subtree if t.i not in excluded and t.i < before]
        right = whole_phrase(kept)
    while left and left[0].dep_ == "det":
        left = left[1:]
    return [*left, noun, *right]


def attaches(token: Token) -> bool:
    """`deficit with Beijing`, `tariff on steel`, `obligations to pay`, `penalty imposed by`."""
    if token.dep_ == "prep":
        return token.lower_ in ATTACHED and not is_time(token)
    return token.dep_ == "acl"


def deed(noun: Token, taken: set[int]) -> list[Token]:
    """`a billion people who depend on farming`, `a dozen people demonstrated outside the paper`."""
    if noun.lemma_.lower() not in PEOPLE:
        return []
    clause = next((c for c in noun.rights if c.dep_ == "relcl"), None)
    if clause is not None:
        return trimmed(cut(list(clause.subtree), clause)[:LONGEST_PHRASE])
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in VERBS or verb.lemma_ == "be":
        return []
    complement = complement_of(verb, taken)
    # "603,000 people voted, a 20% increase": what follows a comma says something else.
    if complement and any(t.is_punct for t in verb.doc[verb.i + 1 : complement[0].i]):
        complement = []
    return verb_group(verb) + complement
