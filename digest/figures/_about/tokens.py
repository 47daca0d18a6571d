"""How a phrase is found and written: the figure's own token, cut phrases, text as written."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span, Token

NOUNS = {"NOUN", "PROPN"}
VERBS = {"VERB", "AUX"}
DROPPED = {"det", "predet", "punct", "cc", "relcl", "appos", "advcl"}
DANGLING = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PUNCT"}
LONGEST_PHRASE = 8  # tokens; past this a phrase stops reading as a label


def figure_root(span: Span) -> Token:
    """The token the figure hangs on by: its number or unit, not a leading `an estimated`."""
    heads = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    numeric = [t for t in heads if t.dep_ not in ("det", "predet", "amod", "advmod")]
    return numeric[0] if numeric else span.root


def up_to(noun: Token) -> list[Token]:
    return [t for t in noun.subtree if t.i <= noun.i]


def name(token: Token) -> list[Token]:
    return [*(t for t in token.lefts if t.dep_ == "compound"), token]


def cut(tokens: list[Token], clause: Token | None = None) -> list[Token]:
    """A phrase up to its first comma or relative clause (other than `clause`, when the phrase
    is one), without a dangling `by` or `the`."""
    kept = []
    for token in tokens:
        ends = token.is_punct and token.text in ",;:(—–"
        if ends or (token.dep_ == "relcl" and token != clause):
            break
        kept.append(token)
    return trimmed(kept)


def trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].pos_ in DANGLING:
        tokens = tokens[:-1]
    return tokens


def whole_phrase(tokens: list[Token]) -> list[Token]:
    """The phrase cut at its first comma, or nothing when it is too long to read as a label."""
    kept = cut(tokens)
    return kept if len(kept) <= LONGEST_PHRASE else []


def dropped(token: Token, kept_heads: set[int]) -> bool:
    """Determiners, clauses and other numbers say nothing of what is measured."""
    if token.head.i not in kept_heads:
        return False
    return token.dep_ in DROPPED or (token.dep_ == "nummod" and token.ent_type_ != "DATE")


def text_of(tokens: list[Token], lower_first: bool = False) -> str:
    """Tokens as written, spaced as in the source; gaps left by the figure close up.

    `lower_first` lower-cases a sentence-initial `In`, `By`, `Earlier` or `Last` moved inside
    the phrase, or a common noun (`Patients`) moved after another; never a name.
    """
    ordered = sorted(tokens, key=lambda token: token.i)
    words = [token.text for token in ordered]
    movable = DANGLING | {"NOUN", "ADV", "ADJ"}
    first = ordered[0] if ordered else None
    if (
        lower_first
        and first
        and first.is_sent_start
        and first.pos_ in movable
        and first.ent_type_ in ("", "DATE", "TIME")
    ):
        words[0] = words[0].lower()
    text = "".join(
        word + (token.whitespace_ if nxt.i == token.i + 1 else " ")
        for word, (token, nxt) in zip(words, pairwise(ordered), strict=False)
    ) + (words[-1] if words else "")
    return " ".join(text.split()).strip(" ,;:-–—")


def governing_verb(root: Token) -> list[Token]:
    """The nearest verb above the figure, as a list of one (or none)."""
    return next(([token] for token in root.ancestors if token.pos_ in VERBS), [])


def is_noun(token: Token) -> bool:
    return token.pos_ in NOUNS and token.tag_ not in ("WP", "WDT")


def verb_group(verb: Token) -> list[Token]:
    """The verb with its helpers, particle and adverb: `would raise`, `holds offshore`."""
    helpers = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ != "to"]
    adverbs = [c for c in verb.rights if c.dep_ in ("prt", "advmod") and c.n_rights == 0]
    return [*helpers, verb, *adverbs[:1]]


def complement_of(verb: Token, taken: set[int]) -> list[Token]:
    """What the verb says of the figure's subject: `back Trump`, `said Clinton was justified`."""
    for child in verb.rights:
        if not (child.is_punct or child.dep_ in ("cc", "conj") or child.i in taken):
            return trimmed(cut([t for t in child.subtree if t.i not in taken])[:LONGEST_PHRASE])
    return []


def is_when(token: Token) -> bool:
    """A time or date word: it says when, never who (`7:10 p.m. Sanders' campaign`)."""
    return token.ent_type_ in ("TIME", "DATE")


def is_asked(noun: Token) -> bool:
    """`what kind of genius loses a billion dollars`: a noun a question asks for names no one."""
    return any(c.dep_ == "det" and c.tag_ in ("WDT", "WP") for c in noun.children)
