"""Who is this? Deciding which directory record an article's speaker is, and saying why.

Pure functions over records: the store gathers the candidates, `resolve` decides.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from digest.config import SpeakersConfig
from digest.records import Extraction, Speaker
from digest.speakers._names import (
    PersonName,
    clean_title,
    country_of,
    fold,
    given_relation,
    is_body,
    is_description,
    middles_differ,
    parse_name,
    plain_name,
    role_of,
    same_person_name,
    split_title,
    titles_agree,
)
from digest.words import speaker_words, title_head

# Heads of descriptions any office may have: `the Treasury chief` is the Treasury Secretary.
GENERIC_HEADS = frozenset(speaker_words()["generic_heads"])
# How strongly two given names tie a full-name mention to a record, best first.
GIVEN_STRENGTH = {"same": 3, "nickname": 2, "initial": 1}


@dataclass(frozen=True)
class Mention:
    """One speaker of one article, as the directory files it."""

    name: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    organization: str | None = None
    kind: str = "person"  # or "body"
    # Every string the extraction used for this speaker, descriptions such as "the Treasury
    # chief" included: quotes given under any of them are this speaker's.
    written: tuple[str, ...] = ()

    @property
    def person(self) -> PersonName:
        return parse_name(self.name)

    @property
    def role(self) -> str | None:
        """Title and organisation together: "Secretary" of "U.S. Treasury" is a Treasury office."""
        return role_of(self.title, self.organization)

    @property
    def country(self) -> str | None:
        return country_of(self.title, self.organization)

    @property
    def keys(self) -> frozenset[str]:
        """Every folded name the article used for this speaker."""
        return frozenset(fold(n) for n in (self.name, *self.aliases)) - {""}


@dataclass(frozen=True)
class Known:
    """A directory record as `resolve` weighs it."""

    speaker_id: int
    name: str
    kind: str = "person"
    quote_count: int = 0
    aliases: frozenset[str] = frozenset()  # folded
    pinned: frozenset[str] = frozenset()  # folded aliases a manual merge tied to this record
    roles: tuple[str, ...] = ()  # each title with its organisation, as `role_of` joins them
    people: frozenset[PersonName] = field(default=frozenset(), compare=False)

    def agrees_on_role(self, mention: Mention) -> bool:
        return any(titles_agree(mention.role, role) for role in self.roles)


@dataclass(frozen=True)
class Decision:
    """File the mention under `speaker_id` (None: a new record named `name`), and why."""

    speaker_id: int | None
    name: str
    rule: str
    reason: str


# The article's speakers ---------------------------------------------------------------------


def article_mentions(extraction: Extraction) -> tuple[Mention, ...]:
    """The article's speakers, one `Mention` per name, with descriptions linked to the person
    whose title they repeat and quote speakers the extraction did not list added."""
    mentions: dict[str, Mention] = {}
    descriptions = []
    for speaker in (*extraction.speakers, *_unlisted_quote_speakers(extraction)):
        if is_description(speaker.name):
            descriptions.append(speaker.name)
            continue
        for mention in _mentions(speaker):
            key = fold(mention.name)
            mentions[key] = _combined(mentions[key], mention) if key in mentions else mention
    for description in descriptions:
        person = _described(description, mentions.values())
        if person is not None:
            mentions[fold(person.name)] = replace(person, written=(*person.written, description))
    return tuple(mentions.values())


def _unlisted_quote_speakers(extraction: Extraction) -> list[Speaker]:
    listed = {n for s in extraction.speakers for n in (s.name, *s.aliases)}
    unlisted = dict.fromkeys(q.speaker for q in extraction.quotes if q.speaker)
    return [Speaker(name) for name in unlisted if name not in listed]


def _mentions(speaker: Speaker) -> list[Mention]:
    """The speaker as the directory files it. An alias that cannot be the same person's name
    (Bill Clinton grouped under Hillary Clinton) is not taken as evidence: a full name becomes a
    speaker of its own, a lone word is dropped."""
    # A body's name carries no title: `General Assembly` is no general's.
    bare = plain_name(speaker.name)
    body = speaker.kind == "body" or is_body(bare)
    leading_title, name = (None, bare) if body else split_title(bare)
    kind = "body" if body or is_body(name) else "person"
    aliases, written, others = [], [speaker.name], []
    for alias in speaker.aliases:
        bare = split_title(plain_name(alias))[1]
        if is_description(alias) or not bare:
            continue
        if kind == "body" or same_person_name(name, bare):
            aliases.append(bare)
            written.append(alias)
        elif len(bare.split()) > 1:
            others.append(Mention(bare, written=(alias,)))
    mention = Mention(
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if fold(a) != fold(name))),
        title=clean_title(speaker.title) or leading_title,
        organization=speaker.organization,
        kind=kind,
        written=tuple(written),
    )
    return [mention, *others]


def _combined(first: Mention, second: Mention) -> Mention:
    return replace(
        first,
        aliases=tuple(dict.fromkeys((*first.aliases, *second.aliases))),
        title=first.title or second.title,
        organization=first.organization or second.organization,
        written=(*first.written, *second.written),
    )


def _described(description: str, mentions) -> Mention | None:
    """The one person of the article whose title the description repeats, if exactly one: an
    office of the same head sharing a word that tells offices apart (`Canada's trade
    negotiator` is no trade representative), or, for a description any office may have (`the
    Treasury chief`), a title or organisation sharing such a word. The description must name an
    office itself: `the state` is not the Secretary of State."""
    if clean_title(description) is None:
        return None
    generic = title_head(description) in GENERIC_HEADS
    matches = [
        m
        for m in mentions
        if m.kind == "person"
        and titles_agree(description, m.role)
        and (generic or title_head(description) == title_head(m.title))
    ]
    return matches[0] if len(matches) == 1 else None


# Deciding -----------------------------------------------------------------------------------


def resolve(
    mention: Mention,
    candidates: list[Known],
    rules: SpeakersConfig,
    in_article: dict[str, tuple[int, str] | None] | None = None,
) -> Decision:
    """The record `mention` belongs to, from `candidates` (records sharing a name or surname),
    or a new one: strong evidence merges, weak evidence keeps people apart."""
    allowed = [c for c in candidates if not _kept_apart(mention, c, rules)]
    for rule in (_by_override, _by_pinned_alias):
        decision = rule(mention, allowed, rules)
        if decision:
            return decision
    if mention.kind == "body":
        return _by_body_name(mention, allowed)
    if mention.person.full:
        return _by_full_name(mention, allowed)
    return _by_surname(mention, allowed, in_article or {})


def _by_override(mention: Mention, candidates: list[Known], rules: SpeakersConfig):
    canonical = next((c for k in mention.keys if (c := overrides(rules.aliases).get(k))), None)
    if canonical is None:
        return None
    reason = f"config [speakers] aliases lists {mention.name!r} under {canonical!r}"
    for known in candidates:
        if fold(canonical) in known.aliases | {fold(known.name)}:
            return Decision(known.speaker_id, known.name, "config alias", reason)
    return Decision(None, canonical, "config alias", reason)


@functools.cache
def overrides(aliases: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    return {fold(n): canonical for canonical, names in aliases for n in (canonical, *names)}


def _by_pinned_alias(mention: Mention, candidates: list[Known], rules: SpeakersConfig):
    for known in candidates:
        pinned = sorted(mention.keys & known.pinned)
        if pinned:
            reason = f"{pinned[0]!r} was tied to {known.name} by a manual correction"
            return Decision(known.speaker_id, known.name, "manual alias", reason)
    return None


def _by_body_name(mention: Mention, candidates: list[Known]) -> Decision:
    for known in candidates:
        if known.kind == "body" and fold(mention.name) in known.aliases:
            return Decision(known.speaker_id, known.name, "same name", "the same body's name")
    return _new(mention, "no body of that name in the directory yet")


def _by_full_name(mention: Mention, candidates: list[Known]) -> Decision:
    person = mention.person
    scored = []
    for known in candidates:
        relation = _given_relation(person, known)
        if relation:
            strength = GIVEN_STRENGTH[relation]
            scored.append(
                (strength, known.agrees_on_role(mention), known.quote_count, relation, known)
            )
    if not scored:
        return _by_earlier_surname(mention, candidates) or _new(mention, "no one of that name yet")
    strength, agrees, _, relation, best = max(scored, key=lambda s: s[:3])
    fitting = [s for s in scored if s[0] == strength]
    rivals = len(fitting) - 1
    # Chris fits both Christopher and Christine Smith: only an agreeing title tells which.
    if relation != "same" and rivals and not (agrees and sum(s[1] for s in fitting) == 1):
        return _new(mention, f"{person.given!r} fits {rivals + 1} people: kept apart")
    rule = "same full name" if relation == "same" else relation
    reason = f"{mention.name!r} ~ {best.name!r}: {rule}"
    if relation != "same":
        reason += " and the same surname"
    if rivals:
        reason += f"; chosen over {rivals} namesake(s) by title, then quote count"
    return Decision(best.speaker_id, best.name, rule, reason)


def _by_earlier_surname(mention: Mention, candidates: list[Known]) -> Decision | None:
    """A record filed under the surname alone (`President Obama` before anyone wrote his given
    name) whose title agrees is this person, named in full at last: the record takes the full
    name, so that the surname is not kept as a person of its own. Only when no one else of that
    surname is known, since the surname may have meant them."""
    surname = mention.person.surname
    namesakes = [c for c in candidates if c.kind == "person" and _has_surname(c, surname)]
    if len(namesakes) != 1 or fold(namesakes[0].name) != surname:
        return None
    earlier = namesakes[0]
    if not earlier.agrees_on_role(mention):
        return None
    role = mention.title or mention.organization
    reason = f"{earlier.name!r} with {role!r}, named in full: {mention.name!r}"
    return Decision(earlier.speaker_id, mention.name, "surname named in full", reason)


def _given_relation(person: PersonName, known: Known) -> str | None:
    """The closest tie between the mention's given name and one the record went by."""
    forms = [p for p in known.people if p.full and p.surname == person.surname]
    # A suffix or middle initial the record never had marks another person of the family.
    if person.suffix not in {p.suffix for p in forms} or middles_differ(
        person, {p.middle for p in forms if p.middle}
    ):
        return None
    givens = {p.given for p in forms}
    spelled_out = {g for g in givens if len(g) > 1}
    if len(person.given) > 1 and spelled_out:
        # The record's initials must not tie Walter Ross to a Wilbur Ross once seen as W. Ross.
        givens = spelled_out
    relations = [given_relation(person.given, given) for given in givens]
    return max(relations, key=lambda r: GIVEN_STRENGTH.get(r or "", 0), default=None)


def _by_surname(
    mention: Mention, candidates: list[Known], in_article: dict[str, tuple[int, str] | None]
) -> Decision:
    surname = mention.person.surname
    named = in_article.get(surname)
    # A title is the person's it was written with: `President Obama` in an article naming
    # `Michelle Obama` in full is not her.
    if named and not _titled_otherwise(mention, candidates, named[0]):
        return Decision(*named, "same article", f"{named[1]} is named in full in the article")
    namesakes = [c for c in candidates if c.kind == "person" and _has_surname(c, surname)]
    corroborated = [c for c in namesakes if c.agrees_on_role(mention)]
    if len(corroborated) == 1:
        known = corroborated[0]
        role = mention.title or mention.organization
        return Decision(
            known.speaker_id, known.name, "surname and title", f"{surname!r} with {role!r}"
        )
    for known in candidates:
        if fold(known.name) == surname:
            return Decision(known.speaker_id, known.name, "same name", "the same surname-only name")
    return _new(
        mention,
        f"surname only, nothing to tell which of {len(namesakes)} namesake(s): kept apart"
        if namesakes
        else "no one of that surname yet",
    )


def _titled_otherwise(mention: Mention, candidates: list[Known], speaker_id: int) -> bool:
    """Does the mention carry a title the record `speaker_id` was never seen with?"""
    record = next((c for c in candidates if c.speaker_id == speaker_id), None)
    return mention.title is not None and (record is None or not record.agrees_on_role(mention))


def _has_surname(known: Known, surname: str) -> bool:
    return surname in known.aliases or any(p.surname == surname for p in known.people)


def _new(mention: Mention, reason: str) -> Decision:
    return Decision(None, mention.name, "new", reason)


def _kept_apart(mention: Mention, known: Known, rules: SpeakersConfig) -> bool:
    """Does `never_merge` forbid filing the mention under this record?"""
    theirs = known.aliases | {fold(known.name)}
    for group in rules.never_merge:
        folded = {fold(n) for n in group}
        ours_in, theirs_in = mention.keys & folded, theirs & folded
        if ours_in and theirs_in and not ours_in <= theirs:
            return True
    return False
