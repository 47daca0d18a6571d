"""CPU time of an idle `tradedigest serve`, in HTTP mode and in Socket Mode.

    .venv/bin/python -m benchmarks.idle [--seconds 30]

Each mode starts the real command in its own process against a fake Slack on loopback (the Web
API of tests/bot/fake_slack.py and, for Socket Mode, a WebSocket that says hello and then keeps
the connection open without a word). Its folder source holds enough articles for the first
ingest run to start the extraction workers, which `serve` keeps between runs. Once that run is
done, the benchmark reads the CPU time of the process and of its kept workers (user + system,
all threads, from /proc) over the idle window. The reference is the window's wall-clock length:
the figure is the share of one core. Target: under 1% in both modes.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve as websocket_server

from digest.workers import POOL_FROM
from tests.bot.fake_slack import FakeSlack, start
from tests.digest.test_ingest import distinct_story

SETTLE_SECONDS = 5  # after the first ingest run: its alerts and the catch-up end
ARTICLES = POOL_FROM + 8  # the first run starts the workers, as in a serve that has worked
TARGET = 0.01


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    fake = FakeSlack()
    slack = start(fake)
    fake.ws_url = _quiet_socket()
    shares = {}
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("HTTP", "Socket Mode"):
            shares[mode] = _idle_share(fake, Path(folder) / mode.replace(" ", ""), mode, args)
    slack.shutdown()
    print(f"idle `tradedigest serve`, {args.seconds:.0f} s after start-up, {os.cpu_count()} cores")
    for mode, share in shares.items():
        print(f"{mode:<12} {share:7.3%} of a core")
    worst = max(shares.values())
    print(f"target < {TARGET:.0%} of a core: {'met' if worst < TARGET else 'MISSED'}")


def _idle_share(fake: FakeSlack, folder: Path, mode: str, args: argparse.Namespace) -> float:
    folder.mkdir()
    (folder / "articles").mkdir()
    for n in range(ARTICLES):
        (folder / "articles" / f"story-{n}.txt").write_text(distinct_story(n), encoding="utf-8")
    config = folder / "tradedigest.toml"
    config.write_text(
        f'[database]\npath = "{folder / "td.db"}"\n[slack]\nport = {_free_port()}\n'
        f'[[sources]]\nname = "local"\nkind = "folder"\npath = "{folder / "articles"}"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-idle", "SLACK_API_URL": fake.api_url}
    env.pop("TRADEDIGEST_DB", None)
    if mode == "HTTP":
        env["SLACK_SIGNING_SECRET"] = "idle-signing-secret"
        env.pop("SLACK_APP_TOKEN", None)
    else:
        env["SLACK_APP_TOKEN"] = fake.app_token
    command = [str(Path(sys.executable).parent / "tradedigest"), "--config", str(config), "serve"]
    log = folder / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
    try:
        _wait_for_line(log, f"local {ARTICLES} new", process)
        time.sleep(SETTLE_SECONDS)
        pids = [process.pid, *_children(process.pid)]
        before = sum(map(_cpu_seconds, pids))
        time.sleep(args.seconds)
        children = len(pids) - 1  # the kept workers and multiprocessing's resource tracker
        print(f"{mode}: serve and its {children} child processes", flush=True)
        return (sum(map(_cpu_seconds, pids)) - before) / args.seconds
    finally:
        process.terminate()
        process.wait(30)


def _quiet_socket() -> str:
    """A Socket Mode WebSocket that says hello, then nothing; its URL."""

    def session(websocket) -> None:
        websocket.send(json.dumps({"type": "hello", "num_connections": 1}))
        try:
            for _ in websocket:
                pass
        except ConnectionClosed:
            pass  # serve stopped

    server = websocket_server(session, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"ws://127.0.0.1:{server.socket.getsockname()[1]}/link"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_line(log: Path, text: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while text not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"serve did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)


def _children(pid: int) -> list[int]:
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
