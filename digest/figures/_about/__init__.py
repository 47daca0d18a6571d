"""What a figure measures, read from the dependency parse, with its time reference.

`$309 billion trade deficit` -> "trade deficit"; `24 percent of the contributors` ->
"contributors"; `the deficit was $438 billion` -> "deficit"; `exports rose 3.2% last year`
-> "exports last year".

Each part answers one question: `noun` which noun the figure measures, `verb` what the clause
says when no noun does, `contest` who leads whom in a race, `pronouns` what `it` stands for,
`time` when and per what, `tokens` how a phrase is cut and written.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from digest.figures._about.contest import contest_share
from digest.figures._about.deal import deal_of
from digest.figures._about.noun import (
    deed,
    in_object,
    modified_noun,
    noun_phrase,
    of_object,
    of_whole,
    subset_of,
)
from digest.figures._about.time import possessive_date, rate_of, time_reference
from digest.figures._about.tokens import (
    DANGLING,
    NOUNS,
    figure_root,
    governing_verb,
    text_of,
    trimmed,
    up_to,
)
from digest.figures._about.verb import done_by, measured_by_verb, purpose_of
from digest.figures._tables import SHARES, TIMES

__all__ = ["GENERIC", "about_of", "figure_root"]

# Words that can say what is measured: a noun, or what counted people do ("would back Trump").
NAMING = {"NOUN", "PROPN", "VERB"}
# Nouns that only say "a number": what it measures lies elsewhere in the clause.
GENERIC = {"mark", "figure", "number", "total", "amount", "sum", "level", "tally", "record"}


def about_of(span: Span, others: frozenset[int] = frozenset(), money: bool = False) -> str | None:
    """What the figure in `span` measures, or None when the parse does not say.

    `others` are the tokens of the sentence's other figures: their words never say what this
    one measures (`6.2 million tonnes of rice, worth $3.5 billion` -> "rice"). `money` says the
    figure is a sum, which a verb of paying may name (`fined ... €2.93 billion` -> "fine on ...").
    """
    root = figure_root(span)
    contest = contest_share(root)
    if contest:
        return contest
    taken = set(range(span.start, span.end))
    deal = deal_of(root, taken | others) if money and not _has_own_noun(span) else None
    if deal is not None:
        text, used, anchors = deal
        purpose = [t for t in purpose_of(root) if t.i not in taken | used]
        return _with_time([text, text_of(purpose)], span, root, taken | used, anchors, others)
    parts, anchors = _reading(span, taken)
    if not parts:
        return None
    for part in parts:
        taken |= {token.i for token in part}
    purpose = [t for t in purpose_of(root) if t.i not in taken]
    parts = _once([_without(part, others) for part in [*parts, purpose]])
    if not any(token.pos_ in NAMING for part in parts for token in part):
        return None  # a time alone ("in May") or a pronoun names no thing
    texts = [text_of(part) for part in parts]
    doer = "" if money or not parts[0] else done_by(root, parts[0])
    texts[0] = f"{texts[0]} {doer}" if doer else texts[0]
    return _with_time(texts, span, root, taken, anchors, others)


def _with_time(
    texts: list[str],
    span: Span,
    root: Token,
    taken: set[int],
    anchors: list[Token],
    others: frozenset[int],
) -> str | None:
    """What is measured, with whose date and when: `exports last year`."""
    owner = [t for t in possessive_date(span) if t.i not in taken]
    anchors = [*anchors, root, *governing_verb(root)]
    time = "" if owner else time_reference(anchors, taken, others)
    rate = rate_of(span)
    texts = [text_of(owner), *texts, time, "" if rate in time else rate]
    return " ".join(text for text in texts if text) or None


def _has_own_noun(span: Span) -> bool:
    """`a $309 billion deficit`, `$65.4 billion in taxes`: the sum names what it is."""
    root = figure_root(span)
    noun = modified_noun(root)
    return (noun is not None and noun.i >= span.end) or bool(of_object(span) or in_object(root))


def _reading(span: Span, taken: set[int]) -> tuple[list[list[Token]], list[Token]]:
    """(the phrases that say what is measured, the tokens a time reference may hang on)."""
    root = figure_root(span)
    noun = modified_noun(root)
    if noun is None or noun.i < span.end:
        noun = of_object(span) or in_object(root)
    if noun is None and root.dep_ == "pobj" and root.head.head.pos_ in NOUNS:
        noun = of_whole(root.head.head) if root.head.head.i < span.start else None
    if noun is None and root.dep_ == "appos" and root.head.pos_ in NOUNS:
        noun = root.head  # "the four-year number, $25,000"
    if noun is not None and (noun.like_num or noun.lower_ in SHARES):
        noun = None  # "44 percent to Trump's 34 percent": another figure measures nothing here
    if noun is not None and noun.lower_ in TIMES and noun.ent_type_ == "DATE":
        noun = None  # "slumped 14.7% year on year": a time says when, the clause says what
    by_noun = (
        ([noun_phrase(noun, taken, root), deed(noun, taken)], [noun, noun.head])
        if noun is not None
        else ([], [])
    )
    subset = subset_of(span, taken)
    if noun is not None and subset:
        whole = [t for t in up_to(noun) if t.dep_ not in ("det", "nummod") and not t.like_num]
        return [whole, subset], [noun]
    if noun is not None and noun.lemma_.lower() not in GENERIC:
        return by_noun
    # "surpassed the $1 billion mark": a generic noun leaves the verb to say what is measured.
    by_verb = measured_by_verb(root, taken)
    return by_verb if any(by_verb[0]) else by_noun


def _without(part: list[Token], others: frozenset[int]) -> list[Token]:
    """The phrase less another figure's words: skipped when they open it, cut where they stand
    inside (`tariffs on $200 billion of goods` -> "tariffs")."""
    ordered = sorted(part, key=lambda token: token.i)
    start = 0
    while start < len(ordered) and ordered[start].i in others:
        start += 1
    while 0 < start < len(ordered) and ordered[start].pos_ in DANGLING:
        start += 1
    kept = ordered[start:]
    cut_at = next((n for n, token in enumerate(kept) if token.i in others), len(kept))
    return trimmed(kept[:cut_at])


def _once(parts: list[list[Token]]) -> list[list[Token]]:
    """Each token in the first phrase that has it: `outside group spending spending` reads once."""
    seen: set[int] = set()
    kept = []
    for part in parts:
        kept.append([token for token in part if token.i not in seen])
        seen |= {token.i for token in part}
    return kept
