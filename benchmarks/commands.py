"""Time each slash command from the signed HTTP request to the answer, with 1,000 articles stored.

The articles are synthetic (tests/bot/seed.py: eight speakers with titles, three quotes and a
figure each) and go in through `store.save_article`, the same write the pipeline makes; no NLP runs.
The bot runs as `tradedigest serve` runs it, on waitress on loopback, with a fake Slack Web API
catching the answers at their response URLs. Each request is signed as Slack signs it.

    .venv/bin/python -m benchmarks.commands [--articles 1000] [--requests 200]

The reference is `/quotes help`: the same round trip (sign, verify, ack, respond) with an answer
that reads nothing, so the rest of each figure is the command's own work.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks._bot import bot_config, percentile, print_latencies, round_trips, running_bot
from digest import jobs, store
from tests.bot.seed import SPEAKERS, seed

TARGET_MS = 300
QUERIES = {
    "/quotes help": ["help"],
    "/speaker": [name for name, _, _ in SPEAKERS]
    + ["ross", "Mnuchkin", "commerce secretary", "Lighthouse", "nobody at all"],
    "/speakers": ["", "today", "week", "month"],
    "/quotes": ["reciprocal", '"trade war"', "soybean exports", "steel AND", "deficit billion"],
    "/digest": ["", "latest", datetime.now(ZoneInfo("America/New_York")).date().isoformat()],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        db, now = store.open_store(db_path), datetime.now(UTC)
        seed(db, args.articles, now)
        jobs.build_digest(bot_config(db_path), db, now)
        print(f"{args.articles} synthetic articles stored through store.save_article")
        with running_bot(db_path) as (fake, url):
            results = {
                name: round_trips(fake, url, name.split()[0], texts, args.requests)
                for name, texts in QUERIES.items()
            }
    print_latencies(results)
    worst = max(percentile(t, 99) for n, t in results.items() if n != "/quotes help")
    verdict = "met" if worst < TARGET_MS else "MISSED"
    print(f"target p99 < {TARGET_MS} ms for every command: {verdict} (worst p99 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
