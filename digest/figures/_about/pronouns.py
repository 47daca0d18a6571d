"""What a pronoun stands for, resolved cheaply within this sentence and the one before."""

from __future__ import annotations

from spacy.tokens import Token

from digest.figures._tables import SHARES

# A person for `he`/`she`, the nearest subject or object noun for `it`.
PERSONAL = {"he", "she"}
IMPERSONAL = {"it", "its"}
CORE = {"nsubj", "nsubjpass", "dobj"}


def resolved(token: Token, pronouns: set[str] = IMPERSONAL) -> Token:
    """A pronoun's antecedent in this sentence or the one before, or the pronoun when none.

    `she` takes the nearest earlier person; `it` the nearest earlier subject or object noun
    that is not itself a figure. A person alone never says what a figure measures, so only the
    contests resolve `he` and `she`.
    """
    lower = token.lower_
    if token.pos_ != "PRON" or lower not in pronouns or _is_expletive(token):
        return token
    sentence = token.sent.start
    first = token.doc[sentence - 1].sent.start if sentence else 0
    for candidate in reversed(token.doc[first : token.i]):
        if candidate.head == token.head:
            continue  # "Wealth-X has it": a verb's own subject is never its object
        if lower in PERSONAL and candidate.ent_type_ == "PERSON" and candidate.pos_ == "PROPN":
            return candidate
        if lower in IMPERSONAL and _is_antecedent(candidate):
            return candidate
    return token


def _is_antecedent(token: Token) -> bool:
    """A singular common noun as subject or object, not itself counted: what `it` can stand for."""
    numbered = any(c.dep_ == "nummod" for c in token.children)
    return token.dep_ in CORE and token.tag_ == "NN" and token.lower_ not in SHARES and not numbered


def _is_expletive(pronoun: Token) -> bool:
    """`It costs $100,000 to run`: an `it` standing for a clause that follows, not for a noun."""
    return pronoun.lower_ == "it" and any(
        child.dep_ in ("xcomp", "ccomp", "advcl")
        and any(c.lower_ in ("to", "that") and c.dep_ in ("aux", "mark") for c in child.lefts)
        for child in pronoun.head.rights
    )
