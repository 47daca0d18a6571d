"""Transcripts: a paragraph that opens with a speaker's label in capitals (`PENCE: Well, ...`,
`MR. ROSS: We will ...`) is that speaker's turn, their own words whole, quotation marks or not.
Like any attribution, a turn is `direct` when its words hold quotation marks (`... an episode of
“Shark Tank.”`); a mark opening the paragraph is the transcript's, not the speaker's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from spacy.tokens import Span

from digest.quotes._frame import Attribution, Frame
from digest.quotes._marks import MARK

# `SEN. ELIZABETH WARREN:`; longer runs of capitals are headings, not names.
MAX_LABEL_TOKENS = 4
# A label used at one paragraph only must also be a name the article writes in full
# (`Gov. Mike Pence` for `PENCE:`): `UPDATE:` or `WASHINGTON:` once are not speakers.
TURNS_OF_A_SPEAKER = 2


def transcript_turns(frame: Frame) -> list[Attribution]:
    """One attribution per labelled paragraph, resting on its label, and one per paragraph that
    goes on with it: a transcript reopens each paragraph of a turn with a quotation mark."""
    doc = frame.doc
    ends = [*frame.paragraph_starts[1:], len(doc)]
    paragraphs = list(zip(frame.paragraph_starts, ends, strict=True))
    labels = [_label(frame, start, end) for start, end in paragraphs]
    uses = Counter(label.text for label in labels if label is not None)
    named = {t.text.lower() for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    turns = []
    speaker: Span | None = None
    for (start, end), label in zip(paragraphs, labels, strict=True):
        if label is not None and (
            uses[label.text] >= TURNS_OF_A_SPEAKER or label[-1].lower_ in named
        ):
            speaker, first = label, label.end + 1
        elif speaker is not None and _reopened(frame, start, end):
            first = start
        else:
            speaker = None
            continue
        turn = _turn(frame, speaker, first, end)
        if turn is not None:
            turns.append(turn)
    return turns


def with_turns(direct: list[Attribution], turns: list[Attribution], text: str) -> list[Attribution]:
    """A transcript's turns replace the quotes found in their paragraphs: the marks there
    open the turn or cite words inside it."""
    if not turns:
        return direct
    starts = [_turn_start(turn, text) for turn in turns]
    ends = [turn.end for turn in turns]

    def in_a_turn(at: int) -> bool:
        k = bisect_right(starts, at) - 1
        return k >= 0 and at <= ends[k]

    return [a for a in direct if not in_a_turn(a.start)] + turns


def _turn_start(turn: Attribution, text: str) -> int:
    """Where the turn's paragraph starts: at its label, or at its words when it goes on from
    an earlier paragraph's label."""
    label = turn.source
    if label is None or "\n" in text[label.start_char : turn.start]:
        return turn.start
    return label.start_char


def _reopened(frame: Frame, start: int, end: int) -> bool:
    """The paragraph opens with a quotation mark, as each paragraph of a transcript's turn does."""
    doc = frame.doc
    first = next((i for i in range(start, end) if not doc[i].is_space), end)
    return first < end and doc[first].is_quote


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


def _turn(frame: Frame, label: Span, low: int, high: int) -> Attribution | None:
    doc = frame.doc
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
        doc[label.end : label.end + 1],
        label,
        direct=MARK.search(words.text) is not None,
        rule="label",
    )
