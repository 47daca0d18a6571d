"""Who said a quoted stretch: its cue and the speaker mention, read off the dependency parse.

A quote takes the outermost cue verb above it in the parse, else the cue nearest to it in its
sentence (widened to a following `he said.` sentence or a preceding sentence ending in a
colon); the speaker mention is the cue's subject, climbing from `saying`/`adding` to the verb
they hang on.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from digest.quotes._frame import Attribution, Frame, token_bounds
from digest.quotes._marks import Stretch

SUBJECTS = ("nsubj",)
# A participle or coordinated verb says nothing of its own subject: take its head's.
CLIMB = ("advcl", "xcomp", "conj", "pcomp")
# A clause joined to the one above it rather than reported by it.
OWN_CLAUSE = frozenset({"conj", "advcl"})
PRONOUNS = ("PRP", "PRP$", "WP", "WDT")
DASHES = frozenset("―—–")
CLOSING_MARKS = frozenset("\"”»'")
SPACES = frozenset(" \u00a0\t")
NAMES = frozenset({"NNP", "NNPS", "PRP"})
SPEAKING = frozenset({"PERSON", "ORG", "GPE", "NORP"})
NOT_SPEAKING = frozenset({"DATE", "TIME"})  # but `the 46-year-old` is a person
PLACES_AND_TIMES = NOT_SPEAKING | {"GPE", "LOC", "FAC"}
DAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"today", "yesterday", "tonight", "tomorrow"}
)
# Verbs whose object is the one spoken to: `Ramos told AFP`, never `told Ramos` for Ramos.
TELLING = frozenset({"tell", "inform", "assure", "remind", "notify"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me"})
NOUN_LEFT = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod", "punct"})
SHORT_SENTENCE = 12  # tokens: `Graham asked, smiling.`, not a new statement
ADJACENT = 8
HEARD_SAYING = 10  # tokens from a `Ruiz saying` to the quote it opens
ASIDE = 20  # tokens: the longest participle phrase read between a name and its verb
FINITE = frozenset({"VBD", "VBZ", "VBP"})
OPENING_CUE = 6  # tokens: `Trump told Britain’s ITV ...` right after a quote
SCARE_QUOTE_WORDS = 4
TITLE_WORDS = 8  # `“Make Your Kid a Millionaire”`; a longer run of capitals is a headline
SENTENCE_ENDS = frozenset({"!", "?", "."})
COINING = frozenset({"so-called", "so", "dubbed", "nicknamed", "titled", "entitled"})
# Bounds that keep a quote's cost independent of the length of its sentence.
MAX_CLIMB = 40  # steps up the parse from one word
MAX_SUBJECT_CLIMB = 5  # `saying` -> `by` -> `began` -> `appeared`: the verb with the subject
NEIGHBOURS = 3  # cues looked at on each side of a quote


def quote_attribution(frame: Frame, stretch: Stretch) -> Attribution | None:
    """The stretch with its cue and that cue's speaker; no cue leaves both None.

    None for scare quotes, titles and cited words: a few words inside a sentence that no speech
    cue claims through the parse (`promoting “quack” cures`, `the documentary “13th”`, `said on
    “Face the Nation”`)."""
    first, last = token_bounds(frame.doc, stretch.start, stretch.end)
    cue, rule = _cue(frame, first, last) if last > first else (None, "none")
    if _few_words_inside_a_sentence(frame, first, last) and not _claims(
        frame, cue, rule, first, last
    ):
        return None
    if _a_named_work(frame, first, last):
        return None
    source = source_of(frame, cue) if cue is not None else None
    heard = _heard_saying(frame, first) if rule in ("governor", "nearest") else None
    if heard is not None and (source is None or source.root.i != heard[0].i):
        name, participle = heard  # footage of Trump saying, “...”: not the footage's
        said = frame.doc[participle.i : participle.i + 1]
        return Attribution(
            stretch.start, stretch.end, said, mention(frame, name), direct=True, rule="nearest"
        )
    return Attribution(stretch.start, stretch.end, cue, source, direct=True, rule=rule)


def _heard_saying(frame: Frame, first: int) -> tuple[Token, Token] | None:
    """`The ad shows footage of Ruiz saying, “...”`: a name and the speech participle right after
    it, just before the quote, are its speaker and cue, whoever the sentence is about."""
    doc = frame.doc
    opening = first
    while opening > 0 and frame.quoted[opening - 1]:
        opening -= 1  # the quote's own mark
    low = max(frame.sentence(first)[0], opening - HEARD_SAYING)
    for i in range(opening - 1, low, -1):
        token = doc[i]
        if frame.quoted[i] or (frame.is_cue(token) and token.tag_ != "VBG"):
            return None
        name = doc[i - 1]
        if token.tag_ == "VBG" and frame.is_cue(token) and not frame.quoted[name.i]:
            person = name.ent_type_ == "PERSON" or (
                name.tag_ == "NNP" and name.is_title and name.ent_type_ not in PLACES_AND_TIMES
            )
            return (name, token) if person else None
    return None


def _claims(frame: Frame, cue: Span | None, rule: str, first: int, last: int) -> bool:
    """A speech cue above a few quoted words claims them, unless they name something: a title
    (`“Morning Joe”`), or the object of a preposition (`on “Face the Nation”`)."""
    if cue is None:
        return False
    words = [t for t in frame.doc[first : min(last, first + SCARE_QUOTE_WORDS + 2)] if t.is_alpha]
    before = frame.doc[max(first - 4, 0) : first]
    if any(t.lower_ in COINING for t in before):  # the so-called “Buy Local” rule
        return False
    if words and words[0].is_title and _named_by_a_preposition(words, first, last):
        return False  # said on “Face the Week”
    if _titled(words) and _names_something(frame, first, last):
        return False  # told ABC’s “Good Morning America”, the “Avatar” star
    if rule != "governor" and words and words[0].is_title:
        return not all(t.is_title for t in words if len(t) > 3)
    return True


def _a_named_work(frame: Frame, first: int, last: int) -> bool:
    """A title in its place in a sentence: beside a noun for a work, however short (`on the
    podcast “Here’s the Thing,”`), or too long for a scare quote and named by its place
    (`episode of “The Steve Harvey Morning Show,”`, `his book, “Make Your Kid a
    Millionaire,”`). A chant or a shout (`“Lock her up! Lock her up!”`) ends its sentences; a
    title does not."""
    span = frame.doc[first:last]
    words = [t for t in span[: TITLE_WORDS + 2] if t.is_alpha]
    if len(words) > TITLE_WORDS or not _titled(words):
        return False
    if any(t.is_sent_end or t.text in SENTENCE_ENDS for t in span[:-1]):
        return False
    noun = _noun_before(frame, first)
    if noun is not None and noun.lemma_.lower() in frame.lexicon.works:
        return True
    if len(words) <= SCARE_QUOTE_WORDS or not frame.free_words_in(*frame.sentence(first)):
        return False
    beside_a_noun = noun is not None and noun.tag_ in ("NN", "NNS")  # `his book, “...”`
    return _names_something(frame, first, last) or beside_a_noun


def _noun_before(frame: Frame, first: int) -> Token | None:
    """The word before a quote's opening mark and any comma after it, in the quote's own
    sentence: a word ending the sentence or paragraph before is nothing the quote is set beside."""
    doc = frame.doc
    before = _previous_word(doc, first - 1)
    if before >= 0 and frame.quoted[before]:
        before = _previous_word(doc, before)  # the opening mark
    if before >= 0 and doc[before].text == ",":
        before = _previous_word(doc, before)
    return doc[before] if before >= frame.sentence(first)[0] else None


def _titled(words: list[Token]) -> bool:
    """Every word past the short ones capitalised, as in the title of a show, film or book."""
    return (
        bool(words)
        and words[0].is_title
        and all(t.is_title or t.is_upper for t in words if len(t) > 3)
    )


def _names_something(frame: Frame, first: int, last: int) -> bool:
    """A title in its place in a sentence: after a possessive or a preposition (`ABC’s “This
    Week”`, `on “Meet the Press”`, `starred in “Avatar”`), or in front of the noun it
    qualifies (`the “Avatar” star`)."""
    doc = frame.doc
    before = _previous_word(doc, first - 1)
    if before >= 0 and frame.quoted[before]:
        before = _previous_word(doc, before)  # the opening mark
    if before >= 0 and (doc[before].tag_ == "POS" or doc[before].dep_ == "prep"):
        return True
    after = frame.next_said[last] if last < len(doc) else len(doc)
    return after < len(doc) and after == _next_word(doc, last) and doc[after].tag_ in ("NN", "NNS")


def _named_by_a_preposition(words: list[Token], first: int, last: int) -> bool:
    """The quoted words are the object of a preposition just before them: a title, a place."""
    heads = [t.head for t in words if not first <= t.head.i < last]
    return bool(heads) and all(h.dep_ == "prep" and h.i < first for h in heads)


def _few_words_inside_a_sentence(frame: Frame, first: int, last: int) -> bool:
    doc = frame.doc
    if sum(not t.is_punct for t in doc[first : min(last, first + 2 * SCARE_QUOTE_WORDS + 2)]) > (
        SCARE_QUOTE_WORDS
    ):
        return False
    return frame.free_words_in(*frame.sentence(first))


def _cue(frame: Frame, first: int, last: int) -> tuple[Span | None, str]:
    """The outermost cue verb governing the quote (news attributes to the outermost speaker),
    else the cue nearest to it in its frame, else the verb above it that has a named subject;
    with the rule that found it."""
    signature = _signature(frame, last)
    if signature is not None:
        return frame.doc[signature[0].i : signature[0].i + 1], "signed"
    low, high = _frame_bounds(frame, first, last)
    above = _governors(frame, first, last, low, high)
    cues = _claiming(frame, [t for t in above if frame.is_cue(t)])
    aside = _parenthetical(frame, above[-1]) if above else None
    if aside is not None and (not cues or _thought(frame, cues[-1])):
        return frame.doc[aside.i : aside.i + 1], "governor"
    if cues:
        return frame.doc[cues[-1].i : cues[-1].i + 1], "governor"
    nearest = _nearest_cue(frame, first, last, low, high)
    if nearest is not None:
        return nearest
    noun = next((t for t in above if _possessed_cue(frame, t) is not None), None)
    if noun is not None:
        return frame.doc[noun.i : noun.i + 1], "possessive"
    verb = next((t for t in above if t.tag_.startswith("VB") and _named_subject(frame, t)), None)
    return (frame.doc[verb.i : verb.i + 1], "verb") if verb is not None else (None, "none")


def _claiming(frame: Frame, cues: list[Token]) -> list[Token]:
    """The cues above a quote, innermost first, up to the one that claims it. A cue with a
    subject of its own is no part of what the outermost cue reports when its clause is joined
    to that cue's (`X said ..., but he said “...”`, `X described it ... after she blamed it on
    “...”`), or coordinated with a clause that is no cue (`..., and the mother replied, “...”`);
    joined to a cue that is itself reported (`said she hopes ..., but she knows “...”`), or
    adverbial inside the reported clause, it stays the outer speaker's."""
    for k, cue in enumerate(cues[:-1]):
        if _own_subject(frame, cue) is None or _thought(frame, cue):
            continue
        joined = cue.dep_ in OWN_CLAUSE and cue.head.i == cues[-1].i
        if joined or (cue.dep_ == "conj" and not frame.is_cue(cue.head)):
            return cues[: k + 1]
    return cues


def _parenthetical(frame: Frame, root: Token) -> Token | None:
    """`During his term, Mr. Obama said, a majority have come to believe “...”`: a speech cue
    with its own subject set into a sentence tells the whole sentence, beliefs in it included."""
    return next(
        (
            c
            for c in root.children
            if c.dep_ == "parataxis"
            and frame.is_cue(c)
            and not _thought(frame, c)
            and not any(d.dep_ in ("ccomp", "xcomp") for d in c.children)
            and _own_subject(frame, c) is not None
        ),
        None,
    )


def _thought(frame: Frame, cue: Token) -> bool:
    """`knows`, `believes`: what someone thinks is told by whoever reports it."""
    return frame.lexicon.is_thought(cue.text)


def _own_subject(frame: Frame, verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECTS and not frame.quoted[c.i]), None)


def _possessed_cue(frame: Frame, token: Token) -> Token | None:
    """The possessor of a cue noun: `her` in `her claim that she “never sent” ...`."""
    if token.lower_ not in frame.lexicon.nouns:
        return None
    return next((c for c in token.children if c.dep_ == "poss" and not frame.quoted[c.i]), None)


def _signature(frame: Frame, last: int) -> tuple[Token, Token] | None:
    """`“...” ― Carla Sanchez`: the dash right after the closing mark and the name after it, read
    off the characters, since the tokenizer may glue the dash to the mark (`”―`)."""
    doc, text = frame.doc, frame.text
    if last >= len(doc):
        return None
    at = doc[last].idx
    while at < len(text) and (text[at] in CLOSING_MARKS or text[at] in SPACES):
        at += 1
    if at >= len(text) or text[at] not in DASHES:
        return None
    dash = doc.char_span(at, at + 1, alignment_mode="expand")
    name = _name_after_dash(frame, at)
    return (doc[dash.start], name) if dash is not None and name is not None else None


def _name_after_dash(frame: Frame, at: int) -> Token | None:
    """The name signing a quote, after the dash at character `at`."""
    text = frame.text
    at += 1
    while at < len(text) and text[at] in SPACES:
        at += 1
    span = frame.doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or frame.quoted[span.start]:
        return None
    name = frame.doc[span.start]
    if not name.is_title or not (name.tag_ == "NNP" or name.ent_type_ == "PERSON"):
        return None
    while name.dep_ == "compound" and name.i < name.head.i <= name.i + 2 and name.head.is_title:
        name = name.head  # Carla -> Sanchez: the mention runs to the name's last word
    return name


def _governors(frame: Frame, first: int, last: int, low: int, high: int) -> list[Token]:
    """The words above the quote in the parse, nearest first, inside its frame."""
    chain: list[Token] = []
    seen: set[int] = set()
    for token in frame.doc[first:last]:
        head = token.head
        if first <= head.i < last or head.i in seen:
            continue
        for _ in range(MAX_CLIMB):
            if not low <= head.i < high or head.i in seen:
                break
            seen.add(head.i)
            if not frame.quoted[head.i]:
                chain.append(head)
            if head.head.i == head.i:
                break
            head = head.head
        if chain:
            return chain
    return chain


def _named_subject(frame: Frame, verb: Token) -> bool:
    if verb.dep_ == "acl" and _is_name(frame, verb.head):
        return True
    return any(
        c.dep_ in SUBJECTS
        and not frame.quoted[c.i]
        and (c.tag_ in NAMES or c.ent_type_ in SPEAKING)
        for c in verb.children
    )


def _nearest_cue(
    frame: Frame, first: int, last: int, low: int, high: int
) -> tuple[Span, str] | None:
    """The cue nearest the quote within [low, high): the few cues around it are looked at, not
    the whole sentence, so a sentence of many quotes costs no more than many sentences."""
    at = bisect_left(frame.cue_starts, first)
    nearby = frame.cues[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS]
    candidates = [(cue, "nearest") for cue in nearby]
    colon = _previous_word(frame.doc, first - 1)
    if (
        colon >= 0
        and frame.doc[colon].text == ":"
        and not frame.quoted[colon]
        and not frame.furniture[colon]
    ):
        candidates.append((_colon_cue(frame, frame.doc[colon]), "colon"))
    best: tuple[int, int, tuple[Span, str]] | None = None
    for cue, rule in candidates:
        if not low <= cue.start < high:
            continue
        distance = first - cue.end if cue.end <= first else cue.start - last
        if best is None or (distance, cue.start) < best[:2]:
            best = (distance, cue.start, (cue, rule))
    return best[2] if best else None


def _colon_cue(frame: Frame, colon: Token) -> Span:
    """`Ross added: “...”`, `Kaine has adopted the stance: “...”`: the verb the colon ends is
    the cue; `Ross: “...”`: the colon itself."""
    doc = frame.doc
    before = doc[colon.i - 1] if colon.i > 0 else colon
    if before.tag_.startswith("VB") and before.is_alpha:
        return doc[before.i : before.i + 1]
    verb = colon.head
    for _ in range(4):
        if verb.tag_.startswith("VB") and verb.is_alpha and not frame.quoted[verb.i]:
            return doc[verb.i : verb.i + 1]
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return doc[colon.i : colon.i + 1]


def _next_word(doc: Doc, i: int) -> int:
    i += 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _previous_word(doc: Doc, i: int) -> int:
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _frame_bounds(frame: Frame, first: int, last: int) -> tuple[int, int]:
    """The quote's sentences within its paragraph, widened to the sentence after it when the
    quote ends its own (`“Why?” Graham asked.`) or to a sentence before it ending in a colon
    (`Limbaugh added:`), even in the paragraph before."""
    paragraph_low, paragraph_high = frame.paragraph(first)
    low = max(frame.sentence(first)[0], paragraph_low)
    high = min(frame.sentence(last - 1)[1], paragraph_high)
    if high < paragraph_high and _ends_quoted(frame, last, high):
        after_low, after_high = frame.sentence(high)
        if not frame.quoted[after_low] and (
            frame.doc[after_low].is_lower
            or after_high - after_low <= SHORT_SENTENCE
            or any(_bare_cue(frame, t) for t in frame.doc[after_low : after_low + OPENING_CUE])
        ):
            high = min(after_high, paragraph_high)
    before = _previous_word(frame.doc, low)
    if before >= 0 and frame.doc[before].text == ":":
        low = max(frame.sentence(before)[0], frame.paragraph(before)[0])
    return low, high


def _bare_cue(frame: Frame, token: Token) -> bool:
    """A cue with no clause of its own (`Trump told ITV`), so it attributes the quote before."""
    return frame.is_cue(token) and not any(c.dep_ == "ccomp" for c in token.children)


def _ends_quoted(frame: Frame, last: int, high: int) -> bool:
    """Nothing but marks and punctuation between the quote's last word and the sentence end."""
    return frame.next_said[last] >= high


def source_of(frame: Frame, cue: Span) -> Span | None:
    head = _source_head(frame, cue)
    head = _author(frame, head) or head if head is not None else None
    return mention(frame, _named_by_apposition(frame, head)) if head is not None else None


def _author(frame: Frame, head: Token) -> Token | None:
    """`He released a letter that says ...`, `Ruiz is running an ad that urges ...`: what a
    document says, its author says, when the sentence names one."""
    if head.tag_ != "WDT" or head.head.dep_ != "relcl":
        return None
    thing = head.head.head
    if thing.tag_ not in ("NN", "NNS") or thing.ent_type_ or thing.dep_ != "dobj":
        return None
    author = _climbing_subject(frame, thing.head)
    speaks = author is not None and (
        author.lower_ in SUBJECT_PRONOUNS or _is_name(frame, author) or author.ent_type_ == "PERSON"
    )
    return author if speaks else None


def _named_by_apposition(frame: Frame, head: Token) -> Token:
    """`Okafor's partner, Daniel Mensah, said`: a description whose apposition names a person
    stands for that person, not for its possessor. The name is a proper noun the tagger may
    not know for a person (`The minister's spokesperson, Katherine Cuplinskas,`), and never a
    date or a place (`the mayor's office, Tuesday,`)."""
    if head.tag_ in NAMES or head.ent_type_ == "PERSON":
        return head
    named = (
        c
        for c in head.children
        if c.dep_ == "appos"
        and not frame.quoted[c.i]
        and (c.ent_type_ == "PERSON" or _proper_name(c))
    )
    return next(named, head)


def _proper_name(token: Token) -> bool:
    return token.tag_ in ("NNP", "NNPS") and token.ent_type_ not in PLACES_AND_TIMES


def _source_head(frame: Frame, cue: Span) -> Token | None:
    if cue[0].lower_ == "according":  # according to X
        objects = [c for c in cue[-1].children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    if cue[0].text == ":":
        return _before_colon(frame, cue[0])
    dash = next((k for k, ch in enumerate(cue[0].text) if ch in DASHES), None)
    if dash is not None:
        return _name_after_dash(frame, cue[0].idx + dash)
    if cue[0].tag_.startswith("NN"):
        return _possessed_cue(frame, cue[0])
    verb = cue[0]
    host = _free_relative_host(verb)
    subject = _climbing_subject(frame, host) if host is not None else None
    subject = subject or _climbing_subject(frame, verb)
    if subject is not None:
        return subject
    if _passive(verb):
        return _agent(verb)  # `Trump was asked, “...”`: Trump is asked, not asking
    if verb.tag_ == "VBG":
        return _sentence_subject(frame, verb) or _adjacent_name(frame, verb)
    return _adjacent_name(frame, verb)


def _sentence_subject(frame: Frame, participle: Token) -> Token | None:
    """`Mr. Trump hardly clarified it, treating ... -- “...” -- and asserting, “...”`: a
    participle the parse could not hang on a clause continues its sentence's first subject."""
    low = frame.sentence(participle.i)[0]
    return next(
        (
            t
            for t in frame.doc[low : participle.i]
            if t.dep_ in SUBJECTS
            and not frame.quoted[t.i]
            and not frame.quoted[t.head.i]
            and (_is_name(frame, t) or t.lower_ in SUBJECT_PRONOUNS)
        ),
        None,
    )


def _climbing_subject(frame: Frame, verb: Token) -> Token | None:
    """The verb's subject, or that of the verb a participle, an infinitive or a conjunct hangs
    on (`..., saying`), through a preposition too (`began by saying`, `after saying`)."""
    for _ in range(MAX_SUBJECT_CLIMB):
        subject = next(
            (
                c
                for c in verb.children
                if c.dep_ in SUBJECTS
                and not frame.quoted[c.i]
                and not frame.furniture[c.i]
                and not c.is_punct  # `made public ― Trump boasted`: a dash taken for a noun
                and (c.ent_type_ not in NOT_SPEAKING or c.lower_.endswith("old"))
                and c.lower_ not in DAYS
            ),
            None,
        )
        if subject is not None:
            return subject
        if verb.dep_ == "acl" and (_is_name(frame, verb.head) or _names_verb(verb)):
            return verb.head  # Aaron Kall, director of debate, compared ...
        controller = _object_controller(frame, verb)
        if controller is not None:
            return controller
        if verb.head.i == verb.i or not (verb.dep_ in CLIMB or _clause_preposition(verb)):
            return None
        verb = verb.head
    return None


def _object_controller(frame: Frame, verb: Token) -> Token | None:
    """`led the journalist Ana Ruiz to fear “...”`, `urged him to “send a message”`: an
    infinitive after a person as object is that person's doing, not the subject's (`used
    blunt language to denounce` is the subject's)."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next(
        (
            c
            for c in verb.head.children
            if c.dep_ == "dobj"
            and c.i < verb.i
            and not frame.quoted[c.i]
            and (
                c.lower_ in OBJECT_PRONOUNS or _named_by_apposition(frame, c).ent_type_ == "PERSON"
            )
        ),
        None,
    )


def _clause_preposition(token: Token) -> bool:
    """`by` in `began by saying`: a preposition whose object is a clause, hung on a verb."""
    return (
        token.dep_ == "prep"
        and token.head.tag_.startswith("VB")
        and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in token.children)
    )


def _free_relative_host(verb: Token) -> Token | None:
    """The verb a free relative hangs on: `denounced` in `It denounced what it calls “...”`.
    What something is called there is the main clause's charge, so its subject speaks."""
    if verb.dep_ not in ("ccomp", "pcomp", "xcomp") or not any(
        c.lower_ == "what" and c.dep_ in ("dobj", "oprd") for c in verb.children
    ):
        return None
    host = verb.head
    if host.dep_ == "prep" and host.tag_ == "IN":
        host = host.head  # railed against what he calls
    # `the window into his soul is what he said`: a copula's subject says nothing
    return host if host.tag_.startswith("VB") and host.lemma_ != "be" else None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _agent(verb: Token) -> Token | None:
    """X in `was asked by X`."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _names_verb(verb: Token) -> bool:
    """`“...,” Trump barked`, parsed as a verb qualifying the name right before it."""
    return verb.head.i == verb.i - 1 and verb.head.tag_ in ("NNP", "NNPS") and verb.head.is_title


def _before_colon(frame: Frame, colon: Token) -> Token | None:
    """`Ross:` speaks; `Ross told CNN:` and `as Ridge put it:` end on the one spoken to or the
    thing said, so the verb's subject speaks."""
    i = colon.i - 1
    if i < 0 or frame.quoted[i] or frame.doc[i].tag_ not in ("NNP", "NNPS", "PRP"):
        return None
    word = frame.doc[i]
    if word.dep_ in ("dobj", "dative") and word.head.tag_.startswith("VB"):
        return _climbing_subject(frame, word.head)
    if _byline(word):
        return None
    return word


def _byline(word: Token) -> bool:
    """`“Museum to close,” by the Times' Jane Doe: “...”`: an article's author before an
    excerpt of it, quoted by the writer, not the author speaking; a passive's agent still is."""
    return word.dep_ == "pobj" and word.head.lower_ == "by" and word.head.dep_ != "agent"


def _adjacent_name(frame: Frame, verb: Token) -> Token | None:
    """`said Ross` or `Ross, a top surrogate, said` when the parser missed the subject; the
    one told (`told AFP`) is spoken to."""
    doc = frame.doc
    aside = _before_aside(frame, verb)
    if aside is not None:
        return aside
    after = verb.i + 1
    if (
        verb.tag_ in FINITE
        and verb.lemma_ not in TELLING
        and after < len(doc)
        and not frame.quoted[after]
        and _is_name(frame, doc[after])
    ):
        return doc[after]
    before = []
    for i in range(verb.i - 1, max(frame.sentence(verb.i)[0], verb.i - ADJACENT) - 1, -1):
        if frame.quoted[i]:
            break
        if doc[i].lower_ in SUBJECT_PRONOUNS or _is_name(frame, doc[i]):
            before.append(doc[i])
    # `President Obama, dedicating the National Museum, said`: people before bodies
    people = [t for t in before if t.ent_type_ == "PERSON" or t.lower_ in SUBJECT_PRONOUNS]
    return next(iter(people or before), None)


def _before_aside(frame: Frame, verb: Token) -> Token | None:
    """`President Obama, dedicating the museum on Saturday, said`: the name in front of a
    participle phrase set off by commas right before the verb (read off the words, since the
    parser often hangs the participle elsewhere)."""
    doc = frame.doc
    comma = verb.i - 1
    if comma < 1 or doc[comma].text != "," or frame.quoted[comma]:
        return None
    low = max(frame.sentence(verb.i)[0], comma - ASIDE)
    opening = next((i for i in range(comma - 1, low, -1) if doc[i].text == ","), None)
    if opening is None or frame.quoted_in(opening, comma) or doc[opening + 1].tag_ != "VBG":
        return None
    name = doc[opening - 1]
    speaks = _is_name(frame, name) or name.lower_ in SUBJECT_PRONOUNS
    return name if speaks and not frame.quoted[name.i] else None


def _is_name(frame: Frame, token: Token) -> bool:
    entity = frame.entity_of.get(token.i)
    return token.tag_ == "NNP" and entity is not None and entity.label_ in SPEAKING


def mention(frame: Frame, head: Token) -> Span:
    """The noun phrase a speaker is named by, up to its head (appositives left out)."""
    doc = frame.doc
    entity = frame.entity_of.get(head.i)
    if entity is not None and (
        entity.label_ not in SPEAKING or any(frame.quoted[entity.start : entity.end])
    ):
        entity = None
    if head.tag_ in PRONOUNS and (entity is None or len(entity) < 2):
        return doc[head.i : head.i + 1]
    start = head.i
    while start > 0 and not frame.quoted[start - 1] and _modifies(doc[start - 1], head):
        start -= 1
    edge = _left_edge(head)
    if _described(head) and not frame.quoted_in(edge, head.i):
        start = min(start, edge)  # the whole of `the 34-year-old mother`
    end = head.i + 1
    if entity is not None:
        start, end = min(start, entity.start), max(end, entity.end)
    # A mention never reaches into the paragraph before (`7:10 p.m.` over `Sanders’ campaign`).
    start = max(start, frame.paragraph(head.i)[0])
    while start < head.i and doc[start].is_space:
        start += 1
    while end - 1 > head.i and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def _described(head: Token) -> bool:
    """A person named by a description (`the 46-year-old`, `the former minister`), whose
    words before the head all belong to the mention."""
    return head.lower_.endswith("old") or (head.tag_ in ("NN", "NNS") and head.ent_type_ == "")


def _left_edge(head: Token) -> int:
    """Where the words qualifying a noun from its left begin; a clause is no qualifier."""
    return min(
        (
            c.left_edge.i
            for c in head.lefts
            if c.dep_ in NOUN_LEFT or c.dep_ in ("quantmod", "npadvmod")
        ),
        default=head.i,
    )


def _modifies(token: Token, head: Token) -> bool:
    """A word left of a noun inside its phrase: `the`, `Commerce`, `Scott` + `'s`."""
    if token.dep_ == "case":
        return True
    if token.is_space or token.text in DASHES:
        return False
    return (
        not token.tag_.startswith("VB")
        and token.dep_ in NOUN_LEFT
        and token.i < token.head.i <= head.i
    )
