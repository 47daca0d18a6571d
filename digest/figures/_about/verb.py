"""What the clause says a figure measures when no noun does: `the deficit was $438 billion`."""

from __future__ import annotations

from spacy.tokens import Token

from digest.figures._about.noun import RELATIVES, attaches, noun_phrase
from digest.figures._about.pronouns import resolved
from digest.figures._about.tokens import (
    LONGEST_PHRASE,
    complement_of,
    governing_verb,
    is_noun,
    is_when,
    text_of,
    up_to,
    verb_group,
    whole_phrase,
)
from digest.figures._tables import CHANGES

# Verbs that state a level, as `be` does: "exports reached 11.2 million tonnes".
# Prepositions that give a level of the verb's subject: "fell to 13,176", "up from $40 billion".
LEVEL_PREPOSITIONS = {"to", "from", "at"}
LEVELS = {"reach", "hit", "total", "stand", "amount", "top", "exceed", "surpass", "touch", "remain"}


def measured_by_verb(root: Token, taken: set[int]) -> tuple[list[list[Token]], list[Token]]:
    verbs = governing_verb(root)
    if not verbs:
        return [], []
    verb = verbs[0]
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ != "be":
        # "46 percent would back Trump": the figure counts those who do what the verb says
        # (whatever the tagger made of the verb: `back` is often an adverb to it).
        return [verb_group(root.head) + complement_of(root.head, taken)], [root.head]
    if _is_level_of_subject(root, verb):
        # "are forecast to drop to A$98 billion": the subject may be the governing verb's.
        holder = verb.head if verb.dep_ == "xcomp" else verb
        subject = _subject(verb, set()) or _subject(holder, {t.i for t in root.subtree})
        if subject is not None:
            return [noun_phrase(subject, taken, root)], [root.head, subject, verb]
    return _from_verb(root, verb, taken)


def _is_level_of_subject(root: Token, verb: Token) -> bool:
    """`lost 190 points to 24,300`, `reached 11.2 million tonnes, up from 9.8 million`: where the
    subject stood or stands, whatever else the verb has for an object."""
    if root.dep_ != "pobj" or root.head.lower_ not in LEVEL_PREPOSITIONS:
        return False
    holder = root.head.head
    if holder != verb and not (holder.lower_ in ("up", "down") and holder.head == verb):
        return False
    # "leave it at 35 percent": an object that is no figure is what the level is of
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return all(_is_counted(obj) for obj in objects)


def _is_counted(noun: Token) -> bool:
    return noun.like_num or any(c.dep_ == "nummod" for c in noun.children)


def _from_verb(root: Token, verb: Token, taken: set[int]) -> tuple[list[list[Token]], list[Token]]:
    """`the deficit was $438 billion`, `cut emissions by 80%`, `Apple holds $215 billion`."""
    inside = {t.i for t in root.subtree}
    objects = [
        resolved(c)
        for c in verb.children
        if c.dep_ == "dobj"
        and c.i not in inside
        and not c.is_ancestor(root)
        # "shows what the Fusion would cost: $30,253": `what` is the figure's own place.
        and c.tag_ not in ("WP", "WDT")
    ]
    if objects and verb.lemma_ != "be":
        return (
            ([noun_phrase(objects[0], taken, root)], [objects[0], verb])
            if is_noun(objects[0])
            else ([], [])
        )
    subject = _subject(verb, inside)
    if subject is None and root.dep_ == "dobj" and verb.lemma_ != "be":
        # "lend Mr. Clarke $5 million", "cost the Treasury $374 billion": what is done with it.
        return [verb_group(verb) + _receiver(verb, inside) + _verb_object(verb, root)], [verb]
    if subject is None:
        return [], []
    phrase = noun_phrase(subject, taken, root)
    states = verb.lemma_ == "be" or verb.lemma_ in CHANGES or verb.lemma_ in LEVELS
    if states or root.dep_ not in ("dobj", "attr"):
        return [phrase], [subject, verb]
    # "the miners' union invested $10 million in the mine": subject, verb and where it went;
    # a verb with nothing after it says nothing more than its subject ("the tanker carries").
    where = _verb_object(verb, root)
    return [phrase, verb_group(verb) + where if where else []], [subject, verb]


def _receiver(verb: Token, inside: set[int]) -> list[Token]:
    datives = [c for c in verb.children if c.dep_ == "dative" and c.i not in inside]
    return whole_phrase(list(datives[0].subtree)) if datives else []


def _verb_object(verb: Token, root: Token) -> list[Token]:
    after = [c for c in verb.rights if c.i > root.i and attaches(c) and c.dep_ == "prep"]
    return whole_phrase(list(after[0].subtree)) if after else []


def _subject(verb: Token, inside: set[int]) -> Token | None:
    """The verb's subject noun; for `which` or a participle, the noun the clause hangs on."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
    subject = resolved(subjects[0]) if subjects else None
    if subject is None and verb.dep_ == "conj":
        # "Apple holds $215 billion and would owe $65 billion": the first verb's subject.
        return _subject(verb.head, inside)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.lefts)
    if subject is None and infinitive and verb.dep_ in ("xcomp", "advcl"):
        # "consumption appears to have declined 3.3%", "the Dow closed down, to close at
        # 18,432": the subject of the verb the infinitive hangs on.
        return _subject(verb.head, inside)
    if (subject is None or subject.lower_ in RELATIVES) and verb.dep_ in ("relcl", "acl"):
        subject = verb.head
    if subject is None and verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        # "slapped tariffs, ranging from 5 to 25 percent": the participle tells of the object.
        subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    return subject if subject is not None and is_noun(subject) else None


def purpose_of(root: Token) -> list[Token]:
    """`$60 billion to invest in transit`, `contributed $12.5 million to backstop the work`."""
    verbs = governing_verb(root)
    # On the verb, only a clause right after the figure's phrase: in `gave 13 percent of its
    # reserves but 40 percent of its debts to pay for care`, the clause is the debts'.
    own = [c for c in root.rights if c.dep_ not in ("cc", "conj")]
    end = own[-1].right_edge.i if own else root.i
    after = [c for c in verbs[0].rights if c.left_edge.i == end + 1] if verbs else []
    for clause in [*root.rights, *after]:
        to = [c for c in clause.lefts if c.dep_ == "aux" and c.lower_ == "to"]
        chunk = _object_chunk(clause)
        if clause.dep_ in ("relcl", "acl", "advcl") and to and chunk:
            return [*to, clause, *chunk]
    return []


def _object_chunk(verb: Token) -> list[Token]:
    """The verb's object or first prepositional phrase, up to its head noun: `in public transit`."""
    for child in verb.rights:
        if child.dep_ == "dobj":
            return up_to(child)
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return [child, *up_to(objects[0])] if objects else []
    return []


def done_by(root: Token, phrase: list[Token]) -> str:
    """`farmers shipped 8,000 pounds of beef` -> "shipped by farmers": who did what to the thing
    a quantity measures, said after it as a participle ("beef shipped by farmers")."""
    counted = root.head if root.dep_ == "nummod" else root
    verb = counted.head
    if counted.dep_ != "dobj" or verb.pos_ != "VERB" or verb in phrase:
        return ""
    if verb.lemma_ in ("be", "have", "say") or verb.lemma_ in CHANGES or verb.lemma_ in LEVELS:
        return ""
    # Only a form that is already the participle: "shipped", "delivered" (not "ran", "processes").
    if not (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.lower_.endswith("ed"))):
        return ""
    subject = _subject(verb, {t.i for t in counted.subtree})
    if subject is None or subject.pos_ == "PRON" or subject in phrase or is_when(subject):
        return ""  # "the talks lasted ninety minutes": the phrase is the doer already
    name = [
        t for t in up_to(subject) if t.dep_ not in ("det", "predet", "punct") and not is_when(t)
    ]
    if len(name) > LONGEST_PHRASE:
        return ""
    particle = "".join(f" {c.lower_}" for c in verb.rights if c.dep_ == "prt")  # "picked up"
    return f"{verb.lower_}{particle} by {text_of(name, lower_first=True)}"
