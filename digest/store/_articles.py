"""Articles with their quotes and figures: stored all or nothing, read back by period, searched."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, fields

from sqlite_utils import Database

from digest.records import (
    ArticleRecord,
    Extraction,
    FigurePoint,
    FoundQuote,
    StoredArticle,
    StoredFigure,
    StoredQuote,
    StoredSpeaker,
)
from digest.store._schema import writing
from digest.store._speakers import article_speakers, refresh, speakers_of
from digest.store._time import timestamp

# Files one article's speakers in the directory, in the store's transaction: given the article's
# extraction, id and date, returns each name the article used mapped to its speaker id.
Filer = Callable[[Database, Extraction, int, str], dict[str, int]]


class AlreadyStored(Exception):
    """Another process stored an article with this canonical URL first."""

    def __init__(self, canonical_url: str, article_id: int) -> None:
        super().__init__(f"already stored as article {article_id}: {canonical_url}")
        self.article_id = article_id


def no_filing(db: Database, extraction: Extraction, article_id: int, seen: str) -> dict[str, int]:
    """Store quotes without filing speakers (benchmarks and tests of other parts)."""
    return {}


def find_article(db: Database, canonical_url: str) -> StoredArticle | None:
    rows = list(db.table("articles").rows_where("canonical_url = ?", [canonical_url], limit=1))
    return _article(rows[0]) if rows else None


def known_keys(db: Database) -> tuple[set[str], set[tuple[str, str]]]:
    """Every stored canonical URL, and (source, GUID) pair: what sources need not fetch again."""
    urls, guids = set(), set()
    for url, source, guid in db.execute("select canonical_url, source, guid from articles"):
        urls.add(url)
        if guid:
            guids.add((source, guid))
    return urls, guids


def first_with_hash(db: Database, content_hash: str) -> int | None:
    """The first stored article (not itself a duplicate) with this content hash."""
    row = db.execute(
        "select id from articles where content_hash = ? and duplicate_of is null order by id",
        [content_hash],
    ).fetchone()
    return row[0] if row else None


def signatures(db: Database) -> Iterator[tuple[int, bytes]]:
    """MinHash signatures of the stored articles that are not duplicates, oldest first; read
    as they are used, not all at once (there is one per stored article)."""
    yield from db.execute(
        "select id, minhash from articles where minhash is not null and duplicate_of is null"
        " order by id"
    )


def save_article(db: Database, record: ArticleRecord, filer: Filer = no_filing) -> int:
    """Store an article with its quotes, speakers and figures, all or nothing; `filer` files its
    speakers in the directory. `AlreadyStored` when another process stored its URL first."""
    article = record.article
    try:
        with writing(db):
            article_id = (
                db.table("articles")
                .insert(
                    {
                        "source": article.source,
                        "url": article.url,
                        "canonical_url": record.canonical_url,
                        "guid": article.guid,
                        **_article_fields(record),
                        "duplicate_of": record.duplicate_of,
                    },
                )
                .last_pk
            )
            assert isinstance(article_id, int)
            _save_extraction(db, record, article_id, filer)
    except sqlite3.IntegrityError as error:
        stored = _unique_conflict(db, error, record.canonical_url)
        if stored is None:
            raise
        raise AlreadyStored(record.canonical_url, stored) from None
    return article_id


def _unique_conflict(db: Database, error: sqlite3.IntegrityError, url: str) -> int | None:
    if "UNIQUE constraint failed: articles.canonical_url" not in str(error):
        return None
    row = db.execute("select id from articles where canonical_url = ?", [url]).fetchone()
    return row[0] if row else None


def save_version(
    db: Database, article_id: int, record: ArticleRecord, filer: Filer = no_filing
) -> int:
    """Make `record` the latest version of a stored article, all or nothing; the previous text
    moves to article_versions, and the quotes, figures and speaker evidence are those of the new
    text. Returns the new version number."""
    with writing(db):
        old = db.table("articles").get(article_id)
        db.table("article_versions").insert(
            {key: old[key] for key in ("version", "text", "content_hash", "fetched")}
            | {"article_id": article_id}
        )
        old_speakers = article_speakers(db, article_id)
        for table in ("quotes", "figures", "speaker_links", "speaker_roles"):
            db.table(table).delete_where("article_id = ?", [article_id])
        version = old["version"] + 1
        # A new text is judged afresh: a copy that changed is no longer a copy.
        db.table("articles").update(
            article_id, {**_article_fields(record), "duplicate_of": None, "version": version}
        )
        _save_extraction(db, record, article_id, filer)
        refresh(db, old_speakers)
    return version


def _article_fields(record: ArticleRecord) -> dict:
    article = record.article
    return {
        **{key: getattr(article, key) for key in ("title", "author", "site", "published", "text")},
        "fetched": record.fetched,
        "content_hash": record.content_hash,
        "status": record.status,
        "skip_reason": record.skip_reason,
        "minhash": record.minhash,
    }


def _save_extraction(db: Database, record: ArticleRecord, article_id: int, filer: Filer) -> None:
    extraction = record.extraction
    speaker_ids = filer(db, extraction, article_id, _seen(record))
    db.table("quotes").insert_all(
        {
            **asdict(quote),
            "article_id": article_id,
            "direct": int(quote.direct),
            "speaker_id": speaker_ids.get(quote.speaker or ""),
        }
        for quote in extraction.quotes
    )
    db.table("figures").insert_all(
        {**asdict(figure), "article_id": article_id} for figure in extraction.figures
    )
    refresh(db, speaker_ids.values())


def _seen(record: ArticleRecord) -> str:
    """The article's date: when it was published if that is a readable date, else fetched."""
    try:
        return timestamp(record.article.published or "")
    except ValueError:
        return record.fetched


_ARTICLE_FIELDS = {f.name for f in fields(StoredArticle)}


def _article(row: dict) -> StoredArticle:
    return StoredArticle(**{k: v for k, v in row.items() if k in _ARTICLE_FIELDS})


def articles_fetched_between(db: Database, start: str, end: str) -> list[StoredArticle]:
    """The extracted articles fetched after `start` up to `end` (store times), oldest first."""
    rows = db.table("articles").rows_where(
        "fetched > ? and fetched <= ? and status = 'extracted'", [start, end], order_by="id"
    )
    return [_article(row) for row in rows]


_QUOTE_FIELDS = {f.name for f in fields(StoredQuote)}
_FIGURE_FIELDS = {f.name for f in fields(StoredFigure)}


def quotes_of(db: Database, article_ids: list[int]) -> list[StoredQuote]:
    return [
        StoredQuote(
            **{k: v for k, v in row.items() if k in _QUOTE_FIELDS} | {"direct": bool(row["direct"])}
        )
        for row in _rows_of(db, "quotes", article_ids)
    ]


def figures_of(db: Database, article_ids: list[int]) -> list[StoredFigure]:
    return [
        StoredFigure(
            **{k: v for k, v in row.items() if k in _FIGURE_FIELDS}
            | {"salience": row["salience"] or 0.0}
        )
        for row in _rows_of(db, "figures", article_ids)
    ]


def figures_about(db: Database, words: list[str], limit: int = 500) -> list[FigurePoint]:
    """Stored figures with a word of `about` beginning with each of `words` ("deficit" finds
    "deficits"), newest article first, with the article that gave each. Words are searched as
    words through the figures' index, never as FTS5 syntax."""
    match = _prefixes(words)
    if not match:
        return []
    # The latest `limit` matches, then in order of publication: sorting every match of a common
    # term took 65 ms at 100,000 articles (benchmarks/commands.py).
    rows = db.execute(
        "select found.text, found.value, found.unit, found.kind, found.about,"
        " coalesce(articles.published, articles.fetched) as published, articles.source,"
        " articles.url, articles.title from (select figures.* from figures_fts"
        " join figures on figures.id = figures_fts.rowid"
        " where figures_fts match ? and figures.value is not null"
        " order by figures_fts.rowid desc limit ?)"
        " as found join articles on articles.id = found.article_id"
        " order by published desc, found.id",
        [match, limit],
    ).fetchall()
    return [FigurePoint(*row) for row in rows]


def _prefixes(words: list[str]) -> str:
    """An FTS5 query requiring each word as a prefix: the word's letters and digits as a phrase
    whose last token may run on ("u.s" is "u s"*, as the index splits "U.S.")."""
    phrases = (" ".join(re.findall(r"[^\W_]+", word)) for word in words)
    return " ".join(f'"{phrase}"*' for phrase in phrases if phrase)


def _rows_of(db: Database, table: str, article_ids: list[int]) -> list[dict]:
    marks = ",".join("?" * len(article_ids))
    return list(db[table].rows_where(f"article_id in ({marks})", article_ids, order_by="id"))


def speakers_by_id(db: Database, ids: Iterable[int | None]) -> dict[int, StoredSpeaker]:
    """The directory records of `ids` (None skipped), by id."""
    wanted = [i for i in set(ids) if i is not None]
    return {record.id: record for record in speakers_of(db, wanted)}


# Search -----------------------------------------------------------------------------------------


# Matches ranked for relevance, the latest first: ranking every match of a common word costs
# 150 ms at 100,000 articles, the latest RANKED under 10 ms (benchmarks/commands.py).
RANKED = 500


def search_quotes(db: Database, query: str, limit: int = 10) -> tuple[int, list[FoundQuote]]:
    """Quotes said or written that match every word of `query` (quoted parts as phrases), best
    first among the latest RANKED matches, with the total.

    The query is rebuilt from its words, so FTS5 operators and stray quote marks in what a user
    types are searched for as words and never reach FTS5 as syntax."""
    match = fts_query(query)
    if not match:
        return 0, []
    # The index holds only what was said or written (m017): its count is the total.
    total = db.execute("select count(*) from quotes_fts where quotes_fts match ?", [match])
    rows = db.execute(
        "select quotes.text, quotes.direct, quotes.speaker, quotes.confidence, articles.url,"
        " articles.title, coalesce(articles.published, articles.fetched)"
        " from (select rowid, rank from quotes_fts where quotes_fts match ?"
        " order by rowid desc limit ?) as latest"
        " join quotes on quotes.id = latest.rowid"
        " join articles on articles.id = quotes.article_id"
        " order by latest.rank, latest.rowid limit ?",
        [match, RANKED, limit],
    )
    found = [
        FoundQuote(text, bool(direct), speaker, confidence, url, title, date)
        for text, direct, speaker, confidence, url, title, date in rows
    ]
    return total.fetchone()[0], found


def fts_query(text: str) -> str:
    """An FTS5 query of `text`'s words: "quoted parts" as phrases, every term required."""
    phrases = re.findall(r'["“”]([^"“”]+)["“”]', text)
    rest = re.sub(r'["“”][^"“”]+["“”]', " ", text)
    terms = [" ".join(re.findall(r"\w+", p)) for p in phrases] + re.findall(r"\w+", rest)
    return " ".join(f'"{term}"' for term in terms if term)
