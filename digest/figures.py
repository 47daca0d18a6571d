"""Key figures: the `tradedigest_figures` pipeline component.

A first version: spaCy's MONEY and PERCENT entities with their value.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from digest.records import Figure

Doc.set_extension("figures", default=(), force=True)

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@Language.component("tradedigest_figures")
def figures_component(doc: Doc) -> Doc:
    doc._.figures = tuple(_figure(ent) for ent in doc.ents if ent.label_ in ("MONEY", "PERCENT"))
    return doc


def _figure(ent: Span) -> Figure:
    kind = "money" if ent.label_ == "MONEY" else "percent"
    return Figure(
        text=ent.text,
        start=ent.start_char,
        end=ent.end_char,
        kind=kind,
        value=_value(ent.text),
        unit=("USD" if "$" in ent.text else None) if kind == "money" else "%",
        about=None,
    )


def _value(text: str) -> float | None:
    number = NUMBER.search(text)
    if number is None:
        return None
    value = float(number.group().replace(",", ""))
    for word, scale in SCALES.items():
        if word in text.lower():
            value *= scale
    return value
