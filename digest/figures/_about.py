"""What a figure measures, read from the dependency parse, with its time reference.

`$309 billion trade deficit` -> "trade deficit"; `24 percent of the contributors` ->
"contributors"; `the deficit was $438 billion` -> "deficit"; `exports rose 3.2% last year`
-> "exports last year".
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span, Token

from digest.figures._tables import CHANGES, SHARES

NOUNS = {"NOUN", "PROPN"}
VERBS = {"VERB", "AUX"}
# A figure that modifies a noun measures that noun.
MODIFIERS = {"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "poss"}
# Prepositional phrases that belong to what is measured: "deficit with Beijing", "tariff on steel".
ATTACHED = {"of", "on", "with", "for", "from", "to", "into", "against", "in"}
# Prepositions that introduce a time reference: "through 2020", "over the next decade".
TIME_PREPS = {"in", "through", "by", "since", "over", "during", "until", "for", "from", "between"}
RATES = {"a", "an", "per", "each", "every"}
RATE_NOUNS = {"year", "month", "week", "day", "hour", "ton", "tonne", "barrel", "share", "person"}
RELATIVES = {"which", "that", "who", "whom"}
# Nouns that only say "a number": what it measures lies elsewhere in the clause.
GENERIC = {"mark", "figure", "number", "total", "amount", "sum", "level", "tally", "record"}
DROPPED = {"det", "predet", "punct", "cc", "relcl", "appos", "advcl"}
DANGLING = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PUNCT"}
LONGEST_PHRASE = 8  # tokens; past this a phrase stops reading as a label
# Verbs of winning: "Clinton leads Trump by 49 percent to 47 percent" gives each side's share.
CONTESTS = {"lead", "beat", "top", "edge", "defeat", "outpoll"}
# Pronouns resolved cheaply: a person for `he`/`she`, the nearest subject or object noun for `it`.
PERSONAL = {"he", "she"}
IMPERSONAL = {"it", "its"}
CORE = {"nsubj", "nsubjpass", "dobj"}
LOSERS = {"dobj", "acomp", "attr"}
# Nouns for people say little alone: what they do says who is counted.
PEOPLE = {"people", "person", "individual"}


def about_of(span: Span) -> str | None:
    """What the figure in `span` measures, or None when the parse does not say."""
    root = figure_root(span)
    contest = _contest(root)
    if contest:
        return contest
    taken = set(range(span.start, span.end))
    parts, anchors = _reading(span, taken)
    if not parts:
        return None
    for part in parts:
        taken |= {token.i for token in part}
    purpose = [t for t in _purpose(root) if t.i not in taken]
    parts.append(purpose)
    owner = [t for t in _possessive_date(span) if t.i not in taken]
    anchors = [*anchors, root, *_governing_verb(root)]
    time = "" if owner else _time_reference(anchors, taken)
    rate = _rate(span)
    texts = [_text(owner), *(_text(part) for part in parts), time, "" if rate in time else rate]
    return " ".join(text for text in texts if text) or None


def _purpose(root: Token) -> list[Token]:
    """`$60 billion to invest in transit`, `contributed $12.5 million to backstop the work`."""
    verbs = _governing_verb(root)
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
            return _up_to(child)
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return [child, *_up_to(objects[0])] if objects else []
    return []


def _up_to(noun: Token) -> list[Token]:
    return [t for t in noun.subtree if t.i <= noun.i]


def figure_root(span: Span) -> Token:
    """The token the figure hangs on by: its number or unit, not a leading `an estimated`."""
    heads = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    numeric = [t for t in heads if t.dep_ not in ("det", "predet", "amod", "advmod")]
    return numeric[0] if numeric else span.root


def _contest(root: Token) -> str | None:
    """`Clinton beats Trump by 46 percent to 42 percent`: each side's share; `by 5 points`: lead."""
    if root.dep_ != "pobj" or root.head.lower_ not in ("by", "to"):
        return None
    holder = root.head.head
    verb, loser = _contestants(holder)
    if verb is None or loser is None:
        return None
    winner = next((_resolved(c, PERSONAL) for c in verb.children if c.dep_ == "nsubj"), None)
    if winner is None or winner.pos_ == "PRON":
        return None
    scored = [c.lower_ for c in holder.children if c.dep_ == "prep" and c.i < root.i]
    if root.head.lower_ == "to":
        return f"{_text(_name(loser))}'s share" if "by" in scored else None
    if any(c.lower_ == "to" and c.i > root.i for c in holder.children):
        return f"{_text(_name(winner))}'s share"
    return f"{_text(_name(winner))}'s lead over {_text(_name(loser))}"


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


def _name(token: Token) -> list[Token]:
    return [*(t for t in token.lefts if t.dep_ == "compound"), token]


def _resolved(token: Token, pronouns: set[str] = IMPERSONAL) -> Token:
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


def _reading(span: Span, taken: set[int]) -> tuple[list[list[Token]], list[Token]]:
    """(the phrases that say what is measured, the tokens a time reference may hang on)."""
    root = figure_root(span)
    noun = _modified_noun(root)
    if noun is None or noun.i < span.end:
        noun = _of_object(span) or _in_object(root)
    if noun is None and root.dep_ == "pobj" and root.head.head.pos_ in NOUNS:
        noun = _of_whole(root.head.head) if root.head.head.i < span.start else None
    if noun is None and root.dep_ == "appos" and root.head.pos_ in NOUNS:
        noun = root.head  # "the four-year number, $25,000"
    if noun is not None and (noun.like_num or noun.lower_ in SHARES):
        noun = None  # "44 percent to Trump's 34 percent": another figure measures nothing here
    by_noun = (
        ([_phrase(noun, taken, root), _deed(noun, taken)], [noun, noun.head])
        if noun is not None
        else ([], [])
    )
    subset = _subset(span, taken)
    if noun is not None and subset:
        whole = [t for t in _up_to(noun) if t.dep_ not in ("det", "nummod") and not t.like_num]
        return [whole, subset], [noun]
    if noun is not None and noun.lemma_.lower() not in GENERIC:
        return by_noun
    # "surpassed the $1 billion mark": a generic noun leaves the verb to say what is measured.
    by_verb = _by_verb(root, taken)
    return by_verb if any(by_verb[0]) else by_noun


def _deed(noun: Token, taken: set[int]) -> list[Token]:
    """`a billion people who depend on farming`, `a dozen people demonstrated outside the paper`."""
    if noun.lemma_.lower() not in PEOPLE:
        return []
    clause = next((c for c in noun.rights if c.dep_ == "relcl"), None)
    if clause is not None:
        return _trimmed(_cut(list(clause.subtree), clause)[:LONGEST_PHRASE])
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in VERBS or verb.lemma_ == "be":
        return []
    complement = _complement(verb, taken)
    # "603,000 people voted, a 20% increase": what follows a comma says something else.
    if complement and any(t.is_punct for t in verb.doc[verb.i + 1 : complement[0].i]):
        complement = []
    return _verb_group(verb) + complement


def _governing_verb(root: Token) -> list[Token]:
    """The nearest verb above the figure, as a list of one (or none)."""
    return next(([token] for token in root.ancestors if token.pos_ in VERBS), [])


def _by_verb(root: Token, taken: set[int]) -> tuple[list[list[Token]], list[Token]]:
    verbs = _governing_verb(root)
    if not verbs:
        return [], []
    verb = verbs[0]
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ != "be":
        # "46 percent would back Trump": the figure counts those who do what the verb says
        # (whatever the tagger made of the verb: `back` is often an adverb to it).
        return [_verb_group(root.head) + _complement(root.head, taken)], [root.head]
    return _from_verb(root, verb, taken)


def _modified_noun(token: Token) -> Token | None:
    """The noun a figure modifies, through the adjectives between: `6.5 percent average growth`."""
    while token.dep_ in MODIFIERS and token.head.i != token.i:
        token = token.head
        if token.pos_ in NOUNS:
            return token
    return None


def _of_object(span: Span) -> Token | None:
    """`24 percent of the contributors`, `thousands of shootings`: the object of `of`."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ != "of":
        return None
    objects = [child for child in after.children if child.dep_ == "pobj"]
    if not objects:
        return None
    if objects[0].lower_ in RELATIVES:
        return _antecedent(objects[0])
    return objects[0] if objects[0].pos_ in NOUNS else None


def _subset(span: Span, taken: set[int]) -> list[Token]:
    """`987 subsidiaries, 537 of which are in the Caymans`: the clause says which ones."""
    relative = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None
    if relative is None or span.doc[span.end].lower_ != "of" or relative.lower_ not in RELATIVES:
        return []
    clause = next((a for a in relative.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return []
    helpers = [] if clause.lemma_ == "be" else _verb_group(clause)
    return helpers + _complement(clause, taken)


def _of_whole(noun: Token) -> Token:
    """`a margin of error of 4 percent` measures the margin of error, not the error."""
    owner = noun.head.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and owner.pos_ in NOUNS:
        return owner
    return noun


def _in_object(root: Token) -> Token | None:
    """`$65.4 billion in taxes`, `$2 billion in American exports`: what the money is in."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "in" and not _is_time(child):
            return next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in NOUNS), None)
    return None


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative clause hangs on: `subsidiaries, 537 of which` -> subsidiaries."""
    for ancestor in relative.ancestors:
        if ancestor.dep_ == "relcl":
            return ancestor.head if ancestor.head.pos_ in NOUNS else None
    return None


def _from_verb(root: Token, verb: Token, taken: set[int]) -> tuple[list[list[Token]], list[Token]]:
    """`the deficit was $438 billion`, `cut emissions by 80%`, `Apple holds $215 billion`."""
    inside = {t.i for t in root.subtree}
    objects = [
        _resolved(c)
        for c in verb.children
        if c.dep_ == "dobj"
        and c.i not in inside
        and not c.is_ancestor(root)
        # "shows what the Fusion would cost: $30,253": `what` is the figure's own place.
        and c.tag_ not in ("WP", "WDT")
    ]
    if objects and verb.lemma_ != "be":
        return (
            ([_phrase(objects[0], taken, root)], [objects[0], verb])
            if _is_noun(objects[0])
            else ([], [])
        )
    subject = _subject(verb, inside)
    if subject is None and root.dep_ == "dobj" and verb.lemma_ != "be":
        # "lend Mr. Clarke $5 million", "cost the Treasury $374 billion": what is done with it.
        return [_verb_group(verb) + _receiver(verb, inside) + _verb_object(verb, root)], [verb]
    if subject is None:
        return [], []
    phrase = _phrase(subject, taken, root)
    if verb.lemma_ == "be" or verb.lemma_ in CHANGES or root.dep_ not in ("dobj", "attr"):
        return [phrase], [subject, verb]
    # "the miners' union invested $10 million in the mine": subject, verb and where it went.
    return [phrase, _verb_group(verb) + _verb_object(verb, root)], [subject, verb]


def _receiver(verb: Token, inside: set[int]) -> list[Token]:
    datives = [c for c in verb.children if c.dep_ == "dative" and c.i not in inside]
    return _whole(list(datives[0].subtree)) if datives else []


def _verb_object(verb: Token, root: Token) -> list[Token]:
    after = [c for c in verb.rights if c.i > root.i and _attaches(c) and c.dep_ == "prep"]
    return _whole(list(after[0].subtree)) if after else []


def _is_noun(token: Token) -> bool:
    return token.pos_ in NOUNS and token.tag_ not in ("WP", "WDT")


def _subject(verb: Token, inside: set[int]) -> Token | None:
    """The verb's subject noun; for `which` or a participle, the noun the clause hangs on."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
    subject = _resolved(subjects[0]) if subjects else None
    if subject is None and verb.dep_ == "conj":
        # "Apple holds $215 billion and would owe $65 billion": the first verb's subject.
        return _subject(verb.head, inside)
    if (subject is None or subject.lower_ in RELATIVES) and verb.dep_ in ("relcl", "acl"):
        subject = verb.head
    if subject is None and verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        # "slapped tariffs, ranging from 5 to 25 percent": the participle tells of the object.
        subject = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    return subject if subject is not None and _is_noun(subject) else None


def _phrase(noun: Token, taken: set[int], root: Token) -> list[Token]:
    """The noun with its modifiers and first attached prepositional phrase, less the figure.

    The phrase may hang on the figure rather than the noun: in `24 percent of the contributors
    to her campaign` the parser often attaches `to her campaign` to `percent`.
    """
    excluded = set(taken)
    for token in noun.subtree:
        if token.i in excluded or _dropped(token, excluded | {noun.i}):
            excluded |= {t.i for t in token.subtree}
    left = [t for t in noun.subtree if t.i < noun.i and t.i not in excluded]
    right = []
    attached = [
        c for c in [*noun.rights, *(c for c in root.rights if c.i > noun.i)] if _attaches(c)
    ]
    if attached:
        # "margin of error of 4 points": the phrase stops where the figure begins.
        before = min(taken) if min(taken) > attached[0].i else len(noun.doc)
        right = _whole([t for t in attached[0].subtree if t.i not in excluded and t.i < before])
    while left and left[0].dep_ == "det":
        left = left[1:]
    return [*left, noun, *right]


def _attaches(token: Token) -> bool:
    """`deficit with Beijing`, `tariff on steel`, `obligations to pay`, `penalty imposed by`."""
    if token.dep_ == "prep":
        return token.lower_ in ATTACHED and not _is_time(token)
    return token.dep_ == "acl"


def _cut(tokens: list[Token], clause: Token | None = None) -> list[Token]:
    """A phrase up to its first comma or relative clause (other than `clause`, when the phrase
    is one), without a dangling `by` or `the`."""
    kept = []
    for token in tokens:
        ends = token.is_punct and token.text in ",;:(—–"
        if ends or (token.dep_ == "relcl" and token != clause):
            break
        kept.append(token)
    return _trimmed(kept)


def _trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].pos_ in DANGLING:
        tokens = tokens[:-1]
    return tokens


def _whole(tokens: list[Token]) -> list[Token]:
    """The phrase cut at its first comma, or nothing when it is too long to read as a label."""
    kept = _cut(tokens)
    return kept if len(kept) <= LONGEST_PHRASE else []


def _dropped(token: Token, kept_heads: set[int]) -> bool:
    """Determiners, clauses and other numbers say nothing of what is measured."""
    if token.head.i not in kept_heads:
        return False
    return token.dep_ in DROPPED or (token.dep_ == "nummod" and token.ent_type_ != "DATE")


def _verb_group(verb: Token) -> list[Token]:
    """The verb with its helpers, particle and adverb: `would raise`, `holds offshore`."""
    helpers = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg") and c.lower_ != "to"]
    adverbs = [c for c in verb.rights if c.dep_ in ("prt", "advmod") and c.n_rights == 0]
    return [*helpers, verb, *adverbs[:1]]


def _complement(verb: Token, taken: set[int]) -> list[Token]:
    """What the verb says of the figure's subject: `back Trump`, `said Clinton was justified`."""
    for child in verb.rights:
        if not (child.is_punct or child.dep_ in ("cc", "conj") or child.i in taken):
            return _trimmed(_cut([t for t in child.subtree if t.i not in taken])[:LONGEST_PHRASE])
    return []


def _time_reference(anchors: list[Token], taken: set[int]) -> str:
    """`through 2020`, `over the next decade`: the date phrases on the anchor nearest the figure."""
    for anchor in anchors:
        phrases, used = [], set(taken)
        for child in anchor.children:
            if child.i in used or not _is_time(child):
                continue
            tokens = _through_date_end([t for t in child.subtree if t.i not in used])
            if 0 < len(tokens) <= LONGEST_PHRASE:
                phrases.append(tokens)
                used |= {t.i for t in tokens}
        if phrases:
            return " ".join(_text(tokens, lower_first=True) for tokens in phrases)
    return ""


def _through_date_end(tokens: list[Token]) -> list[Token]:
    """A date phrase runs to the end of its date: `in [the five years] [through 2020]`."""
    if not tokens:
        return tokens
    doc, end = tokens[0].doc, tokens[-1].i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "DATE":
        end += 1
    return [*tokens, *doc[tokens[-1].i + 1 : end]]


def _possessive_date(span: Span) -> list[Token]:
    """`last year's $309 billion`: a date owning the figure, whatever the parse made of it."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in ("'s", "’s", "’", "'"):
        return []
    end = span.start - 1
    start = end
    while start > 0 and doc[start - 1].ent_type_ == "DATE":
        start -= 1
    return list(doc[start : span.start]) if start < end else []


def _is_time(token: Token) -> bool:
    if token.dep_ == "prep":
        has_date = any(t.ent_type_ == "DATE" for t in token.subtree if t.i != token.i)
        return has_date and token.lower_ in TIME_PREPS
    return token.dep_ in ("npadvmod", "tmod") and token.ent_type_ == "DATE"


def _rate(span: Span) -> str:
    """`$12 an hour`, `$50 a ton`: the unit a money figure is per."""
    doc = span.doc
    if span.end + 1 >= len(doc):
        return ""
    first, second = doc[span.end], doc[span.end + 1]
    if first.lower_ in RATES and second.lemma_.lower() in RATE_NOUNS:
        return f"{first.text} {second.text}"
    return ""


def _text(tokens: list[Token], lower_first: bool = False) -> str:
    """Tokens as written, spaced as in the source; gaps left by the figure close up.

    `lower_first` lower-cases a sentence-initial `In` or `By` moved inside the phrase.
    """
    ordered = sorted(tokens, key=lambda token: token.i)
    words = [token.text for token in ordered]
    if lower_first and ordered and ordered[0].is_sent_start and ordered[0].pos_ in DANGLING:
        words[0] = words[0].lower()
    text = "".join(
        word + (token.whitespace_ if nxt.i == token.i + 1 else " ")
        for word, (token, nxt) in zip(words, pairwise(ordered), strict=False)
    ) + (words[-1] if words else "")
    return " ".join(text.split()).strip(" ,;:-–—")
