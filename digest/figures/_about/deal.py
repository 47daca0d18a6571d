"""Money a verb of paying moves, named by the deed: `Brussels fined the truck makers €2.93
billion` is a fine on the truck makers; `the chain paid £30m for the stores` a payment by the
chain for the stores; `Apple bought Beats for $3 billion` a purchase of Beats by Apple."""

from __future__ import annotations

from spacy.tokens import Token

from digest.figures._about.noun import attaches
from digest.figures._about.pronouns import resolved
from digest.figures._about.tokens import (
    LONGEST_PHRASE,
    is_asked,
    is_noun,
    is_when,
    text_of,
    whole_phrase,
)
from digest.figures._tables import CURRENCY_NAMES, DEALS

# Where the money stands to its verb: its object, or the price after `for`.
OBJECTS = {"dobj", "dative", "oprd"}
PATIENTS = {"dobj", "dative", "nsubjpass"}
# Verbs whose subject is what the money prices: `the port will cost Rs 2,000 crore`.
PRICING = {"cost"}


def deal_of(root: Token, taken: set[int]) -> tuple[str, set[int], list[Token]] | None:
    """(the deed with who pays and who is paid, the tokens used, anchors for its time), or None
    when the money is not what a verb of paying moves."""
    verb = _paying_verb(root)
    if verb is None:
        return None
    noun, preposition, by = DEALS[_lemma(verb)]
    inside = {t.i for t in root.subtree} | taken
    patient = _patient(verb, inside) if preposition else None
    # Who pays says less than who is fined, paid or bought: named only when they are not.
    agent = _agent(verb, inside) if patient is None else None
    pieces: list[str] = [noun]
    used: set[int] = set()
    for word, token in ((preposition, patient), (by, agent)):
        phrase = _name(token, inside | used) if token is not None else []
        if phrase:
            pieces.append(f"{word} {text_of(phrase, lower_first=True)}")
            used |= {t.i for t in phrase}
    what = _what_for(verb, root, taken | used)
    used |= {t.i for t in what}
    # "cost the Treasury $374 billion": an indirect object is whom the money goes to or from.
    pieces.append(("to " if what and what[0].pos_ != "ADP" else "") + text_of(what))
    return " ".join(piece for piece in pieces if piece), used, [verb]


def _paying_verb(root: Token) -> Token | None:
    """`paid $5m`, `was fined $5m`, `bought Beats for $3bn`: the verb the money is moved by."""
    clauses = [c for c in root.children if c.dep_ in ("relcl", "acl")]
    # "the $18 million he says he raised": the clause may report the deed
    clauses += [g for c in clauses for g in c.children if g.dep_ == "ccomp"]
    told = [c for c in clauses if _lemma(c) in DEALS and not _is_purpose(c)]
    verb = root.head
    if told:
        verb = told[0]  # "the $18 million he raised", "$14 million borrowed from his father"
    elif root.dep_ == "pobj" and verb.lower_ == "for":
        verb = verb.head
    elif root.dep_ not in OBJECTS:
        return None
    if verb.pos_ != "VERB" or _lemma(verb) not in DEALS or _is_exchange(verb):
        return None
    return verb


def _is_purpose(clause: Token) -> bool:
    """`$60 billion for states to invest in transit`: what the money is for, not how it moved."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.lefts)


def _is_exchange(verb: Token) -> bool:
    """`the Australian dollar bought 66 U.S. cents`: a currency's price, not a purchase."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(c.lower_ in CURRENCY_NAMES for c in subjects)


def _lemma(verb: Token) -> str:
    """The verb's lemma, or its form less `-d`/`-s` where the model's lemma is off (`fined`)."""
    lemma = verb.lemma_.lower()
    if lemma in DEALS:
        return lemma
    return next((verb.lower_[:-n] for n in (1, 2) if verb.lower_[:-n] in DEALS), lemma)


def _patient(verb: Token, inside: set[int]) -> Token | None:
    """The one fined, paid or bought: the object that is not the money, or a passive subject."""
    roles = {"nsubj", "nsubjpass"} if _lemma(verb) in PRICING else PATIENTS
    found = [c for c in verb.children if c.dep_ in roles and c.i not in inside]
    return resolved(found[0]) if found and is_noun(resolved(found[0])) else None


def _agent(verb: Token, inside: set[int]) -> Token | None:
    """Who pays: the active subject, the `by` of a passive, or the subject of `agreed to pay`."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i not in inside]
    if not subjects and verb.dep_ in ("xcomp", "conj"):
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj" and c.i not in inside]
    if not subjects and verb.dep_ == "acl":
        subjects = [verb.head]  # "households making $100,000"
    by = [c for c in verb.children if c.dep_ == "agent"]
    subjects += [g for b in by for g in b.children if g.dep_ == "pobj"]
    agent = resolved(subjects[0]) if subjects else None
    if agent is None or not is_noun(agent) or is_when(agent) or is_asked(agent):
        return None
    return agent


def _name(noun: Token, excluded: set[int]) -> list[Token]:
    """The noun with its modifiers, without a determiner: `the truck makers` -> truck makers."""
    kept = [t for t in noun.subtree if t.i <= noun.i and t.i not in excluded]
    kept = [t for t in kept if t.dep_ not in ("det", "predet", "punct") and not is_when(t)]
    return kept if len(kept) <= LONGEST_PHRASE else [noun]


def _what_for(verb: Token, root: Token, excluded: set[int]) -> list[Token]:
    """`for the stores`, `on new ports`, `for colluding on prices`: the first phrase of the deal."""
    for child in [*verb.rights, *root.rights]:
        if child.i in excluded or child.dep_ not in ("prep", "dative") or child.lower_ == "by":
            continue
        if child.dep_ == "prep" and not attaches(child):
            continue
        phrase = whole_phrase([t for t in child.subtree if t.i not in excluded])
        if phrase:
            return phrase
    return []
