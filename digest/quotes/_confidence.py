"""How sure an attribution is, and what kind of saying it is.

`confidence` is the share of attributions found the same way (the rule that found the cue, and
whether the speaker mention is a name, a pronoun or a body) that had the right speaker on
PolNeAR dev, rounded down, and capped lower for the families that go wrong most: a cue that is a
participle inside another clause, a clause of the narration (`what he called`) or an adverbial
clause (`When Sanders said ...`), a question an unnamed asker put (`Asked whether ...`), a thing
or a place taken for the speaker, a speaker named inside what someone else reports, relayed
through another outlet (`according to CNN`) or retold by a saying that closes the sentence
(`..., the source added`), a common noun for nothing that can speak (`the promise`) or a share
of people (`25 percent`) taken for the speaker;
`benchmarks/digest_quotes.py` checks it on dev and on train. `kind` comes from the cue:
speech, writing (`wrote`, `tweeted`), belief (`thinks`, `hopes`) or finding (`found`, `shows`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Span, Token

from digest.quotes._cues import Lexicon, lexicon
from digest.quotes._frame import Attribution
from digest.quotes._names import BODY_WORDS, SPEAKING_ENDINGS, SPEAKING_WORDS

PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WDT"})
# (rule, mention) -> share of right speakers; anything not listed is unsure.
CONFIDENCE = {
    ("signed", "name"): 0.95,
    ("signed", "body"): 0.9,
    ("governor", "name"): 0.95,
    ("nearest", "name"): 0.9,
    ("governor", "pronoun"): 0.85,
    ("governor", "body"): 0.85,
    ("colon", "name"): 0.85,
    ("reported", "name"): 0.85,
    ("carried", "name"): 0.8,
    ("label", "name"): 0.8,
    ("label", "body"): 0.8,
    ("carried", "pronoun"): 0.8,
    ("reported", "body"): 0.8,
    ("possessive", "name"): 0.8,
    ("colon", "body"): 0.8,
    ("nearest", "pronoun"): 0.7,
    ("reported", "pronoun"): 0.7,
    ("colon", "pronoun"): 0.6,
    ("possessive", "pronoun"): 0.6,
    ("nearest", "body"): 0.55,
    ("carried", "body"): 0.55,
    ("verb", "name"): 0.5,
    ("verb", "body"): 0.5,
    # `Ross cited the deficit`: what a verb takes as object, infinitive or prepositional object
    # (`_complements`). On PolNeAR dev and train together the speaker was right for 0.89 of
    # names, 0.85 of bodies and 0.71 of pronouns, but about one in ten is no attribution and a
    # bare object (`cited the figure`) tells a reader little: kept below the digest threshold.
    ("complement", "name"): 0.8,
    ("complement", "body"): 0.8,
    ("complement", "pronoun"): 0.7,
    # `The pact was endorsed by the union` (`_complements.passive`): 18 of 20 right on dev and
    # train, too few to show in the digest.
    ("passive", "name"): 0.8,
    ("passive", "body"): 0.8,
    # `Ross: Tariffs Will Stay` (`_headlines`): the speaker was right in 51 of 52 found on
    # PolNeAR dev and train, but one line in seven is a column's or a story's title, not a
    # claim, and a headline retells: as HEADLINE below.
    ("headline", "name"): 0.5,
    ("headline", "body"): 0.5,
}
UNSURE = 0.3  # a rule and mention seen too rarely to measure
# A cue that is a participle or infinitive inside another clause (`for saying`, `by arguing`,
# `calling him`, `Asked if ...`) borrows its speaker from the clause above, often someone else:
# about two in three of such attributions had the right speaker on PolNeAR dev and train.
SUBORDINATE_CUE = 0.65
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A cue in an adverbial clause (`When Sanders said ..., he ...`, `until Haley said she was
# backing Rubio`) sets the scene for what the sentence tells, often inside someone else's
# account: right for about four in five on PolNeAR dev and the first 800 train articles.
ADVERBIAL_CUE = 0.8
MAIN_CLAUSE = frozenset({"ROOT", "conj", "parataxis", "ccomp"})
# `a hat that says`, `the resolution which said`: a relative pronoun standing for a thing, or a
# place that is not the cue's own subject or is a dateline (`LONDON (Reuters) - ...`) taken
# for the speaker: right about one time in three.
THING_SPEAKER = 0.4
# Headlines (`Rubio Says ...`, often run into the page's furniture) shorten and retell: what
# they attribute is the article's to tell in full.
HEADLINE = 0.5
# A speaker named inside what someone else reports (`Clinton had told police ..., the source
# added`, `According to the poll, Bloomberg reports ...`): whose words they are is the outer
# source's claim, and on PolNeAR the speaker was right for about one in ten of them.
SECOND_HAND = 0.1
# A quote's cue inside another clause of the narration (`condemned what he called “...”`,
# `allow companies to tell “...”`, `a resolution that described “...”`): the clause above is
# the writer's or someone else's framing, and the speaker was right about half the time.
EMBEDDED_CUE = 0.5
EMBEDDING = frozenset({"ccomp", "relcl"})
# `“...,” Sanders said, according to CNN`: the writer has the words from another outlet or a
# record it names, and whose they are is that source's account; on PolNeAR dev and the first
# 800 train articles 12 of 63 such attributions had the speaker the annotators gave.
RELAYED = 0.2
RELAY_REACH = 40  # tokens each side of the cue looked at: a bound on endless sentences
RETELLING = frozenset({"conj", "parataxis"})
# `Asked whether Clinton “has the integrity ...”, 75 percent said yes`: the question is an
# unnamed asker's: on PolNeAR dev and train the answering speaker was right for none of 23.
ASKED = 0.1
ASKING = frozenset({"asked", "pressed", "questioned"})
MAX_ASKED_CLIMB = 8
THING_PRONOUNS = frozenset({"WDT"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
# A common noun that names nothing able to speak (`The promise to “...” appeals to`, `His final
# assessment: “...”`, `the disruptions`, `interpretation`): the words are someone else's, named
# elsewhere or not at all. Who can speak (people, groups, documents, and nouns ending like `-er`,
# `-ist`) is read from `speaker_words.toml`; on PolNeAR dev and train (800 articles) the speaker
# was right for about two in five of the rest.
MUTE_SPEAKER = 0.4
COMMON_NOUNS = frozenset({"NN", "NNS"})
SPEAKING = SPEAKING_WORDS | BODY_WORDS
# `25 percent of likely voters say`, `Some 55 percent`, `half`, `the two`: a share or a count of
# people is what a poll or a count found, often the poll's claim, and a reader would see the
# speaker `percent`: right for about seven in ten on PolNeAR dev and train, two in six of those
# the digest would have shown.
SHARE_SPEAKER = 0.7
QUANTITIES = frozenset({"PERCENT", "CARDINAL", "QUANTITY"})


def confidence(
    attribution: Attribution,
    name: str | None,
    person: bool,
    second_hand: bool = False,
    quoted: Sequence[bool] = (),
) -> float:
    rule, source, cue = attribution.rule, attribution.source, attribution.cue
    if source is None or name is None:
        return 0.0
    if len(source) == 1 and source.root.tag_ in PRONOUN_TAGS:
        mention = "pronoun"
    else:
        mention = "name" if person else "body"
    sure = CONFIDENCE.get((rule, mention), UNSURE)
    own = cue is not None and _own_subject(source.root, cue[0])
    place = not person and source.root.ent_type_ in PLACES
    if mention == "body" and _share(source.root):
        sure = min(sure, SHARE_SPEAKER)
    elif mention == "body" and _mute(source.root):
        sure = min(sure, MUTE_SPEAKER)
    if source.root.tag_ in THING_PRONOUNS or (place and (not own or source.text.isupper())):
        sure = min(sure, THING_SPEAKER)  # `Beijing said` stays sure; `LONDON (Reuters)` not
    if cue is not None and not own and _subordinate(cue[0]):
        sure = min(sure, SUBORDINATE_CUE)
    if cue is not None and cue[0].dep_ == "advcl":
        sure = min(sure, ADVERBIAL_CUE)
    if cue is not None and _in_a_headline(cue[0]):
        sure = min(sure, HEADLINE)
    if second_hand:
        sure = min(sure, SECOND_HAND)
    if cue is not None and rule != "reported" and _embedded(cue[0], quoted):
        sure = min(sure, EMBEDDED_CUE)
    if cue is not None and _asked(attribution, cue[0]):
        sure = min(sure, ASKED)
    if _relayed(source, cue, quoted) or (cue is not None and _retold(source, cue[0], quoted)):
        sure = min(sure, RELAYED)
    return sure


def _relayed(source: Span, cue: Span | None, quoted: Sequence[bool]) -> bool:
    """The sentence names, outside any quotation, another source the words come through
    (`..., according to CNN`), and the attribution is not that source's own."""
    if cue is not None and cue[0].lower_ == "according":
        return False
    for token in _around(source[0] if cue is None else cue[0]):
        if token.lower_ != "according" or (quoted and quoted[token.i]):
            continue
        to = token.nbor() if token.i + 1 < len(token.doc) else None
        relay = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
        if relay and not source.start <= relay[0].i < source.end:
            return True
    return False


def _retold(source: Span, cue: Token, quoted: Sequence[bool]) -> bool:
    """A saying with a speaker of its own closes the sentence, set off by a comma (`Clinton had
    told police ..., but the NYPD overruled that, the source added.`, `He said ..., the Post
    reported.`): the cue's words come through that speaker."""
    for closing in cue.children:
        if (
            closing.dep_ not in RETELLING
            or closing.i < cue.i
            or not lexicon().is_speech(closing.text)
        ):
            continue
        subject = next((c for c in closing.children if c.dep_ == "nsubj"), None)
        if subject is None or (quoted and quoted[subject.i]) or subject in source:
            continue
        opening = min(subject.left_edge.i, closing.i)
        set_off = opening > 0 and closing.doc[opening - 1].text == ","
        if set_off and _ends_sentence(closing):
            return True
    return False


def _ends_sentence(token: Token) -> bool:
    """Nothing but punctuation after the token's phrase, to its sentence's end."""
    rest = token.doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _around(token: Token) -> Span:
    """The words of the token's sentence within `RELAY_REACH` of it."""
    doc = token.doc
    low = token.i
    while low > max(token.i - RELAY_REACH, 0) and not doc[low].is_sent_start:
        low -= 1
    high = token.i + 1
    while high < min(token.i + RELAY_REACH, len(doc)) and not doc[high].is_sent_start:
        high += 1
    return doc[low:high]


def _share(speaker: Token) -> bool:
    """`25 percent`, `half`, `the two`: a number or a share of people stands for the speaker
    (`one`, as in `one of the workers`, is a person)."""
    quantity = speaker.ent_type_ in QUANTITIES or speaker.tag_ == "CD"
    return quantity and speaker.lower_ not in SPEAKING


def _mute(speaker: Token) -> bool:
    """A common noun, written in lower case and outside any entity (a capitalised one is a name
    the tagger missed: `Sanders`), that is no person, group or document and does not end like
    one who does something (`narrator`, `economist`)."""
    if speaker.tag_ not in COMMON_NOUNS or speaker.ent_type_ or not speaker.text.islower():
        return False
    words = {speaker.lower_, speaker.lemma_.lower()}
    return not words & SPEAKING and not any(w.endswith(SPEAKING_ENDINGS) for w in words)


def _asked(attribution: Attribution, cue: Token) -> bool:
    """The words are an `Asked whether ...` clause, or sit in one above the answer's cue: the
    question of someone the sentence does not name, not the words of the one answering."""
    if _asking(cue):
        return True
    words = cue.doc.char_span(attribution.start, attribution.end, alignment_mode="expand")
    if words is None:
        return False
    for token in islice(words.root.ancestors, MAX_ASKED_CLIMB):
        if token.i == cue.i:
            return False
        if _asking(token):
            return True
    return False


def _asking(token: Token) -> bool:
    """`Asked ...` with no subject of its own: a participle clause, whatever the tagger says."""
    return (
        token.lower_ in ASKING
        and token.dep_ in ("advcl", "acl")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    )


def _embedded(cue: Token, quoted: Sequence[bool]) -> bool:
    """The cue is a complement or relative clause of a word of the narration, not of words
    inside the quotation marks (`“...,” the mayor said, “...”` parses `said` under the quote)."""
    head = cue.head
    return cue.dep_ in EMBEDDING and head.i != cue.i and not (quoted and quoted[head.i])


def _in_a_headline(cue: Token) -> bool:
    """`Bush Says We Should ...`: a capitalised cue inside its sentence is a headline's, and so
    is one opening a line with no subject of its own (`Says Clinton would stack the court`)."""
    if not cue.is_title or not cue.tag_.startswith("VB"):
        return False
    subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children)
    return cue.i > cue.sent.start or not subject


def _own_subject(speaker: Token, cue: Token) -> bool:
    """The speaker is the cue's own subject (`with Washington demanding`), not borrowed."""
    return speaker.head.i == cue.i and speaker.dep_ == "nsubj"


def _subordinate(cue: Token) -> bool:
    """A cue verb that is neither finite nor heads a main or reported clause."""
    return cue.tag_.startswith("VB") and cue.tag_ not in FINITE and cue.dep_ not in MAIN_CLAUSE


def kind(cue: Span | None, lexicon: Lexicon) -> str:
    """speech, writing, belief or finding, from the cue's lemma (speech when there is none)."""
    if cue is None:
        return "speech"
    lemma = lexicon.lemma(cue[0].text) or lexicon.lemma(cue[-1].text)
    return lexicon.kinds.get(lemma or "", "speech")
