"""The bot as `tradedigest serve` runs it (waitress on loopback, a fake Slack catching answers at
their response URLs), and slash commands timed from the signed request to the answer."""

from __future__ import annotations

import itertools
import statistics
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bot.app import build_app, http_server, slack_client, stop_http
from digest import store
from digest.config import Config, load_config
from tests.bot.fake_slack import FakeSlack, form, send, sign, slash_command, start

ROOT = Path(__file__).resolve().parent.parent
SECRET = "benchmark-signing-secret"


def bot_config(db_path: Path, api_url: str = "http://127.0.0.1:9/api/") -> Config:
    """The shipped configuration, with the store at `db_path` and Slack at `api_url`."""
    config = load_config(environ={}, path=ROOT / "config" / "tradedigest.toml")
    return replace(
        config,
        db_path=db_path,
        slack=replace(
            config.slack, api_url=api_url, bot_token="xoxb-benchmark", signing_secret=SECRET, port=0
        ),
    )


@contextmanager
def running_bot(db_path: Path) -> Iterator[tuple[FakeSlack, str]]:
    """The fake Slack and the bot's events URL, both stopped on leaving."""
    fake = FakeSlack()
    slack_server = start(fake)
    config = bot_config(db_path, fake.api_url)
    server = http_server(build_app(config, store.connector(db_path), slack_client(config)), config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.effective_port}/slack/events"
    finally:
        stop_http(server)
        thread.join(5)
        slack_server.shutdown()


_paths = itertools.count()


def round_trips(
    fake: FakeSlack,
    url: str,
    command: str,
    texts: list[str],
    requests: int,
    users: Iterable[str] = ("U0ASKER",),
) -> list[float]:
    """Milliseconds from sending each request (texts and users in turn) to its answer reaching
    the response URL."""
    times = []
    askers = itertools.cycle(users)
    for text in itertools.islice(itertools.cycle(texts), requests):
        path = f"answer-{next(_paths)}"
        fields = {**slash_command(command, text, fake.response_url(path)), "user_id": next(askers)}
        body = form(fields)
        started = time.monotonic()
        status, _ = send(url, body, sign(SECRET, body))
        [answer] = fake.wait_for(f"/respond/{path}")
        assert status == 200, status
        times.append((answer.at - started) * 1000)
    return times


def percentile(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def print_latencies(results: dict[str, list[float]]) -> None:
    print(f"{'command':<14} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  requests")
    for name, times in results.items():
        p50, p99 = percentile(times, 50), percentile(times, 99)
        print(f"{name:<14} {p50:8.1f} {p99:8.1f} {max(times):8.1f}  {len(times)}")
