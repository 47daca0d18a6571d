"""`/figures TERM` finds stored figures through a full-text index of what they measure, which
the store keeps in step with every write of a figure and builds for figures stored before it."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digest import speakers, store
from digest.config import SpeakersConfig
from digest.records import Article, ArticleRecord, Extraction, Figure


def record(n: int, *abouts: str) -> ArticleRecord:
    article = Article(
        url=f"https://news.example/{n}", title=f"Story {n}", text=f"Text {n}.", source="wire"
    )
    figures = tuple(Figure(f"${n} billion", 0, 5, "money", n * 1e9, "USD", a) for a in abouts)
    return ArticleRecord(
        article,
        Extraction(figures=figures),
        canonical_url=article.url,
        content_hash=f"hash-{n}-{abouts}",
        fetched=f"2026-01-{n:02d}T00:00:00",
    )


def save(db, n: int, *abouts: str) -> int:
    return store.save_article(db, record(n, *abouts), speakers.filer(SpeakersConfig()))


def found(db, query: str) -> list[str]:
    return [point.about for point in store.figures_about(db, query.lower().split())]


def in_step(db) -> bool:
    """FTS5's own check that the index holds exactly what the figures table holds."""
    db.execute("insert into figures_fts (figures_fts, rank) values ('integrity-check', 1)")
    return True


@pytest.fixture
def db(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    save(db, 1, "U.S. trade deficit in September", "soybean exports to China")
    save(db, 2, "the trade deficits with Mexico", "anti-dumping duties on steel")
    return db


@pytest.mark.parametrize(
    ("query", "abouts"),
    [
        ("trade deficit", ["the trade deficits with Mexico", "U.S. trade deficit in September"]),
        ("DEFICIT Mexico", ["the trade deficits with Mexico"]),  # any order, any case
        ("defic", ["the trade deficits with Mexico", "U.S. trade deficit in September"]),
        ("eficit", []),  # a word is found by its beginning, never from its middle
        ("u.s. deficit", ["U.S. trade deficit in September"]),  # split as the index splits it
        ("anti-dumping", ["anti-dumping duties on steel"]),
        ("steel tariffs", []),  # every word is required
    ],
)
def test_a_term_finds_figures_whose_words_begin_with_each_of_its_words(db, query, abouts):
    assert found(db, query) == abouts


@pytest.mark.parametrize("query", ['"', "*", "AND", "NOT deficit", "NEAR(x y)", "a:b", "^", "-x"])
def test_fts5_syntax_in_a_term_is_searched_as_words(db, query):
    assert isinstance(found(db, query), list)


@pytest.fixture(scope="module")
def empty():
    return store.open_store(":memory:")


@given(text=st.text(max_size=40))
def test_any_text_is_searched_never_an_error(empty, text):
    assert store.figures_about(empty, text.split()) == []


def test_the_index_follows_new_versions_and_keeps_in_step(db):
    article_id = save(db, 3, "steel output in October")
    assert found(db, "steel output") == ["steel output in October"]
    changed = record(3, "aluminium output in October")
    changed = replace(changed, content_hash="changed")
    store.save_version(db, article_id, changed, speakers.filer(SpeakersConfig()))
    assert found(db, "steel output") == []
    assert found(db, "aluminium") == ["aluminium output in October"]
    assert in_step(db)


def test_figures_stored_before_the_index_existed_are_indexed_when_it_is_made():
    db = store.open_store(":memory:")
    db.execute("drop table figures_fts")  # a store made before m016, with figures in it
    for trigger in ("figures_fts_insert", "figures_fts_delete", "figures_fts_update"):
        db.execute(f"drop trigger {trigger}")
    db.execute("delete from _sqlite_migrations where name = 'm016_figures_search'")
    save(db, 4, "rice imports from Vietnam")
    assert store.migrations.pending(db)
    store.migrations.apply(db)
    assert found(db, "rice imports") == ["rice imports from Vietnam"]
    assert in_step(db)
