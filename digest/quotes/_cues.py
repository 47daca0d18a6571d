"""The cue lexicon (digest/data/cues.json): which words introduce what someone said."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Lexicon:
    """Inflected cue forms mapped to their lemma; `thought` lemmas need a clause to cue; `nouns`
    (singular and plural) cue through their possessor."""

    forms: dict[str, str]
    thought: frozenset[str]
    nouns: frozenset[str]
    works: frozenset[str]  # nouns for a book, show or song: title-case words beside one name it
    occasions: frozenset[str]  # `said in a statement that`: where or how words were said
    phrases: tuple[tuple[str, ...], ...]
    phrase_starts: frozenset[str]
    kinds: dict[str, str]  # lemma -> writing, belief or finding; speech when not listed
    # Inflected form -> what the verb carries besides a clause: `object`, `infinitive` or
    # prepositions (`call`: object, infinitive, for, on: `called it a ploy`, `called for a ban`).
    complements: dict[str, frozenset[str]]
    lemmas: dict[str, str]  # every inflected form above -> its lemma

    def lemma(self, word: str) -> str | None:
        return self.lemmas.get(word.lower())

    def is_thought(self, word: str) -> bool:
        """`knows`, `believes`: a cue of what someone thinks, not of what they said."""
        return self.forms.get(word.lower()) in self.thought

    def is_speech(self, word: str) -> bool:
        """`said`, `added`, `reported`: a cue of what someone said, not of what they think."""
        return word.lower() in self.forms and not self.is_thought(word)


@cache
def lexicon() -> Lexicon:
    data = json.loads(resources.files("digest").joinpath("data/cues.json").read_text("utf-8"))
    forms = _inflected(data["speech"] + data["thought"], data["irregular"])
    carried = _inflected(list(data["complements"]), data["irregular"])
    return Lexicon(
        forms=forms,
        thought=frozenset(data["thought"]) - frozenset(data["speech"]),
        nouns=frozenset(data["nouns"]) | frozenset(noun + "s" for noun in data["nouns"]),
        works=frozenset(data["works"]),
        occasions=frozenset(data["occasions"]),
        phrases=tuple(tuple(phrase.split()) for phrase in data["phrases"]),
        phrase_starts=frozenset(phrase.split()[0] for phrase in data["phrases"]),
        kinds=data["kinds"],
        complements={
            form: frozenset(data["complements"][lemma]) for form, lemma in carried.items()
        },
        lemmas=carried | forms,
    )


def _inflected(lemmas: list[str], irregular: dict[str, list[str]]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in lemmas:
        for form in (*_regular_forms(lemma), *irregular.get(lemma, ())):
            forms.setdefault(form, lemma)
    return forms


def _regular_forms(lemma: str) -> tuple[str, ...]:
    """say -> says, sayed, saying; reply -> replies, replied; note -> notes, noted, noting."""
    if lemma.endswith("y") and lemma[-2] not in VOWELS:
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if lemma.endswith("e"):
        stem = lemma if lemma.endswith("ee") else lemma[:-1]
        return lemma, third, lemma + "d", stem + "ing"
    return lemma, third, lemma + "ed", lemma + "ing"
