"""Transcripts: a paragraph that opens with a speaker's label in capitals (`PENCE: Well, ...`,
`MR. ROSS: We will ...`) is that speaker's turn, their own words whole, quotation marks or not.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span

from digest.quotes._frame import Attribution, Frame

# `SEN. ELIZABETH WARREN:`; longer runs of capitals are headings, not names.
MAX_LABEL_TOKENS = 4
# A label used at one paragraph only must also be a name the article writes in full
# (`Gov. Mike Pence` for `PENCE:`): `UPDATE:` or `WASHINGTON:` once are not speakers.
TURNS_OF_A_SPEAKER = 2


def transcript_turns(frame: Frame) -> list[Attribution]:
    """One attribution per labelled paragraph, resting on its label."""
    doc = frame.doc
    labelled = []
    ends = [*frame.paragraph_starts[1:], len(doc)]
    for start, end in zip(frame.paragraph_starts, ends, strict=True):
        label = _label(frame, start, end)
        if label is not None:
            labelled.append((label, end))
    uses = Counter(label.text for label, _ in labelled)
    named = {t.text.lower() for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    turns = []
    for label, end in labelled:
        if uses[label.text] < TURNS_OF_A_SPEAKER and label[-1].lower_ not in named:
            continue
        turn = _turn(frame, label, end)
        if turn is not None:
            turns.append(turn)
    return turns


def _label(frame: Frame, start: int, end: int) -> Span | None:
    """`PENCE` in `"PENCE: Well, ...`: capitals from the paragraph's first word to a colon."""
    doc = frame.doc
    first = start
    while first < end and (doc[first].is_space or doc[first].is_quote):
        first += 1
    for colon in range(first + 1, min(first + MAX_LABEL_TOKENS + 1, end)):
        if doc[colon].text == ":":
            label = doc[first:colon]
            return label if _in_capitals(label) else None
        if not _in_capitals(doc[colon : colon + 1]):
            return None
    return None


def _in_capitals(words: Span) -> bool:
    """Every word all capitals, at least one a real word (`MR.`, `ROSS`; not `Q`)."""
    letters = [t.text.rstrip(".") for t in words]
    return all(w.isalpha() and w.isupper() for w in letters) and any(len(w) > 1 for w in letters)


def _turn(frame: Frame, label: Span, end: int) -> Attribution | None:
    doc = frame.doc
    colon = label.end
    low, high = colon + 1, end
    while low < high and (doc[low].is_space or doc[low].is_quote):
        low += 1
    while high > low and (doc[high - 1].is_space or doc[high - 1].is_quote):
        high -= 1
    if high <= low:
        return None
    words = doc[low:high]
    return Attribution(
        words.start_char,
        words.end_char,
        doc[colon : colon + 1],
        label,
        direct=True,
        rule="label",
    )
