"""Quotes and who said them: the `tradedigest_quotes` pipeline component.

Direct quotes are the stretches inside double quotation marks (`_marks`), each with the
nearest cue in its sentence and that cue's subject (`_attribution`); quotes with no cue of
their own take a neighbour's speaker (`_continuation`). Reported speech is a cue verb's
clause (`_reported`). Every speaker mention is resolved to one canonical name per article
(`_names`); the cue lexicon is data (`_cues`, digest/data/cues.json).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from digest.quotes._attribution import quote_attribution
from digest.quotes._continuation import carry_speakers
from digest.quotes._cues import lexicon
from digest.quotes._frame import Attribution, Frame
from digest.quotes._marks import quoted_stretches
from digest.quotes._names import Names
from digest.quotes._reported import reported_speech
from digest.records import Quote

Doc.set_extension("quotes", default=(), force=True)
Doc.set_extension("speakers", default=(), force=True)


@Language.component("tradedigest_quotes")
def quotes_component(doc: Doc) -> Doc:
    text = doc.text  # rebuilt from the tokens on every access
    stretches = quoted_stretches(text)
    frame = Frame(doc, text, stretches, lexicon())
    attributed = [(s, quote_attribution(frame, s)) for s in stretches]
    quotes = [(s, a) for s, a in attributed if a is not None]
    direct = carry_speakers([a for _, a in quotes], [s for s, _ in quotes], text)
    found = direct + reported_speech(frame)
    names = Names(doc, frame.quoted, frame.entity_of)
    doc._.quotes = tuple(
        _quote(text, a, names) for a in sorted(found, key=lambda a: (a.start, a.end))
    )
    doc._.speakers = names.speakers()
    return doc


def _quote(text: str, attribution: Attribution, names: Names) -> Quote:
    source = attribution.source
    return Quote(
        text=text[attribution.start : attribution.end],
        start=attribution.start,
        end=attribution.end,
        speaker=names.resolve(source) if source is not None else None,
        speaker_start=source.start_char if source is not None else None,
        speaker_end=source.end_char if source is not None else None,
        cue=attribution.cue.text if attribution.cue is not None else None,
        direct=attribution.direct,
    )
