"""Headline claims: a paragraph that opens with a name and a colon (`Ross: Tariffs Will Stay`,
`Poll: Voters Back the Pact`) attributes the rest of its line to that name, as news headlines
write it, unless the line has a cue of its own (`The Latest: Trump urges ...`)."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span, Token

from digest.quotes._frame import Attribution, Frame

# `Commerce Secretary Wilbur Ross:` at most; a longer run before a colon is a sentence.
MAX_NAME_TOKENS = 5
# A headline fits on a line; past this the paragraph is prose that happens to hold a colon.
MAX_LINE_TOKENS = 40
SPEAKING = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# What speaks in a headline without being a name: `Poll: ...`, `Study: ...`.
EVIDENCE = frozenset({"poll", "polls", "survey", "study", "report"})


def headline_claims(frame: Frame, found: list[Attribution]) -> list[Attribution]:
    """Each headline claim whose line holds none of the attributions `found` already."""
    starts = sorted(a.start for a in found)
    claims = []
    for start in frame.paragraph_starts:
        claim = _claim_at(frame, start)
        if claim is not None and not _holds_one(starts, claim):
            claims.append(claim)
    return claims


def _holds_one(starts: list[int], claim: Attribution) -> bool:
    k = bisect_left(starts, claim.start)
    return k < len(starts) and starts[k] < claim.end


def _claim_at(frame: Frame, start: int) -> Attribution | None:
    doc = frame.doc
    start = _next_word(frame, start)
    colon = next(
        (i for i in range(start, min(start + MAX_NAME_TOKENS + 1, len(doc))) if doc[i].text == ":"),
        None,
    )
    if colon is None or colon == start or frame.quoted_in(start, colon + 1):
        return None
    name = doc[start:colon]
    if not _names_a_speaker(name):
        return None
    end = _line_end(frame, colon + 1)
    if end is None:
        return None
    low, high = _next_word(frame, colon + 1), end
    while high > low and (doc[high - 1].is_punct or doc[high - 1].is_space):
        high -= 1
    if high - low < 2 or high - low > MAX_LINE_TOKENS or frame.quoted_in(low, high):
        return None
    content = doc[low:high]
    return Attribution(
        content.start_char,
        content.end_char,
        doc[colon : colon + 1],
        name,
        direct=False,
        rule="headline",
    )


def _names_a_speaker(name: Span) -> bool:
    """Capitalised words, neither in capitals (a label, `UPDATE:`, or a transcript's speaker,
    `PENCE:`, read by `_transcript`) nor a column's name led by an article (`The Latest:`)
    unless a known name."""
    words = [t for t in name if not t.is_punct]
    if not words or not all(_capitalised(t) for t in words) or all(t.is_upper for t in words):
        return False
    known = any(t.ent_type_ in SPEAKING or t.lower_ in EVIDENCE for t in words)
    return known or words[0].tag_ != "DT"


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and not token.is_space


def _next_word(frame: Frame, i: int) -> int:
    while i < len(frame.doc) and frame.doc[i].is_space:
        i += 1
    return i


def _line_end(frame: Frame, i: int) -> int | None:
    """Where the line holding token i ends (a line break or the text's end), if within a
    headline's length."""
    doc = frame.doc
    for k in range(i, min(len(doc), i + MAX_LINE_TOKENS + 1)):
        if "\n" in doc[k].text:
            return k
    return len(doc) if len(doc) <= i + MAX_LINE_TOKENS else None
