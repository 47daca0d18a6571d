"""Synthetic articles stored through `store.save_article`, for commands and their benchmark.

Realistic in shape (speakers with titles, quotes with trade terms, figures) but written here, so
tests and the benchmark need neither the NLP pipeline nor the network.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

from digest import dedupe, store
from digest.config import SpeakersConfig
from digest.records import Article, ArticleRecord, Extraction, Figure, Quote, Speaker
from digest.speakers import filer

SPEAKERS = [
    ("Wilbur Ross", "Commerce Secretary", "Department of Commerce"),
    ("Steven Mnuchin", "Treasury Secretary", "Treasury"),
    ("Wang Yang", "Vice Premier", "State Council"),
    ("He Weiwen", "former commerce official", "Center for China and Globalization"),
    ("Robert Lighthizer", "Trade Representative", "USTR"),
    ("Cecilia Malmström", "Trade Commissioner", "European Commission"),
    ("Liu He", "Vice Premier", "State Council"),
    ("Chrystia Freeland", "Foreign Minister", "Government of Canada"),
]
PHRASES = [
    "We want trade that is more fair, equitable and reciprocal",
    "The deficit of {n} billion dollars cannot go on",
    "Tariffs on steel and aluminum protect national security",
    "Both sides should avoid an escalating trade war",
    "Soybean exports fell {n} percent this quarter",
    "We are ready to negotiate but not under threat",
]


def seed(
    db: Database,
    count: int,
    now: datetime,
    published: str | None = None,
    *,
    first: int = 0,
    file: store.Filer | None = None,
) -> None:
    """Store `count` articles fetched over the days before `now`, three quotes each; all say
    they were published on `published` when it is given, as a folder article may. `first`
    numbers them on from an earlier call; `file` files their speakers (the directory's rules
    by default)."""
    file = file or filer(SpeakersConfig())
    for i in range(first, first + count):
        fetched = (now - timedelta(hours=i * 7 % (24 * 30))).isoformat()
        quotes, speakers = [], []
        for j in range(3):
            name, title, organization = SPEAKERS[(i + j * 3) % len(SPEAKERS)]
            text = PHRASES[(i + j) % len(PHRASES)].format(n=100 + i % 300)
            quotes.append(Quote(text, j * 100, j * 100 + len(text), name, None, None, "said", True))
            speakers.append(Speaker(name, (name.split()[-1],), title, organization))
        figure = Figure(f"${100 + i % 300} billion", 0, 12, "money", 1e9, "USD", "trade deficit")
        url = f"https://news.example.com/trade/{i}"
        article = Article(
            url, f"Trade talks, day {i}", "…", "wire", published=published or fetched[:10]
        )
        record = ArticleRecord(
            article,
            Extraction(tuple(quotes), tuple(dict.fromkeys(speakers)), (figure,)),
            canonical_url=dedupe.canonical_url(url),
            content_hash=dedupe.content_hash(url),
            fetched=fetched,
        )
        store.save_article(db, record, file)
