"""Time each slash command from the signed HTTP request to the answer, with 1,000 articles stored
(or --articles N: 100,000 is a desk following a thousand feeds for a few months).

The articles are synthetic (tests/bot/seed.py: eight speakers with titles, three quotes and a
figure each) and go in through `store.save_article`, the same write the pipeline makes; no NLP runs.
For speed they are stored in transactions of CHUNK articles, and each speaker is filed through the
directory's rules the first time only (later articles reuse what the rules decided), so 100,000
take minutes. The bot runs as `tradedigest serve` runs it, on waitress on loopback, with a fake
Slack Web API catching the answers at their response URLs. Each request is signed as Slack signs
it.

    .venv/bin/python -m benchmarks.commands [--articles 1000] [--requests 200] [--seeded PATH]

With --seeded PATH the seeded store is kept at PATH (made on first use, opened through the
store's migrations after) and each run measures a copy of it, so a repeated measurement at
100,000 articles does not seed again.

The reference is `/quotes help`: the same round trip (sign, verify, ack, respond) with an answer
that reads nothing, so the rest of each figure is the command's own work. Target: p99 under 50 ms
for every command.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from benchmarks._bot import bot_config, percentile, print_latencies, round_trips, running_bot
from digest import jobs, store
from digest.config import SpeakersConfig
from digest.speakers import filer
from tests.bot.seed import SPEAKERS, seed

TARGET_MS = 50
CHUNK = 5000
QUERIES = {
    "/quotes help": ["help"],
    "/speaker": [name for name, _, _ in SPEAKERS]
    + ["ross", "Mnuchkin", "commerce secretary", "Lighthouse", "nobody at all"],
    "/speakers": ["", "today", "week", "month"],
    "/quotes": ["reciprocal", '"trade war"', "soybean exports", "steel AND", "deficit billion"],
    "/digest": ["", "latest", datetime.now(ZoneInfo("America/New_York")).date().isoformat()],
    "/figures": ["trade deficit", "deficit", "soybean exports"],
    "/follow": [name for name, _, _ in SPEAKERS] + ['"steel tariffs"'],
    "/following": [""],
    "/unfollow": [name for name, _, _ in SPEAKERS[:4]],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="per command")
    parser.add_argument("--seeded", type=Path, help="keep the seeded store here and reuse it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        seeded = args.seeded or db_path
        if not seeded.exists():
            _seeded(seeded, args.articles)
        if seeded != db_path:
            shutil.copyfile(seeded, db_path)
        started = time.perf_counter()
        db = store.open_store(db_path)  # applies migrations newer than a kept store
        assert db["articles"].count == args.articles, f"{seeded} holds other articles"
        print(f"store opened (and migrated) in {time.perf_counter() - started:.1f} s")
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        with running_bot(db_path) as (fake, url):
            results = {
                name: round_trips(fake, url, name.split()[0], texts, args.requests)
                for name, texts in QUERIES.items()
            }
    print_latencies(results)
    worst = max(percentile(t, 99) for n, t in results.items() if n != "/quotes help")
    verdict = "met" if worst < TARGET_MS else "MISSED"
    print(f"target p99 < {TARGET_MS} ms for every command: {verdict} (worst p99 {worst:.1f} ms)")


def _seeded(db_path: Path, articles: int) -> None:
    db, now = store.open_store(db_path), datetime.now(UTC)
    started = time.perf_counter()
    seed_bulk(db, articles, now)
    jobs.build_digest(bot_config(db_path), db, now)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"{articles} synthetic articles stored in {time.perf_counter() - started:.0f} s")


def seed_bulk(db: Database, articles: int, now: datetime) -> None:
    """The seed's articles, in transactions of CHUNK articles."""
    file = _filed_once(filer(SpeakersConfig()))
    for first in range(0, articles, CHUNK):
        with store.writing(db):
            seed(db, min(CHUNK, articles - first), now, first=first, file=file)


def _filed_once(file: store.Filer) -> store.Filer:
    """`file`, run once per set of speakers: later articles with the same ones reuse its ids."""
    known: dict[tuple, dict[str, int]] = {}

    def filed(db, extraction, article_id, seen):
        if extraction.speakers not in known:
            known[extraction.speakers] = file(db, extraction, article_id, seen)
        return known[extraction.speakers]

    return filed


if __name__ == "__main__":
    main()
