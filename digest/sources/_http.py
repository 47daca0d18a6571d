"""The one HTTP client every web source goes through: one deadline per request, a cap on decoded
bytes, conditional GET, retries with backoff, and a few requests at most at once to any host."""

from __future__ import annotations

import codecs
import json
import re
import ssl
import threading
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import charset_normalizer
import httpcore
import httpx

from digest import __version__
from digest.config import IngestConfig
from digest.sources._common import SourceUnavailable

USER_AGENT = f"tradedigest/{__version__} (trade news digest; python-httpx/{httpx.__version__})"
MAX_REDIRECTS = 5
# A whole request (connect, headers and body, every redirect) may take this many timeouts.
BODY_TIMEOUTS = 4
# Only what `_Decoder` can decode with a cap on its output is asked for.
ACCEPT_ENCODING = "gzip, deflate"
# <meta charset="...">, <meta http-equiv="Content-Type" content="...; charset=...">, or
# <?xml ... encoding="..."?>.
CHARSET_IN_BODY = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# UTF-8 text with at most one byte that is not UTF-8 for this many characters beyond ASCII that
# are is UTF-8 with stray bytes; a Latin-1 text has almost none that are.
STRAY_BYTES_PER_CHARACTER = 4
# Single-byte Latin charsets (codecs names). A body mislabelled UTF-8 that a detector reads as one
# of these is Windows-1252, the superset of Latin-1 that browsers read such pages as (a detector
# cannot tell Latin scripts apart on little text); a body declared in one that is valid UTF-8 is
# UTF-8.
WESTERN = {"cp1252", "iso8859-1", "iso8859-15", "cp1250", "iso8859-2", "mac-latin2", "cp850"}


# A source fetches linked pages for this many request deadlines a run at most; the pages left
# wait for the next run, so a site that answers slowly costs each run a bounded time.
SOURCE_DEADLINES = 2


def deadline_seconds(settings: IngestConfig) -> float:
    return settings.timeout_seconds * BODY_TIMEOUTS


class PageBudget:
    """How many more linked pages a source may fetch this run: `ingest.max_links` of them, in
    `SOURCE_DEADLINES` request deadlines."""

    def __init__(self, settings: IngestConfig):
        self.left = settings.max_links
        self.until = time.monotonic() + deadline_seconds(settings) * SOURCE_DEADLINES

    def take(self) -> bool:
        """Whether one more page may be fetched (and counts it)."""
        if self.left <= 0 or time.monotonic() > self.until:
            return False
        self.left -= 1
        return True


@dataclass(frozen=True)
class Response:
    """A 200 response read whole (`body`), or a 304 (`not_modified`, empty body)."""

    url: str
    body: bytes
    content_type: str
    validators: str | None
    not_modified: bool = False

    @property
    def charset(self) -> str | None:
        _, _, params = self.content_type.partition("charset=")
        return params.split(";")[0].strip().strip('"') or None

    def decoded(self) -> tuple[str, str | None]:
        """The body as text, and a warning when it is not in the charset it declares.

        A declared (else UTF-8) charset that does not fit the bytes is replaced by the one they
        are in, so a Latin-1 page under a UTF-8 header keeps its accents."""
        named = self.charset or _charset_in_body(self.body)
        declared = named or "utf-8"
        if _normalized(declared) in WESTERN and not self.body.isascii():
            # Single-byte charsets decode any bytes; text that is valid UTF-8 beyond ASCII is
            # UTF-8 (no Western prose is valid UTF-8 by chance).
            try:
                text = self.body.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return text, f"{self.url}: declared {declared}; read as utf-8"
        try:
            return self.body.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
        if _normalized(declared) == "utf-8" and (mostly := _mostly_utf8(self.body)):
            text, bad = mostly
            stray = f"{bad} byte{'' if bad == 1 else 's'}"
            return text, f"{self.url}: {stray} not in the declared {declared}, replaced"
        found = _detected(self.body)
        said = f"declared {declared}" if named else "no charset declared, not UTF-8"
        return self.body.decode(found, "replace"), f"{self.url}: {said}; read as {found}"


def _normalized(charset: str) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return charset


def _charset_in_body(body: bytes) -> str | None:
    """The charset a page or XML document names for itself near its start."""
    found = CHARSET_IN_BODY.search(body[:4096])
    return (found.group(1) or found.group(2)).decode("ascii") if found else None


def _mostly_utf8(body: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few stray bytes (a snippet pasted in from elsewhere), as text with them
    replaced and their count; None when the non-ASCII text is not mostly UTF-8."""
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return (text, bad) if good >= STRAY_BYTES_PER_CHARACTER * bad else None


def _detected(body: bytes) -> str:
    guesses = [match.encoding for match in charset_normalizer.from_bytes(body)]
    if not guesses or any(_normalized(guess) in WESTERN for guess in guesses):
        return "cp1252"
    return guesses[0]


class HttpClient:
    """Built once per ingest run and shared by every source (thread-safe)."""

    def __init__(self, settings: IngestConfig):
        self.settings = settings
        self.seconds = 0.0
        self._client = httpx.Client(
            timeout=settings.timeout_seconds,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            transport=_DeadlineTransport(),
        )
        self._hosts: defaultdict[str, threading.Semaphore] = defaultdict(
            lambda: threading.Semaphore(settings.per_host)
        )
        self._lock = threading.Lock()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._client.close()

    def get(self, url: str, validators: str | None = None) -> Response:
        """GET `url`; with the `validators` of an earlier response, an unchanged one is a 304.

        Raises SourceUnavailable naming the URL and the cause."""
        started = time.perf_counter()
        try:
            return self._get_with_retries(url, _conditional_headers(validators))
        finally:
            with self._lock:
                self.seconds += time.perf_counter() - started

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Response:
        for attempt in range(self.settings.retries + 1):
            try:
                return self._get_politely(url, headers)
            except _Retryable as error:
                if attempt == self.settings.retries:
                    raise SourceUnavailable(f"{url}: {error} (after {attempt + 1} tries)") from None
                time.sleep(self.settings.backoff_seconds * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _get_politely(self, url: str, headers: dict[str, str]) -> Response:
        seconds = deadline_seconds(self.settings)
        with _deadline(seconds) as expired:
            try:
                return self._follow(url, headers)
            except httpx.TimeoutException:
                if expired():
                    # A server this slow in all will be as slow again: no retry.
                    raise SourceUnavailable(
                        f"{url}: no complete response within {seconds:g} s"
                    ) from None
                raise _Retryable(f"timed out after {self.settings.timeout_seconds:g} s") from None
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise SourceUnavailable(f"{url}: {error or type(error).__name__}") from None

    def _follow(self, url: str, headers: dict[str, str]) -> Response:
        # Redirects are followed here rather than by httpx, which reads (and inflates) the body
        # of each redirect response, outside the cap.
        at = url
        for _ in range(MAX_REDIRECTS + 1):
            with self._host_slot(at), self._client.stream("GET", at, headers=headers) as response:
                if not response.has_redirect_location:
                    return self._read(response)
                at = str(response.url.join(response.headers["location"]))
        raise SourceUnavailable(f"{url}: more than {MAX_REDIRECTS} redirects")

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        with self._lock:
            slot = self._hosts[urlsplit(url).netloc]
        with slot:
            yield

    def _read(self, response: httpx.Response) -> Response:
        url = str(response.url)
        if response.status_code == 304:
            return Response(url, b"", "", _validators(response), not_modified=True)
        if response.status_code >= 500:
            raise _Retryable(f"HTTP {response.status_code} {response.reason_phrase}")
        if response.status_code != 200:
            raise SourceUnavailable(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
        body = self._capped_body(response)
        return Response(url, body, response.headers.get("content-type", ""), _validators(response))

    def _capped_body(self, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        if int(response.headers.get("content-length") or 0) > cap:
            raise SourceUnavailable(f"{response.url}: response larger than {cap:,} bytes")
        decoder = _Decoder(response.headers.get("content-encoding", ""), str(response.url), cap)
        # Raw bytes are decoded here, each layer's output capped, so a bomb of any depth is
        # stopped once it passes the cap rather than after it is inflated whole.
        chunks = [decoder.decode(raw) for raw in response.iter_raw()]
        return b"".join([*chunks, decoder.flush()])


class _Retryable(Exception):
    """A failure worth another try: a timeout or a server error."""


def _validators(response: httpx.Response) -> str | None:
    found = {
        key: response.headers[key] for key in ("etag", "last-modified") if response.headers.get(key)
    }
    return json.dumps(found, sort_keys=True) if found else None


# Items a web source leaves for a later run (over the per-run cap of page fetches, or failed) are
# owed: the source's next fetch sends no validators, so a 304 cannot hide them. Failed items are
# owed for this many runs in a row, so that one dead link does not cost a feed its 304s forever.
FAILED_ITEM_RUNS = 3


def remembered(validators: str | None, before: str | None, *, deferred: int, failed: int) -> str:
    """What to remember of a fetched source URL: its validators, and whether items are owed."""
    found = json.loads(validators) if validators else {}
    if failed:
        found["failed_runs"] = json.loads(before or "{}").get("failed_runs", 0) + 1
    if deferred or 0 < found.get("failed_runs", 0) <= FAILED_ITEM_RUNS:
        found["owed"] = True
    return json.dumps(found, sort_keys=True)


def _conditional_headers(validators: str | None) -> dict[str, str]:
    found = json.loads(validators) if validators else {}
    headers: dict[str, str] = {}
    if found.get("owed"):
        return headers
    if "etag" in found:
        headers["If-None-Match"] = found["etag"]
    if "last-modified" in found:
        headers["If-Modified-Since"] = found["last-modified"]
    return headers


class _Decoder:
    """Undoes a body's Content-Encoding layers (gzip or deflate, any number of them) with a cap
    on every layer's output and on the whole: past `cap` bytes it raises SourceUnavailable."""

    def __init__(self, content_encoding: str, url: str, cap: int):
        self.url, self.cap, self.size = url, cap, 0
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate"):
                raise SourceUnavailable(f"{url}: unsupported Content-Encoding {coding!r}")
        # wbits 47 reads a zlib or a gzip header; the layers come off in reverse of their order.
        self._layers = [zlib.decompressobj(47) for _ in codings]

    def decode(self, data: bytes) -> bytes:
        for layer in self._layers:
            data = self._inflated(layer, data)
        return self._counted(data)

    def flush(self) -> bytes:
        data = b""
        for layer in self._layers:
            data = self._inflated(layer, data) + layer.flush()
        return self._counted(data)

    def _inflated(self, layer: Any, data: bytes) -> bytes:
        try:
            out = layer.decompress(data, self.cap + 1)
        except zlib.error as error:
            raise SourceUnavailable(f"{self.url}: body does not decode ({error})") from None
        if layer.unconsumed_tail or len(out) > self.cap:
            raise self.too_big()
        return out

    def _counted(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.cap:
            raise self.too_big()
        return data

    def too_big(self) -> SourceUnavailable:
        return SourceUnavailable(f"{self.url}: response larger than {self.cap:,} bytes")


# The deadline of the request the current thread is making, as a time.monotonic() value.
_deadlines = threading.local()


@contextmanager
def _deadline(seconds: float) -> Iterator[Callable[[], bool]]:
    """Holds every socket operation of this thread's request to `seconds` from now; yields a
    test of whether that time has passed."""
    at = time.monotonic() + seconds
    _deadlines.at = at
    try:
        yield lambda: time.monotonic() >= at
    finally:
        _deadlines.at = None


def _remaining(timeout: float | None) -> float | None:
    """`timeout` shortened to what is left of the current request's deadline."""
    at = getattr(_deadlines, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read and write waits no longer than the request's deadline allows:
    httpx's timeouts bound each read, so a server trickling its headers a byte at a time would
    otherwise hold a request forever."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, _remaining(timeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = super().connect_tcp(host, port, _remaining(timeout), local_address, socket_options)
        return _DeadlineStream(stream)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport over sockets held to each request's deadline."""

    def __init__(self) -> None:
        super().__init__()
        # httpx offers no way to hand its pool a network backend: the pool is built again, as
        # httpx builds it (no proxy), with ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=httpx.Limits().max_connections,
            network_backend=_DeadlineBackend(),
        )
