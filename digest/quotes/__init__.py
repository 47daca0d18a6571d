"""Quotes and who said them: the `tradedigest_quotes` pipeline component.

Direct quotes are the stretches inside double quotation marks (`_marks`), each with the
nearest cue in its sentence and that cue's subject (`_attribution`); quotes with no cue of
their own take a neighbour's speaker (`_continuation`). Reported speech is a cue verb's
clause (`_reported`). Every speaker mention is resolved to one canonical name per article
(`_names`); the cue lexicon is data (`_cues`, digest/data/cues.json).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from digest.boilerplate import overlaps
from digest.quotes._attribution import mention, quote_attribution, source_of
from digest.quotes._confidence import confidence, kind
from digest.quotes._continuation import Donor, carry_speakers
from digest.quotes._cues import lexicon
from digest.quotes._frame import Attribution, Frame
from digest.quotes._marks import quoted_stretches
from digest.quotes._names import Names
from digest.quotes._reported import reported_speech
from digest.quotes._transcript import transcript_turns, with_turns
from digest.records import Quote

Doc.set_extension("quotes", default=(), force=True)
Doc.set_extension("speakers", default=(), force=True)
# Why the document's quotes were given up on, when they were.
Doc.set_extension("gave_up", default=None, force=True)

# No real article has this many quotes; past it the rest of the marks are left unread.
MAX_QUOTES = 1000
# `(CROSSTALK)`, `[Laughter.]`: what a transcript notes happening, said by nobody.
STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]*[)\]]\.?")
# Seconds one document may take; past it the document is given up on, never the run.
BUDGET_SECONDS = 30.0


class OverBudget(Exception):
    """Attribution took longer than the document's time budget."""


@Language.factory(
    "tradedigest_quotes",
    default_config={"budget_seconds": BUDGET_SECONDS, "max_quotes": MAX_QUOTES},
)
def make_quotes_component(
    nlp: Language, name: str, budget_seconds: float, max_quotes: int
) -> QuotesComponent:
    return QuotesComponent(budget_seconds, max_quotes)


@dataclass(frozen=True)
class QuotesComponent:
    budget_seconds: float
    max_quotes: int

    def __call__(self, doc: Doc) -> Doc:
        deadline = time.monotonic() + self.budget_seconds
        try:
            doc._.quotes, doc._.speakers = _quotes_and_speakers(doc, self.max_quotes, deadline)
        except OverBudget:
            doc._.quotes, doc._.speakers = (), ()
            doc._.gave_up = f"finding its quotes took over {self.budget_seconds:g} s"
        return doc


def _quotes_and_speakers(doc: Doc, max_quotes: int, deadline: float):
    text = doc.text  # rebuilt from the tokens on every access
    stretches = quoted_stretches(text)[:max_quotes]
    frame = Frame(doc, text, stretches, lexicon())
    quotes = []
    for stretch in stretches:
        if time.monotonic() > deadline:
            raise OverBudget
        attribution = quote_attribution(frame, stretch)
        if attribution is not None:
            quotes.append((stretch, attribution))
    turns = transcript_turns(frame)
    heard = _heard(frame, turns)
    direct = carry_speakers([a for _, a in quotes], [s for s, _ in quotes], text, heard)
    direct = with_turns(direct, turns, text)
    found = direct + reported_speech(frame)[: max(max_quotes - len(direct), 0)]
    if time.monotonic() > deadline:
        raise OverBudget
    found = [
        a
        for a in found
        if _outside_furniture(a, frame.furniture_lines)
        and not STAGE_DIRECTION.fullmatch(text, a.start, a.end)
    ]
    names = Names(doc, frame.quoted, frame.entity_of)
    ordered = sorted(found, key=lambda a: (a.start, a.end))
    second_hand = _second_hand(ordered, len(text))
    records = tuple(_quote(frame, a, names, a in second_hand) for a in ordered)
    return records, names.speakers()


def _heard(frame: Frame, turns: list[Attribution]) -> list[Donor]:
    """Every speaker a speech cue or a transcript's label names (`Valastro praised ...`,
    `ROSS:`), in order; beliefs left out."""
    heard = [Donor(turn.start, turn.source) for turn in turns if turn.source is not None]
    for cue in frame.cues:
        if frame.lexicon.is_thought(cue[0].text):
            continue
        source = source_of(frame, cue)
        if source is not None:
            heard.append(Donor(cue.start_char, source))
    heard += _introduced(frame)
    return sorted(heard, key=lambda donor: donor.at)


def _introduced(frame: Frame) -> list[Donor]:
    """The person each paragraph's last sentence is about (`Bolton distanced himself ...`)."""
    doc = frame.doc
    found = []
    for start in frame.paragraph_starts[1:]:  # each after the first starts past a break
        last = doc[start - 1].sent.root
        subject = next((c for c in last.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.ent_type_ == "PERSON" and not frame.quoted[subject.i]:
            found.append(Donor(subject.idx, mention(frame, subject)))
    return found


def _second_hand(found: list[Attribution], length: int) -> set[Attribution]:
    """Attributions whose speaker is named inside what another one reports (`X had told
    police ..., the source added`): the words come second-hand."""
    covered = [0] * (length + 1)  # how many contents cover each character, by a running sum
    for attribution in found:
        covered[attribution.start] += 1
        covered[attribution.end] -= 1
    for at in range(1, length + 1):
        covered[at] += covered[at - 1]
    return {
        a
        for a in found
        if a.source is not None
        and covered[a.source.start_char] - (a.start <= a.source.start_char < a.end) > 0
    }


def _quote(frame: Frame, attribution: Attribution, names: Names, second_hand: bool) -> Quote:
    source = attribution.source
    name, person = names.resolve(source) if source is not None else (None, False)
    name = name or None  # a mention with no name words (`the 46-year-old`) names nobody yet
    return Quote(
        text=frame.text[attribution.start : attribution.end],
        start=attribution.start,
        end=attribution.end,
        speaker=name,
        speaker_start=source.start_char if source is not None else None,
        speaker_end=source.end_char if source is not None else None,
        cue=attribution.cue.text if attribution.cue is not None else None,
        direct=attribution.direct,
        confidence=confidence(attribution, name, person, second_hand, frame.quoted),
        kind=kind(attribution.cue, frame.lexicon),
    )


def _outside_furniture(attribution: Attribution, furniture: list[tuple[int, int]]) -> bool:
    """Neither the words nor the speaker come from page furniture (`Story continues ...`)."""
    source = attribution.source
    return not overlaps(furniture, attribution.start, attribution.end) and (
        source is None or not overlaps(furniture, source.start_char, source.end_char)
    )
