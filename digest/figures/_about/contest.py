"""Who leads whom: `Clinton leads Trump by 49 percent to 47 percent` gives each side's share."""

from __future__ import annotations

from spacy.tokens import Token

from digest.figures._about.pronouns import PERSONAL, resolved
from digest.figures._about.tokens import name, text_of

# Verbs of winning.
CONTESTS = {"lead", "beat", "top", "edge", "defeat", "outpoll"}
LOSERS = {"dobj", "acomp", "attr"}


def contest_share(root: Token) -> str | None:
    """`Clinton beats Trump by 46 percent to 42 percent`: each side's share; `by 5 points`: lead."""
    if root.dep_ != "pobj" or root.head.lower_ not in ("by", "to"):
        return None
    holder = root.head.head
    verb, loser = _contestants(holder)
    if verb is None or loser is None:
        return None
    winner = next((resolved(c, PERSONAL) for c in verb.children if c.dep_ == "nsubj"), None)
    if winner is None or winner.pos_ == "PRON":
        return None
    scored = [c.lower_ for c in holder.children if c.dep_ == "prep" and c.i < root.i]
    if root.head.lower_ == "to":
        return f"{text_of(name(loser))}'s share" if "by" in scored else None
    if any(c.lower_ == "to" and c.i > root.i for c in holder.children):
        return f"{text_of(name(winner))}'s share"
    return f"{text_of(name(winner))}'s lead over {text_of(name(loser))}"


def _contestants(holder: Token) -> tuple[Token | None, Token | None]:
    """(the verb of winning, the loser) for the word a `by` phrase hangs on.

    The small model may attach `by` to the loser, or read `beats` as the loser's auxiliary.
    """
    misread = next((c for c in holder.children if c.dep_ == "aux" and _is_contest(c)), None)
    if _is_contest(holder):
        return holder, next((c for c in holder.children if c.dep_ in LOSERS), None)
    if holder.dep_ in LOSERS and _is_contest(holder.head):
        return holder.head, holder
    return (misread, holder) if misread is not None else (None, None)


def _is_contest(token: Token) -> bool:
    # A verb misread as an auxiliary keeps its surface form as lemma: `beats`.
    return token.lemma_.lower() in CONTESTS or token.lower_.removesuffix("s") in CONTESTS
