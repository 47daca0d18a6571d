"""Canonical speaker names inside one article.

People are the model's PERSON entities, and the full names it missed (`Nicola Sturgeon` taken
for an organisation, `Theresa May` for nothing; see `_missed_names`): a full name (`Wilbur
Ross`) stands for its shorter forms (`Ross`, `Mr. Ross`, `Mr Ross`; `Wang` for `Wang Yang`).
When several people share a surname, a short form goes to the one its form of address and title
allow, then to the one the sentences were last about; a titled short form no one named in full
can be is a person of its own (`President Obama` beside `Michelle Obama`). The owner in front of
a description (`Obama's former strategist`) is not who speaks. Pronouns go to the latest person
of matching gender (told by `Mr.`/`Mrs.` or a pronoun that can only be theirs) who spoke, was a
subject or was introduced with an office before them; `who` to the noun its clause hangs on.
Anything else that speaks (`Washington`, `the ministry`) is a body named as written; a common
noun for many who can speak (`Critics`, `Police`, `Clinton supporters`) is a group, a body,
however the tagger reads it. A description is named as a reader reads it mid-sentence
(`critics`, `one critic`): its capital was the sentence's or the headline's, and it names no one
the directory can file.
Titles and organisations come from the words around a person's name: `Commerce Secretary Wilbur
Ross`, `He Weiwen, deputy director of the Center for China and Globalization`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from digest.quotes._cues import lexicon
from digest.records import Speaker
from digest.words import office_title, speaker_words, spelled_out, title_head

HONORIFIC_GENDER = {
    "mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f",
    "sir": "m", "dame": "f", "lord": "m", "lady": "f", "baron": "m", "baroness": "f",
    "viscount": "m", "viscountess": "f", "earl": "m", "countess": "f",
}  # fmt: skip
PEERAGES = frozenset(speaker_words()["peerages"])
KNIGHTHOODS = frozenset({"sir", "dame"})  # said with a given name: `Sir Keir`
# Words the model may take into a person's name that are no part of it: forms of address, offices
# and descriptions in front (`Organizer Dwayne Croteau`, `Former Gov. Jeb Bush`), folded.
NOT_NAMES = frozenset(
    {"the"}.union(
        *(
            speaker_words()[kind]
            for kind in ("honorifics", "peerages", "roles", "descriptors", "generic")
        ),
        speaker_words()["abbreviations"],
    )
)
SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GIVEN_NAME_GENDER = {
    name.lower(): gender
    for gender, kind in (("f", "female"), ("m", "male"))
    for name in speaker_words()["given_names"][kind]
}
COLLECTIVE = frozenset({"they", "it", "their", "its"})
BODY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Past this many characters a pronoun's antecedent must have been a speaker or a subject.
NEAR = 1500
# How far ahead, in characters, a lede's description looks for the person it introduces.
LOOK_AHEAD = 600
# How far back, in mentions, a pronoun or a description looks for whom it stands for.
LOOK_BACK = 200
MAX_TITLE_WORDS = 6
# ... and with what the office is of (`Minister of Small Business, Export Promotion and
# International Trade`).
MAX_OFFICE_WORDS = 12
ROLE_WORDS = frozenset(speaker_words()["roles"])
HONORIFICS = frozenset(speaker_words()["honorifics"])
# A dateline's dash comes within this many tokens of its place: `WASHINGTON (AP) —`.
DATELINE_TAIL = 4
DASHES = frozenset({"—", "–", "-", "--"})
# Words in front of an office that do not tell which office it is: `former`, `deputy`, `top`.
GENERIC_WORDS = frozenset(speaker_words()["generic"])
# Heads that name an office only with a modifier: `the Treasury chief`, `the IMF head`.
GENERIC_HEADS = frozenset(speaker_words()["generic_heads"])
PLACES = frozenset({"GPE", "NORP", "PERSON", "DATE"})
PHRASE_ENDS = frozenset({"appos", "relcl", "acl", "punct", "cc"})
PLACE_PREPS = frozenset({"in", "from", "based"})
# Prepositions after a role that name its employer: `director of`, `economist at`, `spokeswoman
# for`.
ROLE_PREPS = frozenset({"of", "at", "for"})
BODY_WORDS = frozenset(speaker_words()["bodies"])
# Nouns for those who can speak, singular (`critic`, `spokesman`, `farmer`), and the endings of
# nouns for those who do something (`exporter`): the head of a description that is no name.
SPEAKING_WORDS = frozenset(
    word for kind in ("speaking", "roles", "descriptors") for word in speaker_words()[kind]
)
SPEAKING_ENDINGS = tuple(speaker_words()["speaking_endings"])
# English plural endings and the singular's (`analysts`, `parties`, `witnesses`, `spokesmen`);
# None: a singular's ending (`witness`, `census`, `analysis`).
PLURAL_ENDINGS: tuple[tuple[str, str | None], ...] = (
    ("men", "man"), ("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
    ("ss", None), ("us", None), ("is", None), ("s", ""),
)  # fmt: skip
# Words in front of a noun capitalised only where a sentence or a headline opens (`One critic`,
# `Some analysts`, `Senior officials`), unless an entity makes them part of a name (`Chinese`).
OPENING_TAGS = frozenset({"DT", "PDT", "CD", "PRP$", "JJ", "JJR", "JJS"})
ARTICLES = frozenset({"the", "a", "an"})
# Roles and descriptions of a person (`spokesman`, `critic`), singular.
PEOPLE_WORDS = frozenset(
    word for kind in ("roles", "descriptors") for word in speaker_words()[kind]
)
NAMING_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
# A word of a name: a letter first, then letters, digits, dots, apostrophes, hyphens, `&`.
NAME_WORD = re.compile(r"[^\W\d_][\w.'’&-]*")
COUNT = re.compile(r"\d[\d,.]*")  # `500`, `1,200` in a description of a group
# A line is in title case (a headline) when this share of its longer words is capitalised.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_MIN_WORDS = 3
# A line some of whose longer words are in lower case is in title case only when a short word
# is capitalised inside it (`Ross Says Tariffs Are Working For Now`), never a sentence naming
# people and places (`Jagmeet Singh spoke in Windsor on Monday.`).
SHORT_CAPITAL = re.compile(r"(?<=\s)[A-Z][a-z]{0,2}(?=\s)")
LONGER_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
PROPER_TAGS = frozenset({"NNP", "NNPS"})
# How far after a subject, in tokens, a pronoun may tell the subject's gender, and how many heads
# up a possessive may stand from its clause's verb: a bound on pathological sentences.
BOUND_WINDOW = 40
MAX_CLAUSE_STEPS = 12
# Clauses whose subject pronoun is the person who said or did them: `Sanders said he would`.
CLAUSES = frozenset({"ccomp", "advcl", "conj"})
OBJECTS = frozenset({"dobj", "dative", "iobj"})
# A full name the model missed is at most this many words (`Mary-Jane O'Neil`, `Charles de Gaulle`).
MAX_NAME_WORDS = 4
# Lower-case words inside names (`Charles de Gaulle`, `Ursula von der Leyen`).
PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "van", "von", "der", "den", "da", "di", "dos", "bin", "al"}
)
# Entities the model gives things that cannot speak: a speaking subject so labelled is a name.
SILENT_LABELS = frozenset({"WORK_OF_ART", "PRODUCT"})
# Entities no word of a person's name stands in.
NOT_PERSON_LABELS = frozenset(
    {"GPE", "NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
)
# Determiners and conjunctions the model takes into a name at its edge (`Neither Cruz`).
EDGE_WORDS = frozenset({"DT", "CC"})


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None  # what a form of address or the person's own pronoun tells
    title: str | None = None
    organization: str | None = None
    first: int = 0  # where the article first named the person
    described: set[str] = field(default_factory=set)  # head nouns the person was described by
    sides: set[str] = field(default_factory=set)  # `republican`, `chinese` written in front

    @property
    def likely_gender(self) -> str | None:
        """The gender the text tells, else the one the given name suggests (`Claire`)."""
        return self.gender or GIVEN_NAME_GENDER.get(self.name.split()[0].lower())


@dataclass
class Named:
    """Where an article names one person by one word, in order: every mention, and the
    prominent ones (see `Names._prominent`)."""

    offsets: list[int] = field(default_factory=list)
    prominent: list[int] = field(default_factory=list)

    def add(self, offset: int, prominent: bool) -> None:
        insort(self.offsets, offset)
        if prominent:
            insort(self.prominent, offset)


@dataclass(frozen=True)
class Candidate:
    """A possible antecedent: where it was named, who it is, and how prominent it was."""

    offset: int
    name: str
    person: bool
    prominent: bool


class Names:
    def __init__(self, doc: Doc, quoted: list[bool], entity_of: dict[int, Span]) -> None:
        self.doc = doc
        self.quoted = quoted
        self.entity_of = entity_of
        self.people: dict[str, Person] = {}
        self.name_at: dict[int, str] = {}  # each token of a person's mention -> canonical name
        # Where each person is named by a surname, or by the first word of a full name.
        self.full: dict[str, dict[str, Named]] = {}
        self.given: dict[str, dict[str, Named]] = {}
        self.candidates: list[Candidate] = []
        self.spoke: list[str] = []  # names of speakers, in order of first quote
        self.bodies: set[str] = set()  # names of speakers that are groups
        self.headline = _title_case_lines(doc)
        self._read_people()

    # ------------------------------------------------------------ people

    def _read_people(self) -> None:
        """Two passes: full names first, each with the titles and forms of address written
        with it; then each surname alone, in order, goes to the person it can be (see
        `_short_form`), so that a title is the person's it was written next to."""
        people = _people(self.doc, self.headline)
        read = {ent: _name_and_leading(people[ent]) for ent in people}
        longer = _longer_names([words for words, _ in read.values()])
        by_full: dict[tuple[str, str], str] = {}
        for ent, (words, leading) in read.items():
            if len(words) > 1:
                whole = longer.get(_lowered(words), words)
                name = by_full.setdefault((whole[0].lower(), whole[-1].lower()), " ".join(whole))
                for index, word in ((self.full, whole[-1]), (self.given, whole[0])):
                    named = index.setdefault(word.lower(), {}).setdefault(name, Named())
                    named.add(ent.start_char, self._prominent(ent))
                self._read(ent, name, " ".join(words), leading)
        for ent, (words, leading) in read.items():
            if len(words) == 1:
                name, sure = self._short_form(ent, words[0], leading)
                self._read(ent, name, words[0], leading, sure)
        for ent in self.doc.ents:
            if (
                ent.start not in self.name_at
                and ent.label_ in BODY_LABELS
                and ent.root.dep_ in SUBJECTS
                and not self.quoted[ent.root.i]
            ):
                self.candidates.append(Candidate(ent.start_char, _body_name(ent), False, True))
        self.candidates.sort(key=lambda c: c.offset)
        self.offsets = [c.offset for c in self.candidates]

    def _read(
        self, ent: Span, name: str, written: str, leading: list[str], sure: bool = True
    ) -> None:
        self.name_at.update(dict.fromkeys(range(ent.start, ent.end), name))
        if name not in self.people:
            self.people[name] = Person(name, first=ent.start_char)
        self._describe(self.people[name], ent, written, leading, sure)
        if not self.quoted[ent.root.i]:
            self.candidates.append(Candidate(ent.start_char, name, True, self._prominent(ent)))

    def _prominent(self, ent: Span) -> bool:
        """Is the person what the sentence is about, outside what someone said: its subject
        (`Ryan said Obama has ...` speaks about Obama), or someone it introduces with an office
        (`which worries Henry Crespo, president of the Latino Chamber`)?"""
        root = ent.root
        if self.quoted[root.i]:
            return False
        # A clause the parser hangs under quoted words (`McCaskill scolded him: “...,” she
        # said`) is still the narration's.
        reported = root.head.dep_ == "ccomp" and not self.quoted[root.head.head.i]
        subject = root.dep_ in SUBJECTS and not reported
        return subject or any(
            _is_description(child) and office_title(_phrase_to(child).text)
            for child in root.children
        )

    def _bound_gender(self, ent: Span) -> str | None:
        """The gender the sentence gives its subject by a pronoun that can only be theirs: a
        possessive in their own clause (`Sanders thanked his home state`), or the subject of
        what they said or did, told no one (`Sanders said he would ...`); an object pronoun
        never is."""
        root = ent.root
        if root.dep_ not in SUBJECTS:
            return None
        verb, end = root.head, min(ent.end + BOUND_WINDOW, ent.sent.end)
        # `Wakefield told the Post that she was a regular`: she may be anyone told of.
        told = any(child.dep_ in OBJECTS for child in verb.children)
        found = set()
        for token in self.doc[ent.end : end]:
            if token.ent_type_ == "PERSON":
                break  # `Trump attacked Clinton for her support`: hers, maybe
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is None or self.quoted[token.i] != self.quoted[root.i]:
                continue
            owned = token.dep_ == "poss" and _clause(token) == verb
            reported = token.dep_ in SUBJECTS and token.head.dep_ in CLAUSES
            if owned or (reported and token.head.head == verb and not told):
                found.add(gender)
        return found.pop() if len(found) == 1 else None

    def _short_form(self, ent: Span, word: str, leading: list[str]) -> tuple[str, bool]:
        """The person a surname alone (or a Chinese family name, or a given name) stands for,
        among the people the article named in full with it and those it named by surname
        alone: never one its form of address (`Mr.`) rules out, nor, for a title, one named
        only later with no office; one they confirm before the others, and one of another
        office last; then the latest to be the subject of a sentence, else the latest named,
        else the first named after it. Someone it can be no one of is a person of their own
        (`President Obama`, when only `Michelle Obama` is named in full). And whether the
        choice is sure enough for its form of address to tell the person's gender."""
        gender = HONORIFIC_GENDER.get(_address(ent, leading))
        offices = [title for title in map(office_title, self._phrases(ent, leading)[0]) if title]
        head = title_head(offices[0]) if offices else None
        key, offset = word.lower(), ent.start_char
        index = next((index for index in (self.full, self.given) if key in index), self.full)
        named = index.setdefault(key, {})
        fitting = {n: m for n, m in named.items() if self._fits(n, gender, head, offset)}
        confirmed = {n: m for n, m in fitting.items() if self._confirms(n, gender, head)}
        unopposed = {n: m for n, m in fitting.items() if not self._opposes(n, head)}
        name = _salient(confirmed or unopposed or fitting, offset) or _peer(leading, word)
        named_before = [n for n, m in fitting.items() if m.offsets[0] < offset]
        sure = bool(confirmed) or len(named_before or fitting) <= 1
        named.setdefault(name, Named()).add(offset, self._prominent(ent))
        return name, sure

    def _fits(self, name: str, gender: str | None, head: str | None, offset: int) -> bool:
        """Can the person be the one a mention at `offset` with this form of address and title
        names? Not one addressed otherwise, nor, for a title, one named only later with no
        office: `President Obama` is not the `Michelle Obama` an article names further on."""
        person = self.people[name]
        if gender is not None and person.likely_gender not in (None, gender):
            return False
        return head is None or person.title is not None or person.first < offset

    def _confirms(self, name: str, gender: str | None, head: str | None) -> bool:
        """Is the person known by the form of address or the title a mention carries?"""
        person = self.people[name]
        return (gender is not None and person.gender == gender) or head in person.described

    def _opposes(self, name: str, head: str | None) -> bool:
        """Does the person hold another office than the title a mention carries? `Senator
        Cruz` is not the Cruz described as a judge (`leader`, `chief` name any office)."""
        person = self.people[name]
        return (
            head is not None
            and person.title is not None
            and head not in person.described
            and head not in GENERIC_HEADS
        )

    def _short(self, word: str, offset: int) -> str:
        """The full name a lone surname (or a Chinese family name) stands for."""
        for index in (self.full, self.given):
            found = _salient(index.get(word.lower(), {}), offset)
            if found is not None:
                return found
        return word

    def _phrases(self, ent: Span, leading: list[str]) -> tuple[list[str], str | None]:
        """What a mention is called beside the name, first what is in front, and the
        organisation."""
        phrases, organization = _descriptions(ent, self.entity_of)
        return [*phrases, " ".join(leading)], organization

    def _describe(
        self, person: Person, ent: Span, written: str, leading: list[str], sure: bool
    ) -> None:
        """What the mention tells of the person: another way of writing the name, gender by a
        form of address (`Mrs.`) when `sure` the mention is theirs, title and organisation."""
        if written != person.name and written not in person.aliases:
            person.aliases.append(written)
        if sure:
            address = HONORIFIC_GENDER.get(_address(ent, leading))
            person.gender = person.gender or address or self._bound_gender(ent)
        phrases, organization = self._phrases(ent, leading)
        offices = [title for title in map(office_title, phrases) if title]
        person.title = person.title or next(iter(offices), None)
        person.organization = person.organization or organization
        # `the actress` is still the person `actress Jane Fonda` was, though no title is shown.
        person.described.update(filter(None, map(title_head, phrases)))
        person.sides.update(_sides(self.doc[_title_start(ent) : ent.start]))

    # ------------------------------------------------------------ resolution

    def resolve(self, source: Span) -> tuple[str | None, bool]:
        """The canonical name of the speaker a mention stands for, and whether it is a person;
        remembered as a speaker."""
        name, person = self._resolve(source)
        if name is not None:
            at = bisect_left(self.offsets, source.start_char)
            self.offsets.insert(at, source.start_char)
            self.candidates.insert(at, Candidate(source.start_char, name, person, True))
            if name not in self.spoke:
                self.spoke.append(name)
        return name, person

    def _resolve(self, source: Span) -> tuple[str | None, bool]:
        root = source.root
        if len(source) == 1 and root.tag_ in ("WP", "WDT") and root.head.dep_ == "relcl":
            return self._resolve(self.doc[root.head.head.i : root.head.head.i + 1])
        if len(source) == 1 and root.tag_ in ("PRP", "PRP$"):
            return self._antecedent(root)
        subject = _subject_after_dateline(source)
        if subject is not None and subject.i in self.name_at:
            return self.name_at[subject.i], True
        person = (
            self._person(source)
            or self._apposed(source)
            or self._titled(source)
            or self._introduced_after(source)
        )
        if person is not None:
            return person, True
        return self._body_text(source), False

    def _titled(self, source: Span) -> str | None:
        """`the governor` is the latest person before it whose title says governor; `the
        Treasury chief`, the latest whose title or organisation says Treasury; `the Prime
        Minister`, capitalised as British and Canadian outlets write an office, the latest
        whose title says prime minister, never a finance minister."""
        root = source.root
        described = source[1:].text
        if source[0].lower_ != "the" or not (
            root.tag_ == "NN" or (root.tag_ in PROPER_TAGS and office_title(described))
        ):
            return None
        modifiers = {t.lower_ for t in source[1:] if t.i != root.i and not t.is_punct}
        head = title_head(described)  # `front-runner` whole
        sides = _sides(source)
        at = bisect_left(self.offsets, source.start_char)
        for k in range(at - 1, max(at - LOOK_BACK, 0) - 1, -1):
            person = self.people.get(self.candidates[k].name)
            if person is None or (sides and person.sides and not sides & person.sides):
                continue  # `the Democratic nominee` is no one written as a Republican
            role = _title_words(person.title) | _title_words(person.organization)
            if (head == title_head(person.title) or head in person.described) and (
                root.tag_ == "NN" or _specific(source[1:]) <= role
            ):
                return person.name
            if root.lower_ in GENERIC_HEADS and modifiers and modifiers <= role:
                return person.name
        return None

    def _introduced_after(self, source: Span) -> str | None:
        """A lede's description of someone it names in the next sentences, before anyone else
        is named (`Canada's top trade negotiator says ...`, then `Steve Verheul, Canada's chief
        negotiator, told ...`): the first person named after it, soon, whose office it names."""
        office = _described_office(source)
        before = self.candidates[: bisect_left(self.offsets, source.start_char)]
        if office is None or any(candidate.person for candidate in before):
            return None
        head = title_head(office.text)
        at = bisect_left(self.offsets, source.end_char)
        for candidate in self.candidates[at:]:
            if candidate.offset - source.end_char > LOOK_AHEAD:
                break
            person = self.people.get(candidate.name)
            if person is not None and (
                head == title_head(person.title) or head in person.described
            ):
                return person.name
        return None

    def _apposed(self, source: Span) -> str | None:
        """`The Prime Minister, Boris Johnson, said`: the person a description of a person is
        set beside (an office, a role, a noun for one who does something), never a place's or
        an organisation's apposition."""
        root = source.root
        if root.ent_type_ in NAMING_LABELS or not (
            _is_office(root)
            or root.lower_ in PEOPLE_WORDS
            or (root.tag_ == "NN" and root.lower_.endswith(SPEAKING_ENDINGS))
        ):
            return None
        for child in _apposition_candidates(root):
            if child.i in self.name_at and not self.quoted[child.i]:
                return self.name_at[child.i]
        return None

    def _body_text(self, source: Span) -> str | None:
        """The name of what speaks, no person: noted as a group when the model calls it an
        organisation, a place or a people, or it is a plural proper noun (`Canadians`) or a
        common noun for many who can speak (`Critics`, `the police`), whatever entity the model
        saw in that one word; a description is named as read mid-sentence (`critics`)."""
        root = source.root
        entity = self.entity_of.get(root.i)
        # `Unifor, the union representing auto workers, said`: set beside a body, a body.
        group = self._group(root) or any(
            c.dep_ == "appos" and c.lower_ in BODY_WORDS for c in root.children
        )
        # The model may take a plural alone for an organisation or a person (`Farmers`), never
        # for a people (`Republicans`).
        misread = entity is not None and entity.label_ != "NORP" and _lone(entity, root)
        if entity is not None and not (misread and self._plural(root)):
            name = _body_name(entity)
            group = group or entity.label_ in BODY_LABELS
        else:
            name = self._as_read(source)
            group = group or root.tag_ == "NNPS"
        if group:
            self.bodies.add(name)
        return name or None

    def _group(self, token: Token) -> bool:
        """Is the word a body (`the ministry`, `police`) or a plural of those who can speak
        (`Critics`)?"""
        return token.lower_ in BODY_WORDS or self._plural(token)

    def _plural(self, token: Token) -> bool:
        """Is the word a plural of a noun for those who can speak, however the tagger tags it
        (`Critics`, `Analysts`, `Exporters` in a headline)? Never a word of a name the article
        gives a person (`Sanders`)."""
        lower = token.lower_
        if lower in self.full or lower in self.given:
            return False
        singular, common = _singular(token)
        if singular in SPEAKING_WORDS or singular in BODY_WORDS:
            return True
        # An ending alone (`-er`, `-ist`) tells only of a word the tagger reads as a common
        # plural and the article never capitalises mid-sentence: `Summers` may be a name.
        return (
            common
            and singular is not None
            and singular.endswith(SPEAKING_ENDINGS)
            and lower not in self._capitals
        )

    @cached_property
    def _capitals(self) -> set[str]:
        """The words, lower case, the article capitalises where neither a sentence nor a
        headline makes them: names (`Summers`), never common nouns."""
        capitals = set()
        for sentence in self.doc.sents:
            opened = False
            for token in sentence:
                if opened and token.is_title and not self.headline(token):
                    capitals.add(token.lower_)
                opened = opened or not token.is_punct
        return capitals

    def _of_group(self, token: Token, source: Span) -> bool:
        """Is the token a word in front of, or after a preposition of, a group of people or a
        body that speaks: `Clinton` of `Clinton supporters`, `Trump` of `aides to Trump` and of
        `the Trump campaign`?"""
        root = source.root
        body = root.tag_ in ("NN", "NNS") and root.lower_ in BODY_WORDS
        if token.i == root.i or not (body or self._plural(root)):
            return False
        return token.i < root.i or any(
            t.dep_ == "prep" and t.head.i == root.i for t in token.ancestors
        )

    def _as_read(self, source: Span) -> str:
        """The words of `source` as a reader reads them mid-sentence: the common words that
        open it capitalised only because they open the sentence (`Critics`, `One critic`) or
        stand in a headline (`Some Analysts Expect ...`) in lower case; the rest as written
        (`Chinese officials`, `Commerce Secretary`, `Red Hot Chili Peppers`)."""
        common = 0
        for token in source:
            placed = self.headline(token) or (common == 0 and _opens_sentence(token))
            if not (placed and self._common(token, source.root)):
                break
            common += 1
        if common and not _read_whole(source, common):
            common = 0
        texts = [
            t.lower_ + t.whitespace_ if k < common else t.text_with_ws for k, t in enumerate(source)
        ]
        return " ".join(_described_words("".join(texts)))

    def _common(self, token: Token, root: Token) -> bool:
        """Is the capitalised word a common one: a group (`Critics`), a role or a description
        of a person (`Spokesman`), or a word in front of one (`One`, `Some`, `Senior`)? An
        article already marks a description (`The ministry`); a people or a party
        (`Republicans`) is capitalised wherever it stands, and so is a body's name
        (`Congress`)."""
        if not token.is_title or token.ent_type_ == "NORP" or token.lower_ in ARTICLES:
            return False
        if token.lower_ in PEOPLE_WORDS:
            return True
        if token.i == root.i:  # `Police` has no plural ending
            return self._plural(token) or (token.tag_ == "NNS" and token.lower_ in SPEAKING_WORDS)
        return token.tag_ in OPENING_TAGS and token.ent_type_ not in NAMING_LABELS

    def _person(self, source: Span) -> str | None:
        # Any word of a name stands for it (`who` hangs on `Cruz` of `Ted Cruz`), but not the
        # owner of what speaks: `Obama's former strategist` is not Obama, nor are `Clinton
        # supporters` Clinton.
        named = [t for t in source if not _possessor(t, source) and not self._of_group(t, source)]
        names = [self.name_at[t.i] for t in named if t.i in self.name_at]
        if names:
            return names[-1]
        surname = True
        for token in reversed(named):  # a name the model took for something else
            words = name_words(token.text)
            if (token.tag_ == "NNP" or token.is_upper) and words:
                name = self._short(words[0], token.idx)
                if name in self.people:
                    if words[0] != name and words[0] not in self.people[name].aliases:
                        self.people[name].aliases.append(words[0])
                    return name
                if surname and _unknown_surname(token):
                    return None  # `Christina N Luis Olidem` is no Christina named before
                surname = False
        return None

    def _antecedent(self, pronoun: Token) -> tuple[str | None, bool]:
        lower = pronoun.lower_
        gender = PRONOUN_GENDER.get(lower)
        if gender is None and lower not in COLLECTIVE:
            return None, False  # `I`, `we`, `you`: the speaker is inside the quote
        wanted_person = gender is not None
        fallback = None
        at = bisect_left(self.offsets, pronoun.idx)
        for k in range(at - 1, max(at - LOOK_BACK, 0) - 1, -1):
            candidate = self.candidates[k]
            if candidate.person != wanted_person or not self._agrees(candidate.name, gender):
                continue
            if candidate.prominent:
                return candidate.name, candidate.person
            if fallback is None and pronoun.idx - candidate.offset < NEAR:
                fallback = candidate
        return (fallback.name, fallback.person) if fallback else (None, False)

    def _agrees(self, name: str, gender: str | None) -> bool:
        person = self.people.get(name)
        return gender is None or person is None or person.likely_gender in (None, gender)

    # ------------------------------------------------------------ records

    def speakers(self) -> tuple[Speaker, ...]:
        return tuple(self._speaker(name) for name in self.spoke)

    def _speaker(self, name: str) -> Speaker:
        person = self.people.get(name)
        if person is None:
            return Speaker(name=name, kind="body" if name in self.bodies else "person")
        return Speaker(
            name=name,
            aliases=tuple(person.aliases),
            title=person.title,
            organization=person.organization,
        )


def _peer(leading: list[str], word: str) -> str:
    """A surname or given name no full name stands for, named as written after a peerage or a
    knighthood, which names a peer or a knight with it (`Lord Frost`, `Sir Keir`)."""
    rank = next((w for w in leading if _folded(w) in PEERAGES | KNIGHTHOODS), None)
    return f"{rank} {word}" if rank else word


def _longer_names(names: list[list[str]]) -> dict[tuple[str, ...], list[str]]:
    """Each name of two words or more that ends a longer one the article gives, with that
    longer name: a surname of several words (`Wasserman Schultz` of `Debbie Wasserman
    Schultz`), which opens with no listed given name."""
    longer: dict[tuple[str, ...], list[str]] = {}
    for words in names:
        for cut in range(1, len(words) - 1):
            # `Donald Trump` is a full name of its own, never the end of `Certainly Donald Trump`.
            if words[cut].lower() not in GIVEN_NAME_GENDER:
                longer.setdefault(_lowered(words[cut:]), words)
    return longer


def _lowered(words: list[str]) -> tuple[str, ...]:
    return tuple(word.lower() for word in words)


def _people(doc: Doc, headline: Callable[[Token], bool]) -> dict[Span, Span]:
    """Each PERSON entity with the part of it that is the name. In a title-case line (a
    headline) every word is capitalised, so the model takes verbs, adjectives and common nouns
    next to a name into it (`Obama Says`, `Derelict Obama`): there a word at the edge is part of
    the name only when the article uses it in a name outside such lines, or, for a person named
    in no other line, when it is tagged a proper noun. Elsewhere a verb at the edge is no part
    of a name either. A lone plural of a noun for those who can speak (`Campaigners`,
    `Pollsters`) is a group the model took for a person."""
    entities = [
        _with_given_name(e) for e in doc.ents if e.label_ == "PERSON" and not _lone_group(e)
    ]
    in_text = {t.lower_ for e in entities for t in e if not headline(t)}
    people = {}
    for ent in entities:
        name = _trimmed(ent, headline(ent[0]), in_text)
        if _words(name):
            people[ent] = name
    for run in _missed_names(doc, headline, people):
        people[run] = run
    return dict(sorted(people.items(), key=lambda item: item[0].start))


def _with_given_name(ent: Span) -> Span:
    """The entity with the given name in front of it the model left out: the first part of a
    hyphenated one (`Yves-François Blanchet`, not `François Blanchet`) or a listed given name
    bound to it (`Debbie Wasserman Schultz`, not `Wasserman Schultz`)."""
    doc, start = ent.doc, ent.start
    while start > 1 and _glued_hyphen(doc[start - 1]) and doc[start - 2].is_title:
        start -= 2
    if start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ in PEERAGES | KNIGHTHOODS:
        start -= 1  # `Lord Frost`, `Sir Keir`: the rank is part of how the person is named
    elif start > 0:
        before = doc[start - 1]
        if (
            before.lower_ in GIVEN_NAME_GENDER
            and before.is_title
            and before.tag_ in PROPER_TAGS
            and not before.ent_type_
            and before.dep_ == "compound"
            and ent.start <= before.head.i < ent.end
        ):
            start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label=ent.label)


def _glued_hyphen(token: Token) -> bool:
    """A hyphen with no space on either side, inside a word: `Anne-Marie`."""
    doc = token.doc
    return (
        token.text == "-"
        and 0 < token.i < len(doc) - 1
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def _missed_names(doc: Doc, headline: Callable[[Token], bool], people: dict[Span, Span]):
    """Full names the model did not take for a person (`Nicola Sturgeon` read as an
    organisation, `Theresa May` as nothing, `Jagmeet Singh told` as a work of art), in runs of
    capitalised proper nouns outside headlines (see `_name_in_run`)."""
    taken = {t.i for ent in people for t in ent}
    named = [_words(name) for ent, name in people.items() if not headline(ent[0])]
    known = Known(
        surnames={words[-1].lower() for words in named},
        given={words[0].lower() for words in named if len(words) > 1},
        common={t.lower_ for t in doc if t.is_lower},
    )
    for run in _proper_runs(doc, taken, known):
        if not headline(run[0]):
            name = _name_in_run(run, known)
            if name is not None:
                yield name


@dataclass(frozen=True)
class Known:
    """What an article tells of the words of names: the surnames and given names of the people
    the model found, and the words it writes in lower case, which are common words."""

    surnames: set[str]
    given: set[str]
    common: set[str]


def _name_in_run(run: Span, known: Known) -> Span | None:
    """The person's full name a run of proper nouns holds, if it holds one: no body, no plural
    (`Red Hot Chili Peppers`) in it, and either a surname the article gives a person ends it
    (`Ms Sturgeon` later), a listed given name stands in it, an office stands beside it
    (`Finance Minister Bill Morneau`), or the model took the speaking subject for a thing that
    cannot speak (`Jagmeet Singh told` as a work of art). It starts at the first listed given
    name, else at the first of the words in front of the surname that are no common word the
    article writes in lower case (`Outside`, `Year`), and never at a particle (`Le Pen`)."""
    doc = run.doc
    start = run.start
    while start < run.end and _title_word(doc[start].text, run.end - start - 1):
        start += 1
    tokens = list(doc[start : run.end])
    if len(tokens) == 1 and start > run.start and doc[start - 1].lower_ in PEERAGES:
        return doc[start - 1 : run.end]  # `Baroness Hale`
    if len(tokens) < 2 or any(t.tag_ == "NNPS" or _folded(t.text) in BODY_WORDS for t in tokens):
        return None
    listed = [t.i for t in tokens[:-1] if t.lower_ in GIVEN_NAME_GENDER]
    if listed:
        start = listed[0]
        while start > tokens[0].i and not doc[start - 1].whitespace_:
            start -= 1  # the whole of a hyphenated given name (`Jean-Marc`)
    else:
        start = run.end - 1
        while start > tokens[0].i and _front_word(doc[start - 1], known):
            start -= 1
    while start < run.end - 1 and doc[start].lower_ in PARTICLES:
        start += 1
    name = doc[start : run.end]
    if not 2 <= len(name) <= MAX_NAME_WORDS or _modifies_a_noun(name):
        return None
    root = name.root
    if (
        name[-1].lower_ in known.surnames
        or (listed and root.ent_type_ not in BODY_LABELS)
        or (root.ent_type_ in SILENT_LABELS and _speaks(root))
        or any(map(office_title, _descriptions(name, {})[0]))
    ):
        return name
    return None


def _speaks(subject: Token) -> bool:
    """Is the word the subject of a verb of saying (`told`, `said`)?"""
    verb = subject.head
    return subject.dep_ in SUBJECTS and lexicon().is_speech(verb.text)


def _modifies_a_noun(name: Span) -> bool:
    """Does the run stand in front of a common noun it describes (`Islamic State Twitter
    accounts`, `the Trudeau government`), naming no one there?"""
    root = name.root
    return root.dep_ in ("compound", "amod") and root.head.tag_ in ("NN", "NNS")


def _front_word(token: Token, known: Known) -> bool:
    """Can the word stand in front of a surname in a name: a given name the article gives
    someone, or a word it never writes in lower case and no stop word?"""
    lower = token.lower_
    return (
        lower in known.given
        or lower in PARTICLES
        or (lower not in known.common and not token.is_stop)
    )


def _proper_runs(doc: Doc, taken: set[int], known: Known) -> Iterator[Span]:
    """Each longest run of capitalised proper nouns (`Mary-Jane O'Neil`, `Jean-Yves Duclos`)
    outside the people already read, with a particle inside (`Charles de Gaulle`)."""
    start = None
    for token in [*doc, None]:
        inside = (
            token is not None
            and token.i not in taken
            and (
                _name_token(token, known)
                or (start is not None and token.lower_ in PARTICLES and _before_name(token, known))
                or (start is not None and _joins_name(token, known))
            )
        )
        if inside and start is None:
            start = token.i  # type: ignore[union-attr]
        elif not inside and start is not None:
            yield doc[start : token.i if token is not None else len(doc)]
            start = None


def _joins_name(token: Token, known: Known) -> bool:
    """A hyphen glued between two words of a name (`Jean-Marc`), which is one word."""
    return _glued_hyphen(token) and _before_name(token, known)


def _name_token(token: Token, known: Known) -> bool:
    """A capitalised proper noun written as a name is (`McKenna`, `O'Toole`): never an acronym
    (`NDP`, `B.C.`), nor in a place, people or number entity unless the article names a person
    by it (`Singh` taken for a place once, for a person later)."""
    text = token.text
    return (
        token.tag_ in PROPER_TAGS
        and text[:1].isupper()
        and any(c.islower() for c in text)
        and NAME_WORD.fullmatch(text) is not None
        and (
            token.ent_type_ not in NOT_PERSON_LABELS or token.lower_ in known.surnames | known.given
        )
    )


def _before_name(token: Token, known: Known) -> bool:
    after = token.i + 1
    return after < len(token.doc) and _name_token(token.doc[after], known)


def _lone_group(ent: Span) -> bool:
    """A PERSON entity that is one plural of a listed noun for people who can speak
    (`Pollsters`, `Campaigners`); an ending alone (`Summers`) may be a surname."""
    words = [t for t in ent if t.tag_ not in EDGE_WORDS and not t.is_punct]
    return len(words) == 1 and _singular(words[0])[0] in SPEAKING_WORDS


def _singular(token: Token) -> tuple[str | None, bool]:
    """The singular of the word read as a plural noun, lower case (None when it does not end
    like one), and whether the tagger reads it as a common plural: `Critics` -> (`critic`,
    True), by the tagger's lemma; `Exporters` opening a headline, which the tagger may take for
    a proper noun, -> (`exporter`, False), by its ending (`parties` -> `party`)."""
    lemma, word = token.lemma_.lower(), token.lower_
    if token.tag_ == "NNS" and lemma != word:
        return lemma, True
    for plural, singular in PLURAL_ENDINGS:
        if word.endswith(plural) and len(word) > len(plural) + 2:
            return (None if singular is None else word[: -len(plural)] + singular), False
    return None, False


def _read_whole(source: Span, common: int) -> bool:
    """Are the first `common` words of `source` common words rather than the start of a name
    the model missed: up to the noun it is headed by (`Some Analysts`), or followed by no
    capitalised word outside an entity (`One critic`, `One Club for Growth ad`; never `Red`
    of `Red Hot Chili Peppers`)?"""
    if source[common - 1].i >= source.root.i:
        return True
    after = source[common]
    return not (after.is_title and not after.ent_type_)


def _opens_sentence(token: Token) -> bool:
    return all(t.is_punct for t in token.doc[token.sent.start : token.i])


def _lone(entity: Span, token: Token) -> bool:
    """Is `token` all there is to `entity`, but for a determiner (`the Farmers`)?"""
    return all(t.i == token.i or t.tag_ == "DT" for t in entity)


def _trimmed(ent: Span, in_headline: bool, in_text: set[str]) -> Span:
    """`ent` less the words at its edges that are no part of a name."""
    named_elsewhere = in_headline and any(t.lower_ in in_text for t in ent)

    def name_word(token: Token) -> bool:
        if named_elsewhere:
            return token.lower_ in in_text
        if in_headline:
            return token.tag_ in PROPER_TAGS or not token.is_alpha
        return not token.tag_.startswith("VB") and token.tag_ not in EDGE_WORDS

    start, end = ent.start, ent.end
    while end - start > 1 and not name_word(ent.doc[end - 1]):
        end -= 1
    while end - start > 1 and not name_word(ent.doc[start]):
        start += 1
    return ent.doc[start:end]


def _address(ent: Span, leading: list[str]) -> str:
    """The form of address written with a name, lower case: `mr.` of `Mr. Ross`."""
    if leading:
        return leading[0].lower()
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    # `Polls miss Trump's fall` addresses no one.
    if before is None or not before.text[:1].isupper() or before.tag_.startswith("VB"):
        return ""
    return before.lower_


def _described_office(source: Span) -> Span | None:
    """The office a description names, after `the` or the place or body it is of: `trade
    negotiator` of `Canada's top trade negotiator`, `prime minister` of `the prime minister`."""
    doc, start = source.doc, source.start
    if source[0].lower_ == "the":
        start += 1
    else:
        owner = next((t for t in source if t.tag_ == "POS"), None)
        if owner is None or doc[owner.i - 1].ent_type_ not in BODY_LABELS:
            return None
        start = owner.i + 1
    office = doc[start : source.root.i + 1]
    return office if len(office) and office_title(office.text) else None


def _apposition_candidates(root: Token) -> Iterator[Token]:
    """The appositions to a description, or to what it is `of`, in order: `The head of the
    Canadian Steel Producers Association, Catherine Cobden,` whichever noun the parser hung
    the name on."""
    for child in root.children:
        if child.dep_ == "appos":
            yield child
        elif child.dep_ == "prep" and child.lower_ == "of":
            for noun in child.children:
                yield from (c for c in noun.children if c.dep_ == "appos")


def _subject_after_dateline(source: Span) -> Token | None:
    """The verb's other subject when the model took a dateline for one (`TORONTO — The
    Canadian Chamber of Commerce president Perrin Beatty warned`: Beatty)."""
    if not _is_dateline(source):
        return None
    others = (c for c in source.root.head.children if c.dep_ in SUBJECTS and c.i >= source.end)
    return next(others, None)


def _is_dateline(source: Span) -> bool:
    """A place in capitals opening a paragraph before a dash (`OTTAWA —`, `WASHINGTON (AP) —`)."""
    doc = source.doc
    opens = source.start == 0 or "\n" in doc[source.start - 1].text_with_ws
    if not opens or not all(t.is_upper or t.is_punct for t in source):
        return False
    after = doc[source.end : source.end + DATELINE_TAIL]
    return any(t.text in DASHES for t in after)


def _is_description(token: Token) -> bool:
    """A noun beside a name describing the person: `president` of `Henry Crespo, president of
    the Latino Chamber`, or an office capitalised as British and Canadian outlets write it
    (`Mr Johnson, the Prime Minister,`), never another name."""
    if token.dep_ != "appos" or token.ent_type_ == "PERSON":
        return False
    if token.tag_ in ("NN", "NNS"):
        return True
    return token.tag_ in PROPER_TAGS and office_title(_phrase_to(token).text) is not None


def _phrase_to(token: Token) -> Span:
    """The words of a noun phrase up to its head: `the Prime Minister`."""
    return token.doc[token.left_edge.i : token.i + 1]


def _clause(token: Token) -> Token:
    """The verb whose clause the token stands in (the sentence's root when none is near)."""
    for _ in range(MAX_CLAUSE_STEPS):
        if token.pos_ in ("VERB", "AUX") or token.head == token:
            break
        token = token.head
    return token


def _possessor(token: Token, source: Span) -> bool:
    """Is the token (a word of) the owner of another noun of `source`: `Obama` of `Obama's
    former strategist`?"""
    owner = token
    while owner.dep_ in ("compound", "flat", "case") and owner.head.i < source.end:
        owner = owner.head  # `Barack` and `'s` of `Barack Obama's`
    return owner.dep_ == "poss" and source.start <= owner.head.i < source.end


def _salient(named: dict[str, Named], offset: int) -> str | None:
    """Of the people named so, the one a name at `offset` most likely repeats: the one named
    prominently latest before it, else named latest before it, else named first after it."""
    for kind in ("prominent", "offsets"):
        latest = {name: _latest(getattr(n, kind), offset) for name, n in named.items()}
        best = max(latest, key=latest.__getitem__, default=None)
        if best is not None and latest[best] >= 0:
            return best
    return min(named, key=lambda name: named[name].offsets[0], default=None)


def _latest(offsets: list[int], before: int) -> int:
    """The greatest of the sorted `offsets` less than `before`, or -1."""
    at = bisect_left(offsets, before)
    return offsets[at - 1] if at else -1


def _title_case_lines(doc: Doc) -> Callable[[Token], bool]:
    """Whether a token stands in a line written in title case; each line is read once, and
    found by bisection, so that asking of every word of one endless line stays linear."""
    text = doc.text
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    lines: dict[int, bool] = {}

    def headline(token: Token) -> bool:
        line = bisect_right(starts, token.idx) - 1
        if line not in lines:
            end = starts[line + 1] if line + 1 < len(starts) else len(text)
            words = LONGER_WORD.findall(text, starts[line], end)
            capitals = sum(word[0].isupper() for word in words)
            lines[line] = len(words) >= TITLE_CASE_MIN_WORDS and (
                capitals == len(words)
                or (
                    capitals >= TITLE_CASE_SHARE * len(words)
                    and SHORT_CAPITAL.search(text, starts[line], end) is not None
                )
            )
        return lines[line]

    return headline


def _sides(words: Span) -> set[str]:
    """The party or nation words among `words` (`Democratic`, `Chinese`), lower case."""
    return {t.lower_ for t in words if t.ent_type_ == "NORP"}


def _title_words(title: str | None) -> set[str]:
    return {spelled_out(word).lower() for word in (title or "").split()}


def _specific(office: Span) -> set[str]:
    """The words in front of an office's head that tell which office it is (`prime` of `Prime
    Minister`), not how long or how high it is held (`former`, `deputy`), nor where."""
    return {
        t.lower_
        for t in office
        if t.i != office.root.i
        and t.lower_ not in GENERIC_WORDS
        and t.ent_type_ not in PLACES
        and not t.is_punct
    }


def name_words(text: str) -> list[str]:
    """The words of `text` that can be part of a name: letters first, no markup (`<@U123>`,
    `<https://x|Click>`), no format characters (a byte-order mark)."""
    return [word for word in _printed_words(text) if NAME_WORD.fullmatch(word)]


def _printed_words(text: str) -> list[str]:
    return ["".join(c for c in word if unicodedata.category(c) != "Cf") for word in text.split()]


def _described_words(text: str) -> list[str]:
    """The words of a description that names no one: name words and the numbers that count
    (`more than 500 Cruz supporters`, `six in 10 voters`)."""
    return [w for w in _printed_words(text) if NAME_WORD.fullmatch(w) or COUNT.fullmatch(w)]


def _words(ent: Span) -> list[str]:
    return _name_and_leading(ent)[0]


def _name_and_leading(ent: Span) -> tuple[list[str], list[str]]:
    """A person's name as words, without `'s` or `Jr.`, and the words in front of it the model
    took in (`Mr.`, `Organizer`, `Former Gov.`): a name never carries a title."""
    words = name_words(ent.text)
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    words = [w for w in words if w]
    lead = 0
    while lead < len(words) - 1 and _title_word(words[lead], len(words) - lead - 1):
        lead += 1
    if words and _folded(words[-1]) in BODY_WORDS:
        lead = 0  # `General Assembly` is a body's name, not a general's
    leading, words = words[:lead], words[lead:]
    if len(words) == 1 and _folded(words[0]) in NOT_NAMES:
        return [], leading  # `Mr.` or `the` alone names no one
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        words.pop()
    return words, leading


def _unknown_surname(token: Token) -> bool:
    """A capitalised word closing a name of two or more that no one in the article has: the
    name is someone else's, whatever given name it opens with."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        token.is_title
        and len(token) > 1
        and _folded(token.text) not in BODY_WORDS | NOT_NAMES
        and before is not None
        and before.tag_ in PROPER_TAGS
        and before.is_title
    )


def _title_word(word: str, after: int) -> bool:
    """A word in front of a name that is no part of it (`Mr.`, `Organizer`, `Lord`), unless it
    is also a given name with a whole name after it (`Earl Ray Tomblin`, not `Earl Spencer`)."""
    folded = _folded(word)
    return folded in NOT_NAMES and not (folded in GIVEN_NAME_GENDER and after >= 2)


def _folded(word: str) -> str:
    return word.casefold().replace(".", "")


def _body_name(ent: Span) -> str:
    words = name_words(ent.text)
    if words and words[0].lower() == "the" and len(words) > 1:
        words.pop(0)
    return " ".join(words)


def _descriptions(ent: Span, entity_of: dict[int, Span]) -> tuple[list[str], str | None]:
    """What a person is called beside their name, in front (`Commerce Secretary Wilbur Ross`,
    `Republican front-runner Donald Trump`) or after (`He Weiwen, deputy director of ...`),
    first what is in front; and the organisation. Only those naming an office are titles."""
    doc = ent.doc
    start = _title_start(ent)
    employer = _employer_in_front(doc, start, ent.start, entity_of)
    if employer is not None:
        start = max(start, employer.end + (doc[employer.end].tag_ == "POS"))
    elif start > 0 and doc[start - 1].tag_ == "POS":  # `Labour's Rachel Reeves`
        employer = _employer_in_front(doc, start - 1, start, entity_of)
    front, organization = _split_title(doc[start : ent.start], entity_of)
    # Only a role has an employer: `Media titan Rupert Murdoch` works for no `Media`.
    if employer is not None and (doc[employer.end].tag_ == "POS" or office_title(front)):
        organization = organization or employer.text
    phrases = [front] if front else []
    for child in ent.root.children:
        if _is_description(child):
            portfolio = _portfolio(child)
            appos_title, appos_org = _split_title(portfolio or _phrase_to(child), entity_of)
            phrases += [appos_title] if appos_title else []
            # Only a role has an employer: a `winner of the Erikson Prize` works for no prize.
            if office_title(appos_title) and portfolio is None:
                organization = organization or appos_org or _organization_in(child, entity_of)
        elif child.dep_ == "prep" and child.lower_ == "of":
            # `Rep. Jane Doe of Maryland` is where she is from; at a name, `at` is where one was.
            organization = organization or _organization_in(child, entity_of)
    office = ent.root.head
    if ent.root.dep_ == "appos" and _is_office(office) and office.i < ent.start:
        # `The Prime Minister, Boris Johnson, said`: the office the name is set beside, whole
        # (`the next Commander in Chief, Donald Trump`).
        title, office_org = _split_title(doc[office.left_edge.i : ent.start], entity_of)
        phrases += [title] if title else []
        organization = organization or office_org or _organization_in(office, entity_of)
    return phrases, organization


def _employer_in_front(doc: Doc, start: int, end: int, entity_of: dict[int, Span]) -> Span | None:
    """The organisation named first in the words in front of a name, which the model may read
    as no organisation at all: proper nouns followed by a role in lower case (`Unifor national
    president`, `CIBC economist`) or by `'s` (`Labour's Rachel Reeves`), or acronyms (`NDP
    MP`). Proper nouns before an office in title case are part of it (`Commerce Secretary`)."""
    low = start
    while low > 0 and _employer_word(doc[low - 1]) and not doc[low - 1].is_sent_end:
        low -= 1
    high = low
    while high < end and _employer_word(doc[high]):
        high += 1
    if high == low or high >= end:
        return None
    entity = entity_of.get(low)
    if entity is not None and entity.label_ == "ORG":
        low = min(low, entity.start)  # `Bank of Canada governor`, whole
        while doc[low].tag_ == "DT":
            low += 1  # `The Canadian Chamber of Commerce president`
    run, after = doc[low:high], doc[high]
    if all(t.text.isupper() and len(t.text) > 1 for t in run):
        return run
    # A capital opening a sentence may be any noun's (`Poultry magnate Ronald Cameron`).
    named = not run[0].is_sent_start or run.root.ent_type_ == "ORG"
    return run if named and (after.tag_ == "POS" or after.is_lower) else None


def _employer_word(token: Token) -> bool:
    """A proper noun, or a word the model calls an organisation, that can name an employer: no
    place, people or person, no title."""
    return (
        (token.tag_ in PROPER_TAGS or token.ent_type_ == "ORG")
        and token.text[:1].isupper()
        and token.ent_type_ not in PLACES
        and _folded(token.text) not in NOT_NAMES
        and _folded(token.text) not in ROLE_WORDS
        and NAME_WORD.fullmatch(token.text) is not None
        and not token.text.endswith(("'s", "’s"))
    )


def _portfolio(office: Token) -> Span | None:
    """A capitalised office with what it is of, which is its name and no employer: `Minister
    of Small Business, Export Promotion and International Trade`, `Secretary of State`."""
    if office.tag_ not in PROPER_TAGS:
        return None
    for prep in office.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == office.i + 1:
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.is_title]
            if objects:
                return office.doc[office.left_edge.i : prep.right_edge.i + 1]
    return None


def _is_office(token: Token) -> bool:
    """Is the noun an office or role (`the Prime Minister`, `the union's president`)?"""
    return token.tag_ in ("NN", *PROPER_TAGS) and office_title(_phrase_to(token).text) is not None


def _title_start(ent: Span) -> int:
    """Where the words in front of a name that modify it begin: `Speaker of the House` whole,
    and a hyphenated compound whole (`front-runner`), never a fragment of it (`runner`)."""
    doc = ent.doc
    left = ent.start
    for child in ent.root.lefts:
        if child.dep_ == "nmod" and child.right_edge.i == left - 1:
            left = child.left_edge.i
    while left > 0:
        before = doc[left - 1]
        if before.dep_ in ("compound", "amod") and left <= before.head.i < ent.end:
            left -= 1
        elif (
            before.tag_ == "HYPH"
            and left > 1
            and not doc[left - 2].whitespace_ + before.whitespace_
        ):
            left -= 2
        else:
            break
    return left


def _split_title(words: Span, entity_of: dict[int, Span]) -> tuple[str | None, str | None]:
    """`U.S. Commerce Secretary` -> (`Commerce Secretary`, None);
    `Alibaba Group Holding Ltd. Chairman` -> (`Chairman`, `Alibaba Group Holding Ltd.`);
    `Speaker of the House` whole: what follows `of` is part of the office."""
    entities = {entity_of[t.i].start: entity_of[t.i] for t in words if t.i in entity_of}
    organizations = [e for e in entities.values() if e.label_ == "ORG" and len(e) > 1]
    in_organization = {t.i for e in organizations for t in e}
    kept: list[Token] = []
    for t in words:
        after_of = any(k.dep_ == "prep" for k in kept)
        if t.is_punct and t.tag_ != "HYPH":
            continue
        if after_of or (
            t.i not in in_organization
            and t.ent_type_ not in PLACES
            and t.tag_ not in ("DT", "PRP$", "POS", "CD")
            and _folded(t.text) not in HONORIFICS  # `editor Dr. Sebastian Gorka`
        ):
            kept.append(t)
    title = _joined(_without_orphans(_whole_compounds(kept), words))
    organization = organizations[0].text if organizations else None
    office = re.split(r"\s(?:of|for)\s", title, maxsplit=1)[0]
    if not title or len(office.split()) > MAX_TITLE_WORDS or len(title.split()) > MAX_OFFICE_WORDS:
        return None, organization
    return title, organization


def _whole_compounds(kept: list[Token]) -> list[Token]:
    """The kept words less any hyphenated compound a part of which was left out: `Charlotte-
    Mecklenburg police chief` is a police chief, never a `-Mecklenburg` one."""
    ids = {t.i for t in kept}
    broken: set[int] = set()
    for t in kept:
        if t.tag_ == "HYPH" and not {t.i - 1, t.i + 1} <= ids:
            broken |= {t.i - 1, t.i, t.i + 1}
    return [t for t in kept if t.i not in broken]


def _without_orphans(kept: list[Token], words: Span) -> list[Token]:
    """The kept words less a proper noun just before a place left out, which the model did not
    take into the place's name: `South` of `South Florida-based president`."""
    ids = {t.i for t in kept}

    def orphan(token: Token) -> bool:
        after = token.i + 1
        return (
            token.tag_ in PROPER_TAGS
            and after < words.end
            and after not in ids
            and token.doc[after].ent_type_ in PLACES
        )

    return [t for t in kept if not orphan(t)]


def _joined(tokens: list[Token]) -> str:
    """The tokens as written: `front-runner` stays one word, and a word whose neighbour was left
    out (`Lt` of `Lt. Gov.`) is spaced from the next."""
    parts = []
    for token, after in pairwise(tokens):
        glued = after.i == token.i + 1 and not token.whitespace_
        parts.append(token.text if glued else token.text + " ")
    return "".join(parts) + (tokens[-1].text if tokens else "")


def _organization_in(token: Token, entity_of: dict[int, Span]) -> str | None:
    """The organisation named after `of`/`at`/`for`: `the Center for China and Globalization`
    (in Beijing), `a spokeswoman for Global Affairs Canada`. It must be one the model calls an
    organisation, never a place, a prize or a venue; when unsure, none."""
    preps = [token] if token.dep_ == "prep" else [c for c in token.children if c.dep_ == "prep"]
    for prep in preps:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.lower_ in ROLE_PREPS and objects and objects[0].tag_ in ("NNP", "NNPS"):
            entity = entity_of.get(objects[0].i)
            if entity is None or entity.label_ != "ORG":
                return None
            phrase = _name_phrase(objects[0])
            whole = re.sub(r"^the\s+", "", entity.text.strip(), flags=re.IGNORECASE)
            return whole if len(whole) > len(phrase) else phrase
    return None


def _name_phrase(noun: Token) -> str:
    end = noun.right_edge.i + 1
    for child in noun.rights:
        if child.dep_ in PHRASE_ENDS or (child.dep_ == "prep" and child.lower_ in PLACE_PREPS):
            end = min(end, child.left_edge.i)
    start = noun.left_edge.i
    doc = noun.doc
    while start < noun.i and doc[start].tag_ == "DT":
        start += 1
    return doc[start:end].text.strip(" ,")
