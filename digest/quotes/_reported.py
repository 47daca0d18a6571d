"""Reported speech: a cue verb's clausal complement (`Mnuchin said the U.S. wants ...`) or the
clause that `according to X` or a `..., he said` aside is attached to."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from digest.quotes._attribution import source_of
from digest.quotes._frame import Attribution, Frame

MIN_REPORTED_TOKENS = 3
# Longer than any paraphrase: a clause this long is the parse running on (`A said B said ...`),
# and keeping it would make the output grow with the square of the text.
MAX_REPORTED_TOKENS = 150


def reported_speech(frame: Frame) -> list[Attribution]:
    found = []
    for token in frame.doc:
        attribution = _reported_at(frame, token)
        if attribution is not None:
            found.append(attribution)
    return found


def _reported_at(frame: Frame, token: Token) -> Attribution | None:
    phrase = frame.phrase_at(token.i) if token.lower_ == "according" else None
    if phrase is not None:
        content = _outside(token.head, phrase[0])
        cue = phrase
    elif frame.is_cue(token):
        content = _complement(frame, token)
        cue = frame.doc[token.i : token.i + 1]
    else:
        return None
    if content is None:
        return None
    if content[1] - content[0] > MAX_REPORTED_TOKENS:
        return None
    low, high = _trim(frame.doc, *content)
    if high - low < MIN_REPORTED_TOKENS or frame.quoted_in(low, high):
        return None
    span = frame.doc[low:high]
    return Attribution(
        span.start_char, span.end_char, cue, source_of(frame, cue), direct=False, rule="reported"
    )


def _complement(frame: Frame, verb: Token) -> tuple[int, int] | None:
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause.left_edge.i, clause.right_edge.i + 1
    if verb.dep_ == "parataxis" and frame.lexicon.forms[verb.lower_] not in frame.lexicon.thought:
        return _outside(verb.head, verb)
    return None


def _outside(head: Token, aside: Token) -> tuple[int, int] | None:
    """The part of head's clause on the longer side of `aside` (`X, he said` or `according to`)."""
    if head.i == aside.i:
        return None
    left = (head.left_edge.i, aside.left_edge.i)
    right = (aside.right_edge.i + 1, head.right_edge.i + 1)
    return max(left, right, key=lambda bounds: bounds[1] - bounds[0])


def _trim(doc: Doc, low: int, high: int) -> tuple[int, int]:
    while low < high and (doc[low].is_punct or doc[low].is_space or doc[low].dep_ == "mark"):
        low += 1
    while high > low and (doc[high - 1].is_punct or doc[high - 1].is_space):
        high -= 1
    return low, high
