"""The most quoted speakers of a period are summed from quotes per hour, which triggers keep on
every write of a quote: the sums must be what counting the quotes themselves gives."""

from datetime import UTC, datetime, timedelta

import pytest

from digest import speakers, store
from tests.bot.seed import seed

NOW = datetime(2026, 11, 20, 13, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    db = store.open_store(tmp_path / "td.db")
    seed(db, 40, NOW)  # fetched every 7 hours back from NOW, eight speakers
    return db


def counted(db, since: datetime, until: datetime) -> list[tuple[str, int]]:
    """The ranking from the quotes themselves, the way it is defined."""
    rows = db.execute(
        "select s.name, count(*) as n from quotes q join articles a on a.id = q.article_id"
        " join speakers s on s.id = q.speaker_id where a.fetched > ? and a.fetched <= ?"
        " group by s.id order by n desc, s.name",
        [store.timestamp(since), store.timestamp(until)],
    )
    return [tuple(row) for row in rows]


WINDOWS = [
    (timedelta(days=30), timedelta(0)),
    (timedelta(days=7), timedelta(0)),
    (timedelta(hours=1), timedelta(0)),
    (timedelta(hours=50, minutes=17), timedelta(hours=3, minutes=1)),
    (timedelta(hours=7), timedelta(hours=7)),  # an empty period
]


@pytest.mark.parametrize(("back", "until"), WINDOWS)
def test_hourly_sums_give_the_quote_counts_of_any_period(db, back, until):
    since, end = NOW - back, NOW - until
    top = speakers.top_speakers(db, since.isoformat(), end.isoformat(), limit=100)
    assert top == counted(db, since, end)


def test_a_merge_moves_its_quotes_in_the_sums(db):
    [(keep,), (other,)] = db.execute(
        "select id from speakers where name in ('Wilbur Ross', 'Liu He') order by name desc"
    ).fetchall()
    speakers.merge_speakers(db, keep, other, NOW.isoformat())
    since = NOW - timedelta(days=30)
    top = speakers.top_speakers(db, since.isoformat(), NOW.isoformat(), limit=100)
    assert top == counted(db, since, NOW)
    assert dict(top)["Wilbur Ross"] == 30  # 15 quotes each before


def test_the_sums_are_kept_in_the_store_not_recounted(db):
    rows = db.execute("select sum(quotes) from speaker_hours").fetchone()[0]
    assert rows == db.execute("select count(*) from quotes").fetchone()[0] == 120
