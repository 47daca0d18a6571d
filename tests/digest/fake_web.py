"""A real HTTP server on 127.0.0.1 serving feeds and pages, faults included, for ingest tests."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class FakeWeb:
    """Routes by path; records every request's path and headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.sent: dict[str, int] = {}
        self.url = ""

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html") -> str:
        """A resource with an ETag and Last-Modified that answers 304 when unchanged."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = f'"{hash(data) & 0xFFFFFFFF:x}"'
        modified = formatdate(1_700_000_000, usegmt=True)

        def route(handler: BaseHTTPRequestHandler) -> None:
            if handler.headers.get("If-None-Match") == etag:
                handler.send_response(304)
                handler.end_headers()
                return
            gzipped = "gzip" in (handler.headers.get("Accept-Encoding") or "")
            payload = gzip.compress(data) if gzipped else data
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("ETag", etag)
            handler.send_header("Last-Modified", modified)
            if gzipped:
                handler.send_header("Content-Encoding", "gzip")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)

        self.routes[path] = route
        return self.url + path

    def status(self, path: str, code: int) -> str:
        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(code)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route
        return self.url + path

    def failing_then(self, path: str, failures: int, then: Route) -> str:
        """500 for the first `failures` requests, then `then`."""
        count = [0]

        def route(handler: BaseHTTPRequestHandler) -> None:
            count[0] += 1
            if count[0] <= failures:
                handler.send_response(500)
                handler.send_header("Content-Length", "0")
                handler.end_headers()
            else:
                then(handler)

        self.routes[path] = route
        return self.url + path

    def slow(self, path: str, seconds: float) -> str:
        def route(handler: BaseHTTPRequestHandler) -> None:
            time.sleep(seconds)
            handler.send_response(200)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route
        return self.url + path

    def trickle(self, path: str, seconds: float) -> str:
        """A body sent a few bytes at a time for `seconds` or until the client hangs up."""

        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/rss+xml")
            handler.end_headers()
            stop = time.monotonic() + seconds
            try:
                while time.monotonic() < stop:
                    handler.wfile.write(b"<!-- -->")
                    handler.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                return

        self.routes[path] = route
        return self.url + path

    def trickle_headers(self, path: str, seconds: float) -> str:
        """Response headers sent a byte at a time for `seconds`: every read gets something, so
        only a deadline on the whole request stops it."""

        def route(handler: BaseHTTPRequestHandler) -> None:
            stop = time.monotonic() + seconds
            try:
                handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                while time.monotonic() < stop:
                    handler.wfile.write(b"x")
                    handler.wfile.flush()
                    time.sleep(0.02)
            except OSError:
                return
            self.sent[path] = 1  # held the whole time: the client never hung up

        self.routes[path] = route
        return self.url + path

    def encoded(
        self, path: str, body: bytes, encodings: tuple[str, ...], content_type: str = "text/html"
    ) -> str:
        """`body` gzipped once per listed encoding, whatever the client accepts."""
        payload = body
        for _ in encodings:
            payload = gzip.compress(payload, compresslevel=9)

        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Encoding", ", ".join(encodings))
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)

        self.routes[path] = route
        return self.url + path

    def redirect(self, path: str, to: str) -> str:
        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(302)
            handler.send_header("Location", to)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route
        return self.url + path

    def endless(self, path: str, announce_length: bool) -> str:
        """50 MB of body, sent until the client hangs up; with or without Content-Length."""
        size, chunk = 50_000_000, b"<p>tariff</p>" * 5_000

        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            if announce_length:
                handler.send_header("Content-Length", str(size))
            handler.end_headers()
            self.sent[path] = 0
            try:
                for _ in range(size // len(chunk)):
                    handler.wfile.write(chunk)
                    self.sent[path] += len(chunk)
            except OSError:
                return  # the client stopped reading: what a size cap should do

        self.routes[path] = route
        return self.url + path


class _Handler(BaseHTTPRequestHandler):
    web: FakeWeb

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.web.requests.append((path, dict(self.headers)))
        route = self.web.routes.get(path)
        if route is None:
            self.send_error(404)
        else:
            route(self)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def running() -> Iterator[FakeWeb]:
    web = FakeWeb()
    handler = type("Handler", (_Handler,), {"web": web})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    web.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
