"""Parts of speech, morphology and lemmas from the tagger's tags: the `tradedigest_tagging`
pipeline component, which takes the place of the model's `attribute_ruler` and `lemmatizer`.

It gives every token exactly what those two give (tests/digest/test_tagging.py compares them
token by token), for a fraction of the time. Profiled over PolNeAR, the attribute ruler was the
costliest step after the neural models: its Matcher tries all 179 rules at every token, though
all but a handful only ask for one tag and word, which is a dictionary lookup. The lemmatizer
then works out each token's lemma again, caching only some words and without bound. Here the
handful of rules that read the parse or the next word still go through a Matcher; for every
other token the outcome of both steps depends only on its word and tag, and is looked up in a
bounded cache.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

CACHE_LIMIT = 20_000  # (word, tag) pairs, a news year's common words; emptied when full
LOOKED_UP = {"TAG", "LOWER"}  # a one-token rule on these alone is a dictionary lookup
ANY = 0  # rule key for "any tag" or "any word"

Outcome = tuple[dict[int, int], str | None]  # attributes to set, lemma to set (or None)


@Language.factory("tradedigest_tagging")
def make_tagging(nlp: Language, name: str) -> Tagging:
    """Built from the loaded model's `attribute_ruler` and `lemmatizer`, which it replaces."""
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, AttributeRuler) and isinstance(lemmatizer, Lemmatizer)
    return Tagging(ruler, lemmatizer)


class Tagging:
    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        self.attrs: list[dict[int, int]] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.lemmatizer = lemmatizer
        self.by_key: dict[tuple[int, int], list[int]] = {}
        self.matcher = Matcher(ruler.vocab)
        for rule, pattern in enumerate(ruler.patterns):
            alternatives: list[list[dict[str, Any]]] = pattern["patterns"]  # type: ignore[assignment]
            for alternative in alternatives:
                if _is_lookup(alternative):
                    for key in _keys(alternative[0]):
                        self.by_key.setdefault(key, []).append(rule)
                else:
                    self.matcher.add(str(rule), [alternative])
        self.cache: dict[tuple[int, int], Outcome] = {}

    def __call__(self, doc: Doc) -> Doc:
        matched = self._matched(doc)
        for token in doc:
            if token.i in matched:
                self._apply_in_order(token, matched[token.i])
            else:
                self._apply(token)
        return doc

    def _matched(self, doc: Doc) -> dict[int, list[int]]:
        """Token index -> the Matcher rules that set it, for the rules that are no lookup."""
        matched: dict[int, list[int]] = {}
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            rule = int(doc.vocab.strings[match_id])
            index = self.indices[rule]
            target = start + index if index >= 0 else end + index
            matched.setdefault(target, []).append(rule)
        return matched

    def _apply(self, token: Token) -> None:
        key = (token.orth, token.tag)
        outcome = self.cache.get(key)
        if outcome is None:
            outcome = self._outcome(token)
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = outcome
        attrs, lemma = outcome
        set_token_attrs(token, attrs)
        if lemma is not None:
            token.lemma_ = lemma  # adds the string again, in case a memory zone dropped it

    def _outcome(self, token: Token) -> Outcome:
        """What the ruler and the lemmatizer would set on a token no Matcher rule touches."""
        rules = sorted(
            self.by_key.get((token.tag, token.lower), [])
            + self.by_key.get((token.tag, ANY), [])
            + self.by_key.get((ANY, token.lower), [])
        )
        attrs: dict[int, int] = {}
        for rule in rules:
            attrs.update(self.attrs[rule])
        set_token_attrs(token, attrs)
        lemma = self._lemma(token)
        return attrs, lemma

    def _apply_in_order(self, token: Token, matched: list[int]) -> None:
        rules = sorted(
            matched
            + self.by_key.get((token.tag, token.lower), [])
            + self.by_key.get((token.tag, ANY), [])
            + self.by_key.get((ANY, token.lower), [])
        )
        for rule in rules:
            set_token_attrs(token, self.attrs[rule])
        lemma = self._lemma(token)
        if lemma is not None:
            token.lemma_ = lemma

    def _lemma(self, token: Token) -> str | None:
        if token.lemma != 0 and not self.lemmatizer.overwrite:
            return None  # a rule gave the lemma
        if len(self.lemmatizer.cache) >= CACHE_LIMIT:
            self.lemmatizer.cache.clear()  # the lemmatizer's own cache has no bound
        return self.lemmatizer.lemmatize(token)[0]


def _is_lookup(alternative: list[dict]) -> bool:
    if len(alternative) != 1 or not set(alternative[0]) <= LOOKED_UP:
        return False
    return all(isinstance(v, str) or set(v) == {"IN"} for v in alternative[0].values())


def _keys(token_pattern: dict) -> list[tuple[int, int]]:
    tags = _values(token_pattern.get("TAG"))
    words = _values(token_pattern.get("LOWER"))
    return [(tag, word) for tag in tags for word in words]


def _values(value: str | dict | None) -> list[int]:
    if value is None:
        return [ANY]
    names = [value] if isinstance(value, str) else value["IN"]
    return [get_string_id(name) for name in names]
