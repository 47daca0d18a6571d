"""Filing each article's speakers under the people they are, and manual corrections.

The decisions are `_resolve`'s; what they read and write goes through `digest.store.directory`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlite_utils import Database

from digest import store
from digest.config import SpeakersConfig
from digest.records import (
    Article,
    ArticleRecord,
    Extraction,
    Speaker,
    SpeakerEvidence,
    SpeakerLink,
    StoredSpeaker,
)
from digest.speakers._names import fold, parse_name, role_of
from digest.speakers._resolve import Decision, Known, Mention, article_mentions, overrides, resolve
from digest.store import Filer, directory


class SpeakerError(ValueError):
    """A correction cannot be made as asked; the message says why."""


def filer(rules: SpeakersConfig) -> Filer:
    """What the store calls to file an article's speakers, under `rules`."""

    def file(db: Database, extraction: Extraction, article_id: int, seen: str) -> dict[str, int]:
        return file_speakers(db, extraction, article_id, seen=seen, rules=rules)

    return file


def file_speakers(
    db: Database, extraction: Extraction, article_id: int, *, seen: str, rules: SpeakersConfig
) -> dict[str, int]:
    """File one article's speakers under the people they are; returns each name the article
    used (quote speakers included) mapped to its speaker id. Runs in the caller's transaction."""
    ids: dict[str, int] = {}
    in_article: dict[str, tuple[int, str] | None] = {}
    # Full names first, so that a lone "Xi" finds the Xi Jinping of the same article.
    for mention in sorted(article_mentions(extraction), key=lambda m: not _full_person(m)):
        decision = resolve(mention, _candidates(db, mention, rules), rules, in_article)
        speaker_id = _file(db, mention, decision, article_id, seen)
        ids.update(dict.fromkeys((mention.name, *mention.aliases, *mention.written), speaker_id))
        if _full_person(mention):
            _claim_words(in_article, mention, (speaker_id, decision.name))
    return ids


def _full_person(mention: Mention) -> bool:
    return mention.kind == "person" and mention.person.full


def _claim_words(named: dict[str, tuple[int, str] | None], mention: Mention, record) -> None:
    """Note the words of a full name; a word two people of the article share names neither."""
    for word in (mention.person.surname, mention.person.given):
        if len(word) > 1:
            named[word] = record if named.get(word, record) == record else None


def _candidates(db: Database, mention: Mention, rules: SpeakersConfig) -> list[Known]:
    """Records that share a name or the surname with the mention: all `resolve` must weigh."""
    configured = overrides(rules.aliases)
    keys = mention.keys | {fold(configured[k]) for k in mention.keys if k in configured}
    surname = mention.person.surname if mention.kind == "person" else None
    ids = directory.candidate_ids(db, surname, sorted(keys))
    return [_known(directory.evidence(db, speaker_id)) for speaker_id in ids]


def _known(evidence: SpeakerEvidence) -> Known:
    aliases = evidence.aliases
    people = {evidence.name, *(a[0] for a in aliases)} if evidence.kind == "person" else set()
    return Known(
        speaker_id=evidence.speaker_id,
        name=evidence.name,
        kind=evidence.kind,
        quote_count=evidence.quote_count,
        aliases=frozenset(norm for _, norm, _ in aliases),
        pinned=frozenset(norm for _, norm, pinned in aliases if pinned),
        roles=tuple(filter(None, (role_of(*role) for role in evidence.roles))),
        people=frozenset(parse_name(n) for n in people if len(n.split()) > 1),
    )


def _file(db: Database, mention: Mention, decision: Decision, article_id: int, seen: str) -> int:
    speaker_id = decision.speaker_id
    if speaker_id is None:
        speaker_id = directory.new_speaker(
            db, decision.name, mention.kind, _surname(decision.name, mention.kind), seen
        )
    elif decision.rule == "surname named in full":
        directory.rename(db, speaker_id, decision.name, _surname(decision.name, mention.kind))
    names = {decision.name, mention.name, *mention.aliases}
    directory.add_aliases(db, speaker_id, _folded(names), article_id)
    if mention.title or mention.organization:
        directory.add_role(
            db,
            speaker_id,
            article_id,
            seen,
            mention.title,
            mention.organization,
            mention.country,
        )
    filed = SpeakerLink(article_id, mention.name, speaker_id, seen, decision.rule, decision.reason)
    directory.link(db, filed)
    return speaker_id


def _surname(name: str, kind: str) -> str | None:
    return parse_name(name).surname if kind == "person" else None


def _folded(names: Iterable[str]) -> list[tuple[str, str]]:
    return [(name, fold(name)) for name in names]


def speaker_id_for(db: Database, ref: str) -> int:
    """The record `ref` names exactly: "#12", or a name or alias only one record has."""
    if ref.lstrip("#").isdigit():
        return _record(db, int(ref.lstrip("#"))).id
    ids = directory.ids_named(db, ref, fold(ref))
    if len(ids) != 1:
        found = "no speaker" if not ids else f"{len(ids)} speakers"
        raise SpeakerError(
            f"{found} named {ref!r}: give a full name or the #id `tradedigest speaker` shows"
        )
    return ids[0]


# Manual corrections -------------------------------------------------------------------------


def merge_speakers(db: Database, keep_id: int, other_id: int, now: str) -> None:
    """File everything of `other_id` under `keep_id`, and tie its names to `keep_id` for good.

    What was merged (the other's names and article mentions) is kept with the correction, so
    splitting by any of those names restores the other person."""
    if keep_id == other_id:
        raise SpeakerError("cannot merge a speaker with itself")
    keep, other = _record(db, keep_id), _record(db, other_id)
    names = [other.name, *(alias for alias, _ in directory.aliases_of(db, other_id))]
    detail = {
        "names": [other.name],
        "of": keep.name,
        "merged": {
            "name": other.name,
            "kind": other.kind,
            "aliases": sorted(set(names)),
            "links": [[f.article_id, f.name] for f in directory.links_of(db, other_id)],
        },
    }
    directory.merge_records(db, keep_id, other_id, _folded(dict.fromkeys(names)), detail, now)


def split_speaker(db: Database, speaker_id: int, names: list[str], now: str) -> int:
    """Move the articles where record `speaker_id` went by one of `names` to a new record named
    `names[0]`; returns its id. The names stay tied to the new record for good.

    A name that came in by a merge undoes that merge: every name and article of the merged
    record goes back to a record with its name."""
    old = _record(db, speaker_id)
    links = directory.links_of(db, speaker_id)
    merged = _merged_with(db, speaker_id, names)
    if merged:
        keys = {(a, n) for a, n in merged["links"]}
        moving = [f for f in links if (f.article_id, f.name) in keys]
        new_name, all_names = merged["name"], [merged["name"], *merged["aliases"], *names]
    else:
        folded = {fold(n) for n in names}
        moving = [f for f in links if fold(f.name) in folded]
        new_name, all_names = names[0], names
    if not moving:
        raise SpeakerError(f"{old.name} was never filed under {' or '.join(map(repr, names))}")
    folded = {fold(n) for n in all_names}
    moves = [_move(db, speaker_id, f, moving, folded) for f in moving]
    new = StoredSpeaker(
        id=0,
        name=new_name,
        kind=old.kind,
        surname=_surname(new_name, old.kind),
        first_seen=min(f.seen for f in moving),
    )
    # A follow made by one of the split-off names meant the new person.
    follows = [
        f for f, query in directory.follows_of(db, speaker_id) if fold(query or "") in folded
    ]
    detail = {"names": names, "of": old.name}
    return directory.split_records(
        db, speaker_id, new, moves, _folded(dict.fromkeys(all_names)), follows, detail, now
    )


def _merged_with(db: Database, speaker_id: int, names: list[str]) -> dict | None:
    """The latest merge into the record that brought in one of `names`."""
    folded = {fold(n) for n in names}
    for detail in directory.merges_into(db, speaker_id):
        merged = detail.get("merged")
        if merged and folded & {fold(n) for n in merged["aliases"]}:
            return merged
    return None


def _move(
    db: Database, old_id: int, moved: SpeakerLink, moving: list[SpeakerLink], folded: set[str]
) -> tuple[SpeakerLink, list[int], bool]:
    """What moves with one article's link: its quotes and role; when the old record keeps
    another name in the same article, only the quotes given under the moved names go."""
    shared = any(
        f.article_id == moved.article_id and f not in moving for f in directory.links_of(db, old_id)
    )
    quotes = directory.quotes_in(db, old_id, moved.article_id)
    quote_ids = [q for q, said in quotes if not shared or fold(said or "") in folded]
    return moved, quote_ids, not shared


def _record(db: Database, speaker_id: int) -> StoredSpeaker:
    found = directory.speaker(db, speaker_id)
    if found is None:
        raise SpeakerError(f"no speaker #{speaker_id}")
    return found


def across_articles(
    extractions: Sequence[Extraction], rules: SpeakersConfig, seen: str
) -> list[Extraction]:
    """`extractions` with each speaker named as the directory would file it across all of them
    (`Steve Mnuchin` in one and `Steven Mnuchin` in another are one `Steven Mnuchin`): the same
    rules as the store, in a directory that lives only for this call."""
    db = store.open_store(":memory:")
    filed: list[dict[str, int]] = []
    for number, extraction in enumerate(extractions):
        ids = _Capture(filer(rules), filed)
        url = f"extract:{number}"
        article = Article(url=url, title=url, text="", source="extract")
        record = ArticleRecord(article, extraction, url, url, seen)
        store.save_article(db, record, ids)
    named = {s.id: s.name for s in directory.all_speakers(db)}
    return [
        _renamed(extraction, {name: named[i] for name, i in ids.items() if i in named})
        for extraction, ids in zip(extractions, filed, strict=True)
    ]


class _Capture:
    """A filer that also keeps what it filed, one mapping per article."""

    def __init__(self, file: Filer, into: list[dict[str, int]]) -> None:
        self.file, self.into = file, into

    def __call__(self, db: Database, extraction: Extraction, article_id: int, seen: str):
        ids = self.file(db, extraction, article_id, seen)
        self.into.append(ids)
        return ids


def _renamed(extraction: Extraction, canonical: dict[str, str]) -> Extraction:
    quotes = tuple(
        replace(q, speaker=canonical.get(q.speaker, q.speaker)) if q.speaker else q
        for q in extraction.quotes
    )
    people = tuple(_speaker_as(s, canonical.get(s.name, s.name)) for s in extraction.speakers)
    return replace(extraction, quotes=quotes, speakers=people)


def _speaker_as(speaker: Speaker, name: str) -> Speaker:
    if name == speaker.name:
        return speaker
    aliases = tuple(dict.fromkeys((speaker.name, *speaker.aliases)))
    return replace(speaker, name=name, aliases=tuple(a for a in aliases if a != name))
