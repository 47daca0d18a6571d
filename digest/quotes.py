"""Quotes and who said them: the `tradedigest_quotes` pipeline component.

A first extractor: double-quoted spans, attributed to the nearest person named
in the same sentence or, failing that, the last person named before it.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from digest.records import Quote, Speaker

Doc.set_extension("quotes", default=(), force=True)
Doc.set_extension("speakers", default=(), force=True)

QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
CUES = {"say", "tell", "add", "warn", "note", "write", "argue", "insist"}


@Language.component("tradedigest_quotes")
def quotes_component(doc: Doc) -> Doc:
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    names = _canonical_names(people)
    found = []
    for match in QUOTED.finditer(doc.text):
        start, end = match.span(1)
        mention = _speaker_mention(doc, start, people)
        found.append(
            Quote(
                text=match.group(1),
                start=start,
                end=end,
                speaker=names.get(mention.text) if mention else None,
                speaker_start=mention.start_char if mention else None,
                speaker_end=mention.end_char if mention else None,
                cue=_cue(doc, start),
                direct=True,
            )
        )
    doc._.quotes = tuple(found)
    doc._.speakers = tuple(
        Speaker(name=full, aliases=tuple(sorted(a for a, f in names.items() if f == full)))
        for full in sorted(set(names.values()))
    )
    return doc


def _canonical_names(people: list[Span]) -> dict[str, str]:
    """Each name as written mapped to the longest name sharing its last word."""
    by_surname: dict[str, str] = {}
    for ent in people:
        surname = ent.text.split()[-1]
        if len(ent.text) > len(by_surname.get(surname, "")):
            by_surname[surname] = ent.text
    return {ent.text: by_surname[ent.text.split()[-1]] for ent in people}


def _speaker_mention(doc: Doc, offset: int, people: list[Span]) -> Span | None:
    sentence = doc.char_span(offset, offset, alignment_mode="expand")
    sent = sentence.sent if sentence is not None else None
    if sent is not None:
        inside = [p for p in people if sent.start <= p.start and p.end <= sent.end]
        outside_quote = [p for p in inside if not _within_quotes(doc.text, p.start_char)]
        if outside_quote:
            return min(outside_quote, key=lambda p: abs(p.start_char - offset))
    before = [p for p in people if p.end_char <= offset]
    return before[-1] if before else None


def _within_quotes(text: str, offset: int) -> bool:
    return any(m.start() <= offset < m.end() for m in QUOTED.finditer(text))


def _cue(doc: Doc, offset: int) -> str | None:
    span = doc.char_span(offset, offset, alignment_mode="expand")
    if span is None:
        return None
    for token in span.sent:
        if token.lemma_ in CUES:
            return token.text
    return None
