"""What the attribution rules share: the record they produce and per-document indexes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from digest.quotes._cues import Lexicon
from digest.quotes._marks import Stretch

BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Attribution:
    """Content at [start, end) of the text, cued by `cue` and resting on the mention `source`."""

    start: int
    end: int
    cue: Span | None
    source: Span | None
    direct: bool


class Frame:
    """Per-document indexes shared by the attribution rules."""

    def __init__(self, doc: Doc, text: str, stretches: list[Stretch], lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.quoted = _quoted_tokens(doc, stretches)
        self._blank_lines = BLANK_LINE.search(text) is not None
        self.sent_starts = [sent.start for sent in doc.sents]
        self.paragraph_starts = [0] + [t.i + 1 for t in doc if self._breaks_paragraph(t)]
        self.entity_of = {t.i: ent for ent in doc.ents for t in ent}

    def _breaks_paragraph(self, token: Token) -> bool:
        """Blank lines part paragraphs; in a text without any, every line break outside quotes."""
        if self._blank_lines:
            return BLANK_LINE.search(token.text) is not None
        return "\n" in token.text and not self.quoted[token.i]

    def sentence(self, i: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token i."""
        return _bounds(self.sent_starts, i, len(self.doc))

    def paragraph(self, i: int) -> tuple[int, int]:
        """Token bounds of the paragraph holding token i."""
        return _bounds(self.paragraph_starts, i, len(self.doc))

    def is_cue(self, token: Token) -> bool:
        return (
            not self.quoted[token.i]
            and token.tag_.startswith("VB")
            and token.lower_ in self.lexicon.forms
        )

    def phrase_at(self, i: int) -> Span | None:
        """A multi-word cue (`according to`) starting at token i."""
        for phrase in self.lexicon.phrases:
            end = i + len(phrase)
            if end <= len(self.doc) and all(
                self.doc[i + k].lower_ == word and not self.quoted[i + k]
                for k, word in enumerate(phrase)
            ):
                return self.doc[i:end]
        return None


def _bounds(starts: list[int], i: int, length: int) -> tuple[int, int]:
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else length


def _quoted_tokens(doc: Doc, stretches: list[Stretch]) -> list[bool]:
    """True for each token inside a quoted stretch, its marks included."""
    flags = [False] * len(doc)
    spans = iter(stretches)
    current = next(spans, None)
    for token in doc:
        while current is not None and token.idx >= current.outer_end:
            current = next(spans, None)
        if current is None:
            break
        flags[token.i] = token.idx >= current.outer_start
    return flags


def token_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)
