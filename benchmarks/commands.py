"""Time each slash command from the signed HTTP request to the answer, with 1,000 articles stored
(or --articles N: 100,000 is a desk following a thousand feeds for a few months).

The articles are synthetic (tests/bot/seed.py: eight speakers with titles, three quotes and a
figure each) and go in through `store.save_article`, the same write the pipeline makes; no NLP runs.
For speed they are stored in transactions of CHUNK articles, and each speaker is filed through the
directory's rules the first time only (later articles reuse what the rules decided), so 100,000
take minutes. The bot runs as `tradedigest serve` runs it, on waitress on loopback, with a fake
Slack Web API catching the answers at their response URLs. Each request is signed as Slack signs
it.

    .venv/bin/python -m benchmarks.commands [--articles 1000] [--requests 200]

The reference is `/quotes help`: the same round trip (sign, verify, ack, respond) with an answer
that reads nothing, so the rest of each figure is the command's own work. Target: p99 under 50 ms
for every command.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent

from bot.app import build_app, http_server, slack_client, stop_http  # noqa: E402
from digest import jobs, store  # noqa: E402
from digest.config import SpeakersConfig, load_config  # noqa: E402
from digest.speakers import filer  # noqa: E402
from tests.bot.fake_slack import FakeSlack, form, send, sign, slash_command, start  # noqa: E402
from tests.bot.seed import SPEAKERS, seed  # noqa: E402

SECRET = "benchmark-signing-secret"
TARGET_MS = 50
CHUNK = 5000
QUERIES = {
    "/quotes help": ["help"],
    "/speaker": [name for name, _, _ in SPEAKERS]
    + ["ross", "Mnuchkin", "commerce secretary", "Lighthouse", "nobody at all"],
    "/speakers": ["", "today", "week", "month"],
    "/quotes": ["reciprocal", '"trade war"', "soybean exports", "steel AND", "deficit billion"],
    "/digest": ["", "latest", datetime.now(ZoneInfo("America/New_York")).date().isoformat()],
    "/follow": [name for name, _, _ in SPEAKERS] + ['"steel tariffs"'],
    "/following": [""],
    "/unfollow": [name for name, _, _ in SPEAKERS[:4]],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200, help="per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        fake, url, stop = _bot(Path(folder) / "bench.db", args.articles)
        print(f"{args.articles} synthetic articles stored through store.save_article")
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print(f"{'command':<14} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  requests")
        results = {name: _measure(fake, url, name, args.requests) for name in QUERIES}
        stop()
    for name, times in results.items():
        p50, p99 = _percentile(times, 50), _percentile(times, 99)
        print(f"{name:<14} {p50:8.1f} {p99:8.1f} {max(times):8.1f}  {len(times)}")
    worst = max(_percentile(t, 99) for n, t in results.items() if n != "/quotes help")
    verdict = "met" if worst < TARGET_MS else "MISSED"
    print(f"target p99 < {TARGET_MS} ms for every command: {verdict} (worst p99 {worst:.1f} ms)")


def _bot(db_path: Path, articles: int):
    """Store the articles and a digest, start the fake Slack and the bot; how to stop them."""
    fake = FakeSlack()
    slack_server = start(fake)
    config = load_config(environ={}, path=ROOT / "config" / "tradedigest.toml")
    config = replace(
        config,
        db_path=db_path,
        slack=replace(
            config.slack,
            api_url=fake.api_url,
            bot_token="xoxb-benchmark",
            signing_secret=SECRET,
            port=0,
        ),
    )
    db = store.open_store(db_path)
    now = datetime.now(UTC)
    started = time.perf_counter()
    seed_bulk(db, articles, now)
    print(f"stored in {time.perf_counter() - started:.0f} s")
    jobs.build_digest(config, db, now)
    server = http_server(build_app(config, store.connector(db_path), slack_client(config)), config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def stop() -> None:
        stop_http(server)
        thread.join(5)
        slack_server.shutdown()

    return fake, f"http://127.0.0.1:{server.effective_port}/slack/events", stop


def seed_bulk(db, articles: int, now: datetime) -> None:
    """The seed's articles, in transactions of CHUNK articles."""
    file = _filed_once(filer(SpeakersConfig()))
    for first in range(0, articles, CHUNK):
        with store.writing(db):
            seed(db, min(CHUNK, articles - first), now, first=first, file=file)


def _filed_once(file: store.Filer) -> store.Filer:
    """`file`, run once per set of speakers: later articles with the same ones reuse its ids."""
    known: dict[tuple, dict[str, int]] = {}

    def filed(db, extraction, article_id, seen):
        key = extraction.speakers
        if key not in known:
            known[key] = file(db, extraction, article_id, seen)
        return known[key]

    return filed


_names = itertools.count()


def _measure(fake: FakeSlack, url: str, name: str, requests: int) -> list[float]:
    """Milliseconds from sending each request to the answer reaching the response URL."""
    command = name.split()[0]
    times = []
    for text in itertools.islice(itertools.cycle(QUERIES[name]), requests):
        path = f"answer-{next(_names)}"
        body = form(slash_command(command, text, fake.response_url(path)))
        started = time.monotonic()
        status, _ = send(url, body, sign(SECRET, body))
        [answer] = fake.wait_for(f"/respond/{path}")
        assert status == 200, status
        times.append((answer.at - started) * 1000)
    return times


def _percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


if __name__ == "__main__":
    main()
