"""What the attribution rules share: the record they produce and per-document indexes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from digest.boilerplate import boilerplate_lines
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
    # How the cue was found: signed, governor, colon, nearest, possessive, verb, none,
    # carried (from a neighbour), reported.
    rule: str = "none"


class Frame:
    """Per-document indexes shared by the attribution rules."""

    def __init__(self, doc: Doc, text: str, stretches: list[Stretch], lexicon: Lexicon) -> None:
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.quoted = _quoted_tokens(doc, stretches)
        self.furniture_lines = boilerplate_lines(text)
        # Page furniture (`Photo: Reuters`) holds no cue and no speaker.
        self.furniture = _tokens_in(doc, self.furniture_lines)
        self._blank_lines = BLANK_LINE.search(text) is not None
        self.sent_starts = [sent.start for sent in doc.sents]
        self.paragraph_starts = [0] + [t.i + 1 for t in doc if self._breaks_paragraph(t)]
        self.entity_of = {t.i: ent for ent in doc.ents for t in ent}
        # Running counts and next-index tables, so each quote asks its sentence in O(1).
        self._quoted_before = list(accumulate((int(q) for q in self.quoted), initial=0))
        free = [not q and t.is_alpha for q, t in zip(self.quoted, doc, strict=True)]
        self._free_words_before = list(accumulate(map(int, free), initial=0))
        said = [not q and not t.is_punct for q, t in zip(self.quoted, doc, strict=True)]
        self.next_said = _next_index(said, len(doc))
        self.cues = self._cue_spans()
        self.cue_starts = [span.start for span in self.cues]

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

    def quoted_in(self, low: int, high: int) -> bool:
        """Whether any token in [low, high) lies inside quotation marks."""
        return self._quoted_before[high] > self._quoted_before[low]

    def free_words_in(self, low: int, high: int) -> bool:
        """Whether [low, high) holds a word outside quotation marks."""
        return self._free_words_before[high] > self._free_words_before[low]

    def _cue_spans(self) -> list[Span]:
        """Every cue verb and cue phrase of the document, in order."""
        spans = []
        for token in self.doc:
            if self.is_cue(token):
                spans.append(self.doc[token.i : token.i + 1])
            elif token.lower_ in self.lexicon.phrase_starts:
                phrase = self.phrase_at(token.i)
                if phrase is not None:
                    spans.append(phrase)
        return spans

    def is_cue(self, token: Token) -> bool:
        return (
            not self.quoted[token.i]
            and not self.furniture[token.i]
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


def _next_index(flags: list[bool], length: int) -> list[int]:
    """For each index, the first index at or after it whose flag is set (`length` if none)."""
    following = [length] * (length + 1)
    for i in range(length - 1, -1, -1):
        following[i] = i if flags[i] else following[i + 1]
    return following


def _bounds(starts: list[int], i: int, length: int) -> tuple[int, int]:
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else length


def _tokens_in(doc: Doc, ranges: list[tuple[int, int]]) -> list[bool]:
    flags = [False] * len(doc)
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            flags[span.start : span.end] = [True] * len(span)
    return flags


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
