"""Reported speech: a cue verb's clausal complement (`Mnuchin said the U.S. wants ...`), the
clause that `according to X` or a `..., he said` aside is attached to, or what a verb of saying,
judging or intending takes as object, infinitive or prepositional object (`_complements`), or
what a headline gives a name before a colon (`_headlines`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from digest.quotes._attribution import SENTENCE_ENDS, mention, source_of
from digest.quotes._complements import complement, passive
from digest.quotes._confidence import FINITE
from digest.quotes._frame import Attribution, Frame
from digest.quotes._headlines import headline_claims

MIN_REPORTED_TOKENS = 3
# `cited it`, `called for reform`: an object may say in a word what was said.
MIN_COMPLEMENT_TOKENS = 1
# Longer than any paraphrase: a clause this long is the parse running on (`A said B said ...`),
# and keeping it would make the output grow with the square of the text.
MAX_REPORTED_TOKENS = 150
SPEAKER_DEPS = frozenset({"nsubj", "appos"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_SUBJECTS = SUBJECTS | {"expl", "csubj", "csubjpass"}
# How a clause of its own is joined to the words a cue reports, not reported by it.
JOINED = frozenset({"conj", "advcl", "parataxis"})
# `said in a statement that`, `told a meeting that`: where the occasion hangs on the cue.
OCCASION_DEPS = frozenset({"prep", "dobj", "npadvmod"})
# Rules whose content is a phrase a verb carries, not a clause of its own.
CARRIED = frozenset({"complement", "passive"})


def reported_speech(frame: Frame) -> list[Attribution]:
    found = []
    for token in frame.doc:
        attribution = next(filter(None, (read(frame, token) for read in READERS)), None)
        if attribution is not None:
            found.append(attribution)
    return _outermost(found + headline_claims(frame, found))


def _outermost(found: list[Attribution]) -> list[Attribution]:
    """Drops each complement inside another attribution's content: it is part of what that one
    reports (`Mnuchin said the U.S. wants specific deliverables`), not a saying of its own."""
    reach = -1  # the furthest end of the contents starting before (or longer at the same start)
    kept = []
    for k in sorted(range(len(found)), key=lambda k: (found[k].start, -found[k].end)):
        if found[k].rule not in CARRIED or found[k].end > reach:
            kept.append(k)
        reach = max(reach, found[k].end)
    return [found[k] for k in sorted(kept)]


def _reported_at(frame: Frame, token: Token) -> Attribution | None:
    phrase = frame.phrase_at(token.i) if token.lower_ == "according" else None
    if phrase is not None:
        content = _outside(token.head, phrase[0])
        cue = phrase
    elif frame.is_cue(token):
        content = _complement(frame, token)
        cue = frame.doc[token.i : token.i + 1]
    else:
        return None
    if content is None:
        return None
    return _attribution(frame, cue, *content, rule="reported", shortest=MIN_REPORTED_TOKENS)


def _complement_at(frame: Frame, token: Token) -> Attribution | None:
    """What a verb carries that is not a clause; only with a speaker, which a bare object needs."""
    found = complement(frame, token)
    if found is None:
        return None
    attribution = _attribution(frame, *found, rule="complement", shortest=MIN_COMPLEMENT_TOKENS)
    if attribution is None or attribution.source is None:
        return None
    return attribution if _subject_speaks(attribution.source.root, token) else None


def _subject_speaks(speaker: Token, verb: Token) -> bool:
    """The speaker is a subject up the verb's chain or what the verb qualifies, never a name
    merely near it: a bare object has no quotation marks or clause to say who it belongs to."""
    return speaker.dep_ in SPEAKER_DEPS or speaker.i == verb.head.i


def _passive_at(frame: Frame, token: Token) -> Attribution | None:
    """`The pact was endorsed by the union`: the passive subject, said by the agent."""
    found = passive(frame, token)
    if found is None:
        return None
    cue, low, high, agent = found
    attribution = _attribution(frame, cue, low, high, rule="passive", shortest=1)
    return replace(attribution, source=mention(frame, agent)) if attribution is not None else None


# Ways a token may cue reported speech, the first that finds some wins.
READERS = (_reported_at, _complement_at, _passive_at)


def _attribution(
    frame: Frame, cue: Span, low: int, high: int, rule: str, shortest: int
) -> Attribution | None:
    if high - low > MAX_REPORTED_TOKENS:
        return None
    # What is reported never runs into another paragraph: a headline or dateline before it is
    # the parser's sentence running on, not the speaker's words.
    first, last = frame.paragraph(cue[0].i)
    low, high = _within_a_sentence(frame.doc, max(low, first), min(high, last), cue[0].i)
    low, high = _trim(frame.doc, low, high)
    if high - low < shortest or frame.quoted_in(low, high):
        return None
    span = frame.doc[low:high]
    source = source_of(frame, cue)
    if source is not None and low <= source.root.i < high:
        source = None  # `Says Clinton would stack the court`: no one says their own subject
    return Attribution(span.start_char, span.end_char, cue, source, direct=False, rule=rule)


def _within_a_sentence(doc: Doc, low: int, high: int, cue: int) -> tuple[int, int]:
    """The part of [low, high) on the cue's side of any sentence end inside it: the parser ran
    two sentences together (`Q: Will prices rise? A: “Yes,” said Young`)."""
    for token in doc[low : high - 1]:
        if token.text in SENTENCE_ENDS:
            if token.i < cue:
                low = token.i + 1
            elif token.i > cue:
                return low, token.i + 1
    return low, high


def _complement(frame: Frame, verb: Token) -> tuple[int, int] | None:
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        return _clause(frame, _reported_clause(frame, verb, clauses), verb)
    occasioned = _occasion_clause(frame, verb)
    if occasioned is not None:
        return _clause(frame, occasioned, verb)
    if verb.dep_ == "parataxis" and not frame.lexicon.is_thought(verb.text):
        return _outside(verb.head, verb)
    return None


def _occasion_clause(frame: Frame, verb: Token) -> Token | None:
    """`said in a statement that ...`, `told a rally in Ohio that ...`: the parser hangs the
    `that` clause on the occasion, or on a noun after it, where the words are the cue's."""
    for occasion in verb.children:
        if occasion.dep_ not in OCCASION_DEPS:
            continue
        place = next((c for c in occasion.children if c.dep_ == "pobj"), occasion)
        if place.lemma_.lower() not in frame.lexicon.occasions:
            continue
        for token in place.subtree:
            if token.dep_ in ("acl", "relcl") and _that_clause(token):
                return token
    return None


def _that_clause(clause: Token) -> bool:
    """A clause opened by `that` with a subject of its own: what was said, not a relative
    clause (`the statement that he released`)."""
    children = list(clause.children)
    opened = any(c.dep_ == "mark" and c.lower_ == "that" and c.i < clause.i for c in children)
    return opened and any(c.dep_ in SUBJECTS and c.lower_ != "that" for c in children)


def _reported_clause(frame: Frame, verb: Token, clauses: list[Token]) -> Token:
    """Of a cue's complement clauses, the one after it when the parse also hangs a clause of
    the narration before it on the cue (`Writing for a panel that agreed Pence won, Barabak
    noted that ...`); a quotation before it is its own (`“...,” said Brock, who heads ...`)."""
    before = [c for c in clauses if c.i < verb.i]
    after = [c for c in clauses if c.i > verb.i]
    if before and after and not frame.quoted_in(before[0].left_edge.i, before[0].right_edge.i + 1):
        return after[0]
    return clauses[0]


def _clause(frame: Frame, clause: Token, verb: Token) -> tuple[int, int] | None:
    """The bounds of a cue's complement clause, unless it comes before the cue and ends in a
    colon or semicolon: a statement of its own (`We have been here before: X declared war`),
    where a clause reported from after it ends in a comma (`Steel will rise, he said`). It ends
    where a saying of its own is joined on (`..., and he railed against ...`, `..., while
    other voters said ...`)."""
    if clause.i < verb.i and any(
        t.text in (":", ";") for t in verb.doc[clause.right_edge.i : verb.i]
    ):
        return None
    low, high = clause.left_edge.i, clause.right_edge.i + 1
    if _predicate_of_its_subject(clause, verb):
        return None
    if low <= verb.i < high:  # `what Trump says his plan would do`: the words after the cue
        low = verb.i + 1
    if high - low > MAX_REPORTED_TOKENS:
        return low, high  # dropped whole later: not worth reading
    return low, _joined_saying(frame, clause) or high


def _predicate_of_its_subject(clause: Token, verb: Token) -> bool:
    """`Everything Trump says is a lie`, `what Ross says is wrong`: the cue sits inside the
    subject of the clause the parser gave it, which names no subject of its own after the cue."""
    subjects = [c for c in clause.children if c.dep_ in CLAUSE_SUBJECTS]
    if subjects:
        return subjects[0].i < verb.i < clause.i
    return clause.tag_ in FINITE and clause.i == verb.i + 1


def _joined_saying(frame: Frame, clause: Token) -> int | None:
    """Where the first cue with a subject of its own, joined to the clause rather than
    reported by it, begins its part of the sentence."""
    for token in clause.subtree:
        if (
            token.i > clause.i
            and token.dep_ in JOINED
            and frame.is_cue(token)
            and any(c.dep_ in SUBJECTS and not frame.quoted[c.i] for c in token.children)
        ):
            return token.left_edge.i
    return None


def _outside(head: Token, aside: Token) -> tuple[int, int] | None:
    """The part of head's clause on the longer side of `aside` (`X, he said` or `according to`)."""
    if head.i == aside.i:
        return None
    left = (head.left_edge.i, aside.left_edge.i)
    right = (aside.right_edge.i + 1, head.right_edge.i + 1)
    return max(left, right, key=lambda bounds: bounds[1] - bounds[0])


def _trim(doc: Doc, low: int, high: int) -> tuple[int, int]:
    while low < high and (doc[low].is_punct or doc[low].is_space or doc[low].dep_ == "mark"):
        low += 1
    while high > low and (
        doc[high - 1].is_punct or doc[high - 1].is_space or doc[high - 1].dep_ in ("cc", "mark")
    ):
        high -= 1
    return low, high
