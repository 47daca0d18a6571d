"""A fake Slack on 127.0.0.1: the Web API methods tradedigest calls, response URLs and signing.

It records every request and can be told to answer the next chat.postMessage calls with a fault
(429 with Retry-After, 500) or to reject a channel, and answer response URLs with a fault, so
tests exercise the real slack_sdk client.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlencode
from urllib.request import Request, urlopen

TEAM = {
    "team": "Trade Desk",
    "team_id": "T0TRADE",
    "user": "tradedigest",
    "user_id": "U0BOT",
    "bot_id": "B0BOT",
}


@dataclass
class Call:
    """One request the fake received: the API method (or response-URL path) and its body."""

    method: str
    body: dict
    headers: dict
    at: float


@dataclass
class FakeSlack:
    """State of the fake; the HTTP server reads and writes it from its threads."""

    url: str = ""
    ws_url: str = ""
    app_token: str = "xapp-test-token"
    missing_channels: set[str] = field(default_factory=set)
    faults: list[tuple[int, dict]] = field(default_factory=list)
    response_faults: list[int] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/respond/{name}"

    def fail_next_post(self, status: int, retry_after: int | None = None) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        self.faults.append((status, headers))

    def fail_next_responses(self, status: int, count: int = 1) -> None:
        """Answer the next `count` posts to any response URL with `status`."""
        self.response_faults.extend([status] * count)

    def posts(self, channel: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method == "chat.postMessage" and channel in (None, c.body.get("channel"))
        ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls of `method` once there are `count` of them; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := [c for c in self.calls if c.method == method]) < count:
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"{count} {method} calls expected, got {len(found)}"
                self._changed.wait(remaining)
        return found

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def answer(self, method: str, body: dict) -> tuple[int, dict, dict]:
        """Status, headers and JSON body for one Web API call."""
        if method == "chat.postMessage":
            with self._lock:
                fault = self.faults.pop(0) if self.faults else None
            if fault:
                return fault[0], fault[1], {"ok": False, "error": "fault"}
            if body.get("channel") in self.missing_channels:
                return 200, {}, {"ok": False, "error": "channel_not_found"}
            ts = f"1700000000.{next(self._ts):06d}"
            return 200, {}, {"ok": True, "channel": body.get("channel"), "ts": ts}
        if method == "auth.test":
            return 200, {}, {"ok": True, "url": "https://tradedesk.slack.com/", **TEAM}
        if method == "apps.connections.open":
            return 200, {}, {"ok": True, "url": self.ws_url}
        return 200, {}, {"ok": False, "error": "unknown_method"}


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
            if "json" in self.headers.get("Content-Type", ""):
                body = json.loads(raw or "{}")
            else:
                body = {k: v[0] for k, v in parse_qs(raw).items()}
            path = self.path.split("?")[0]
            method = path.removeprefix("/api/") if path.startswith("/api/") else path
            fake.record(Call(method, body, dict(self.headers), time.monotonic()))
            if method == "apps.connections.open" and (
                self.headers.get("Authorization") != f"Bearer {fake.app_token}"
            ):
                status, headers, answer = 200, {}, {"ok": False, "error": "invalid_auth"}
            elif path.startswith("/respond/"):
                with fake._lock:
                    status = fake.response_faults.pop(0) if fake.response_faults else 200
                headers, answer = {}, {"ok": status == 200}
            else:
                status, headers, answer = fake.answer(method, body)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            for name, value in {**headers, "Content-Type": "application/json"}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args) -> None:  # quiet test output
            pass

    return Handler


def start(fake: FakeSlack) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers exactly as Slack signs a request: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": "application/x-www-form-urlencoded",
    }


def slash_command(command: str, text: str, response_url: str) -> dict[str, str]:
    """The form fields Slack sends for a slash command."""
    return {
        "token": "legacy-unused",
        "team_id": TEAM["team_id"],
        "team_domain": "tradedesk",
        "channel_id": "C0DESK",
        "channel_name": "trade-desk",
        "user_id": "U0ASKER",
        "user_name": "asker",
        "command": command,
        "text": text,
        "api_app_id": "A0APP",
        "response_url": response_url,
        "trigger_id": "1.2.3",
    }


def form(fields: dict[str, str]) -> str:
    return urlencode(fields)


def send(url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    """POST `body` to the bot as Slack would; the status and body of its answer."""
    request = Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except HTTPError as error:
        with error:
            return error.code, error.read().decode()
