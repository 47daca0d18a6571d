"""Reported speech carried by a complement other than a clause: what a verb of saying, judging or
intending takes as its object (`cited the figure`, `called the plan a disgrace`), its infinitive
(`wants to cut taxes`, `urged Congress to act`), its prepositional object (`called for new
tariffs`, `spoke about trade`) or, for verbs the cue lists leave out, its clause (`suspects
that ...`). The lexicon (digest/data/cues.json, `complements`) says which verb
takes which; the verb's subject is the speaker, as for any cue."""

from __future__ import annotations

from spacy.tokens import Span, Token

from digest.quotes._frame import Frame

OBJECT = "object"
INFINITIVE = "infinitive"
CLAUSE = "clause"  # for verbs outside the cue lists: `suspects that`, `reminded voters that`
# Children that carry what was said once the verb has one the lexicon allows: the object, the
# object's predicate (`called the charges unsubstantiated`), an infinitive (`urged Congress to
# act`) and `as` (`described him as reckless`).
CARRIERS = frozenset({"dobj", "dative", "oprd", "xcomp", "ccomp"})
OBJECTS = frozenset({"dobj", "dative", "oprd"})
ALWAYS_CARRIES = frozenset({"as"})


def complement(frame: Frame, verb: Token) -> tuple[Span, int, int] | None:
    """The cue and token bounds of what a lexicon verb outside quotes carries, if it carries any."""
    if not verb.tag_.startswith("VB") or frame.quoted[verb.i] or frame.furniture[verb.i]:
        return None
    takes = frame.lexicon.complements.get(verb.lower_)
    if takes is None:
        return None
    after = [c for c in verb.children if c.i > verb.i]
    if not any(_carries(c, takes) for c in after):
        return None
    parts = [c for c in after if _extends(c, takes)]
    low = _content_start(parts[0])
    if low is None:
        return None
    return _cue(frame, verb, parts[0]), low, max(c.right_edge.i for c in parts) + 1


def passive(frame: Frame, verb: Token) -> tuple[Span, int, int, Token] | None:
    """`The plan was endorsed by the union`: the cue, the bounds of the passive subject (what the
    active verb takes as object) and the agent who speaks."""
    if not verb.tag_.startswith("VB") or frame.quoted[verb.i] or frame.furniture[verb.i]:
        return None
    takes = frame.lexicon.complements.get(verb.lower_)
    if takes is None or OBJECT not in takes:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if subject is None or agent is None or by is None:
        return None
    cue = frame.doc[verb.i : by.i + 1] if by.i == verb.i + 1 else frame.doc[verb.i : verb.i + 1]
    return cue, subject.left_edge.i, subject.right_edge.i + 1, agent


def _carries(child: Token, takes: frozenset[str]) -> bool:
    """A complement the verb's entry allows: its object, its infinitive or its preposition."""
    if child.dep_ in OBJECTS:
        return OBJECT in takes
    if child.dep_ == "xcomp":
        return INFINITIVE in takes and _infinitive(child)
    if child.dep_ == "ccomp":
        return CLAUSE in takes
    if child.dep_ != "prep" or child.lower_ not in takes:
        return False
    return _prepositional_object(child) is not None


def _extends(child: Token, takes: frozenset[str]) -> bool:
    """A complement that belongs to what was said once the verb has one it takes (`urged` +
    `Congress` + `to act`, `saw` + `the deal` + `as a defeat`)."""
    if child.dep_ in CARRIERS:
        return True
    return child.dep_ == "prep" and (child.lower_ in takes or child.lower_ in ALWAYS_CARRIES)


def _infinitive(clause: Token) -> bool:
    return any(c.tag_ == "TO" for c in clause.children)


def _prepositional_object(preposition: Token) -> Token | None:
    return next((c for c in preposition.children if c.dep_ in ("pobj", "pcomp")), None)


def _content_start(first: Token) -> int | None:
    """A prepositional complement starts after its preposition (`called for` + `new tariffs`)."""
    if first.dep_ != "prep":
        return first.left_edge.i
    governed = _prepositional_object(first)
    return governed.left_edge.i if governed is not None else None


def _cue(frame: Frame, verb: Token, first: Token) -> Span:
    """The verb, with its preposition when it follows at once (`called for`)."""
    if first.dep_ == "prep" and first.i == verb.i + 1:
        return frame.doc[verb.i : first.i + 1]
    return frame.doc[verb.i : verb.i + 1]
