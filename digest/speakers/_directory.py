"""The speaker directory in the store: filing each article's speakers, and manual corrections."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlite_utils import Database

from digest.config import SpeakersConfig
from digest.records import Extraction
from digest.speakers._names import fold, is_body, parse_name, role_of
from digest.speakers._resolve import Decision, Known, Mention, article_mentions, overrides, resolve


class SpeakerError(ValueError):
    """A correction cannot be made as asked; the message says why."""


def file_speakers(
    db: Database,
    extraction: Extraction,
    article_id: int,
    *,
    published: str | None,
    fetched: str,
    rules: SpeakersConfig,
) -> dict[str, int]:
    """File one article's speakers under the people they are; returns each name the article
    used (quote speakers included) mapped to its speaker id. Runs in the caller's transaction."""
    seen = _seen(published, fetched)
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


def _seen(published: str | None, fetched: str) -> str:
    """The article's date: when it was published if that is a readable date, else fetched."""
    try:
        return utc_iso(published or "")
    except ValueError:
        return fetched


def utc_iso(moment: str) -> str:
    """An ISO time in UTC as the store writes times, so that string order is time order."""
    parsed = datetime.fromisoformat(moment)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def _candidates(db: Database, mention: Mention, rules: SpeakersConfig) -> list[Known]:
    """Records that share a name or the surname with the mention: all `resolve` must weigh."""
    configured = overrides(rules.aliases)
    keys = mention.keys | {fold(configured[k]) for k in mention.keys if k in configured}
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"select id from speakers where surname = ? union "
        f"select speaker_id from speaker_aliases where norm in ({marks})",
        [mention.person.surname if mention.kind == "person" else None, *keys],
    ).fetchall()
    return [_known(db, row[0]) for row in rows]


def _known(db: Database, speaker_id: int) -> Known:
    row = db["speakers"].get(speaker_id)
    aliases = db.execute(
        "select alias, norm, pinned from speaker_aliases where speaker_id = ?", [speaker_id]
    ).fetchall()
    roles = db.execute(
        "select distinct title, organization from speaker_roles where speaker_id = ?",
        [speaker_id],
    ).fetchall()
    people = {row["name"], *(a[0] for a in aliases)} if row["kind"] == "person" else set()
    return Known(
        speaker_id=speaker_id,
        name=row["name"],
        kind=row["kind"],
        quote_count=row["quote_count"] or 0,
        aliases=frozenset(a[1] for a in aliases),
        pinned=frozenset(a[1] for a in aliases if a[2]),
        roles=tuple(filter(None, (role_of(*r) for r in roles))),
        people=frozenset(parse_name(n) for n in people if len(n.split()) > 1),
    )


def _file(db: Database, mention: Mention, decision: Decision, article_id: int, seen: str) -> int:
    speaker_id = decision.speaker_id
    if speaker_id is None:
        speaker_id = _new_speaker(db, decision.name, mention.kind, seen)
    _add_aliases(db, speaker_id, {decision.name, mention.name, *mention.aliases}, article_id)
    if mention.title or mention.organization:
        db["speaker_roles"].insert(
            {
                "speaker_id": speaker_id,
                "article_id": article_id,
                "seen": seen,
                "title": mention.title,
                "organization": mention.organization,
                "country": mention.country,
            },
            ignore=True,
        )
    db["speaker_links"].insert(
        {
            "article_id": article_id,
            "name": mention.name,
            "speaker_id": speaker_id,
            "seen": seen,
            "rule": decision.rule,
            "reason": decision.reason,
        },
        replace=True,
    )
    return speaker_id


def _new_speaker(db: Database, name: str, kind: str, seen: str) -> int:
    return (
        db["speakers"]
        .insert(
            {
                "name": name,
                "kind": kind,
                "surname": parse_name(name).surname if kind == "person" else None,
                "first_seen": seen,
                "last_seen": seen,
            }
        )
        .last_pk
    )


def _add_aliases(
    db: Database,
    speaker_id: int,
    names: Iterable[str],
    article_id: int | None,
    pinned: bool = False,
) -> None:
    db["speaker_aliases"].insert_all(
        (
            {
                "speaker_id": speaker_id,
                "alias": name,
                "article_id": article_id,
                "norm": fold(name),
                "pinned": int(pinned),
            }
            for name in names
        ),
        ignore=True,
    )


def refresh(db: Database, speaker_ids: Iterable[int]) -> None:
    """Recount quotes and recompute first and last seen and the usual title, organisation and
    country of each record from its links, roles and quotes."""
    for speaker_id in set(speaker_ids):
        db.execute(REFRESH, {"id": speaker_id})


def _usual_role(column: str) -> str:
    """The value most articles give, the latest of equals: one stray title does not replace the
    one the record usually has."""
    return (
        f"coalesce((select {column} from speaker_roles where speaker_id = :id and {column} is not"
        f" null group by {column} order by count(*) desc, max(seen) desc limit 1), {column})"
    )


REFRESH = f"""
update speakers set
  quote_count = (select count(*) from quotes where speaker_id = :id),
  first_seen = coalesce((select min(seen) from speaker_links where speaker_id = :id), first_seen),
  last_seen = coalesce((select max(seen) from speaker_links where speaker_id = :id), last_seen),
  title = {_usual_role("title")},
  organization = {_usual_role("organization")},
  country = {_usual_role("country")}
where id = :id
"""


def backfill_directory(db: Database) -> None:
    """Give records stored before the directory existed their kind, surname, folded aliases and
    links to the articles they came from."""
    for row in list(db.query("select id, name from speakers")):
        kind = "body" if is_body(row["name"]) else "person"
        surname = parse_name(row["name"]).surname if kind == "person" else None
        db["speakers"].update(row["id"], {"kind": kind, "surname": surname})
    for row in list(db.query("select rowid, alias from speaker_aliases")):
        db.execute(
            "update speaker_aliases set norm = ? where rowid = ?",
            [fold(row["alias"]), row["rowid"]],
        )
    db.execute(CARRY_OVER_LINKS)


# The articles a record was filed from before links existed: those of its quotes and aliases.
CARRY_OVER_LINKS = """
insert or ignore into speaker_links (article_id, name, speaker_id, seen, rule, reason)
select filed.article_id, s.name, s.id, coalesce(a.published, a.fetched), 'carried over',
       'filed by name before the speaker directory kept reasons'
from (select speaker_id, article_id from quotes
      union select speaker_id, article_id from speaker_aliases) as filed
join speakers s on s.id = filed.speaker_id join articles a on a.id = filed.article_id
"""


def links_of(db: Database, speaker_id: int) -> list[dict]:
    """Each article mention filed under the record, with the rule and reason, oldest first."""
    return list(db["speaker_links"].rows_where("speaker_id = ?", [speaker_id], order_by="seen"))


def speaker_id_for(db: Database, ref: str) -> int:
    """The record `ref` names exactly: "#12", or a name or alias only one record has."""
    if ref.lstrip("#").isdigit():
        return _record(db, int(ref.lstrip("#")))["id"]
    rows = db.execute(
        "select id from speakers where name = ? collate nocase union "
        "select speaker_id from speaker_aliases where norm = ?",
        [ref, fold(ref)],
    ).fetchall()
    if len(rows) != 1:
        found = "no speaker" if not rows else f"{len(rows)} speakers"
        raise SpeakerError(
            f"{found} named {ref!r}: give a full name or a #id from `tradedigest speaker`"
        )
    return rows[0][0]


# Manual corrections -------------------------------------------------------------------------


def merge_speakers(db: Database, keep_id: int, other_id: int, now: str) -> None:
    """File everything of `other_id` under `keep_id`, and tie its names to `keep_id` for good."""
    if keep_id == other_id:
        raise SpeakerError("cannot merge a speaker with itself")
    keep, other = _record(db, keep_id), _record(db, other_id)
    names = [r[0] for r in db.execute(ALIASES_OF, [other_id])]
    with db.atomic():
        for table in ("quotes", "speaker_links"):
            db.execute(
                f"update {table} set speaker_id = ? where speaker_id = ?", [keep_id, other_id]
            )
        # Rows keyed by speaker that `keep_id` already has stay with it; the duplicates go.
        for table in ("speaker_roles", "speaker_aliases"):
            db.execute(
                f"update or ignore {table} set speaker_id = ? where speaker_id = ?",
                [keep_id, other_id],
            )
            db.execute(f"delete from {table} where speaker_id = ?", [other_id])
        _carry_follows(db, other_id, keep_id, None)
        db["speakers"].delete(other_id)
        _add_aliases(db, keep_id, [other["name"], *names], None)
        _pin(db, keep_id, [other["name"], *names])
        refresh(db, [keep_id])
        _record_correction(db, "merge", keep_id, other_id, [other["name"]], keep["name"], now)


ALIASES_OF = "select alias from speaker_aliases where speaker_id = ?"


def split_speaker(db: Database, speaker_id: int, names: list[str], now: str) -> int:
    """Move the articles where record `speaker_id` went by one of `names` to a new record named
    `names[0]`; returns its id. The names stay tied to the new record for good."""
    old = _record(db, speaker_id)
    folded = {fold(n) for n in names}
    links = [r for r in db.query(LINKS_OF, [speaker_id]) if fold(r["name"]) in folded]
    if not links:
        raise SpeakerError(f"{old['name']} was never filed under {' or '.join(map(repr, names))}")
    with db.atomic():
        new_id = _new_speaker(db, names[0], old["kind"], links[0]["seen"])
        for link in links:
            _move_article(db, speaker_id, new_id, link, folded)
        db.execute(
            "update speaker_aliases set speaker_id = ? where speaker_id = ? and norm in "
            f"({','.join('?' * len(folded))})",
            [new_id, speaker_id, *folded],
        )
        _add_aliases(db, new_id, names, None)
        _pin(db, new_id, names)
        # A follow made by one of the split-off names meant the new person.
        _carry_follows(db, speaker_id, new_id, folded)
        refresh(db, [speaker_id, new_id])
        _record_correction(db, "split", new_id, speaker_id, names, old["name"], now)
    return new_id


LINKS_OF = "select article_id, name, seen from speaker_links where speaker_id = ?"


def _move_article(db: Database, old_id: int, new_id: int, link: dict, folded: set[str]) -> None:
    """Move one article's link, role and quotes; when the old record keeps another name in the
    same article, only the quotes given under the moved names go."""
    article_id = link["article_id"]
    db.execute(
        "update speaker_links set speaker_id = ? where article_id = ? and name = ?",
        [new_id, article_id, link["name"]],
    )
    shared = db.execute(
        "select 1 from speaker_links where speaker_id = ? and article_id = ?", [old_id, article_id]
    ).fetchone()
    quotes = db.query(
        "select id, speaker from quotes where speaker_id = ? and article_id = ?",
        [old_id, article_id],
    )
    moved = [q["id"] for q in quotes if not shared or fold(q["speaker"] or "") in folded]
    db.execute(
        f"update quotes set speaker_id = ? where id in ({','.join('?' * len(moved))})",
        [new_id, *moved],
    )
    if not shared:
        db.execute(
            "update speaker_roles set speaker_id = ? where speaker_id = ? and article_id = ?",
            [new_id, old_id, article_id],
        )


def _carry_follows(db: Database, from_id: int, to_id: int, names: set[str] | None) -> None:
    # Imported here: the follows package renders through digest.render, which needs this one.
    from digest.follows import store as follow_store

    follow_store.move_follows(db, from_id, to_id, names)


def _pin(db: Database, speaker_id: int, names: list[str]) -> None:
    folded = {fold(n) for n in names}
    db.execute(
        f"update speaker_aliases set pinned = 1 where speaker_id = ? and norm in "
        f"({','.join('?' * len(folded))})",
        [speaker_id, *folded],
    )


def _record(db: Database, speaker_id: int) -> dict:
    rows = list(db["speakers"].rows_where("id = ?", [speaker_id]))
    if not rows:
        raise SpeakerError(f"no speaker #{speaker_id}")
    return rows[0]


def _record_correction(
    db: Database, action: str, speaker_id: int, other_id: int, names: list[str], of: str, now: str
) -> None:
    db["speaker_corrections"].insert(
        {
            "action": action,
            "speaker_id": speaker_id,
            "other_id": other_id,
            "detail": json.dumps({"names": names, "of": of}, ensure_ascii=False),
            "created": now,
        }
    )
