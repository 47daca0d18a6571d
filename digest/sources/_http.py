"""The one HTTP client every web source goes through: timeouts, a size cap, conditional GET,
retries with backoff, and no more than a few requests at once to any host."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from digest import __version__
from digest.config import IngestConfig
from digest.sources._common import SourceUnavailable

USER_AGENT = f"tradedigest/{__version__} (trade news digest; python-httpx/{httpx.__version__})"
MAX_REDIRECTS = 5
# A response body may take this many timeouts in all.
BODY_TIMEOUTS = 4


def deadline_seconds(settings: IngestConfig) -> float:
    return settings.timeout_seconds * BODY_TIMEOUTS


@dataclass(frozen=True)
class Response:
    """A 200 response read whole (`body`), or a 304 (`not_modified`, empty body)."""

    url: str
    body: bytes
    content_type: str
    validators: str | None
    not_modified: bool = False

    @property
    def text(self) -> str:
        """The body decoded by its declared charset (UTF-8 when none or unknown)."""
        _, _, params = self.content_type.partition("charset=")
        try:
            return self.body.decode(params.split(";")[0].strip().strip('"') or "utf-8", "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")


class HttpClient:
    """Built once per ingest run and shared by every source (thread-safe)."""

    def __init__(self, settings: IngestConfig, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.seconds = 0.0
        self._client = httpx.Client(
            timeout=settings.timeout_seconds,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT},
            transport=transport,
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
        with self._host_slot(url):
            try:
                with self._client.stream("GET", url, headers=headers) as response:
                    return self._read(response)
            except httpx.TimeoutException:
                raise _Retryable(f"timed out after {self.settings.timeout_seconds:g} s") from None
            except httpx.TooManyRedirects:
                raise SourceUnavailable(f"{url}: more than {MAX_REDIRECTS} redirects") from None
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise SourceUnavailable(f"{url}: {error or type(error).__name__}") from None

    def _host_slot(self, url: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts[urlsplit(url).netloc]

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
        too_big = SourceUnavailable(f"{response.url}: response larger than {cap:,} bytes")
        if int(response.headers.get("content-length") or 0) > cap:
            raise too_big
        chunks, size = [], 0
        # The timeout bounds each read; this bounds the whole body, so a trickle cannot hold on.
        deadline = time.monotonic() + deadline_seconds(self.settings)
        # Decompressed bytes count, so a small gzip bomb is stopped as early as a large page.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise too_big
            if time.monotonic() > deadline:
                raise _Retryable(f"body still arriving after {deadline_seconds(self.settings):g} s")
            chunks.append(chunk)
        return b"".join(chunks)


class _Retryable(Exception):
    """A failure worth another try: a timeout or a server error."""


def _validators(response: httpx.Response) -> str | None:
    found = {
        key: response.headers[key] for key in ("etag", "last-modified") if response.headers.get(key)
    }
    return json.dumps(found, sort_keys=True) if found else None


def _conditional_headers(validators: str | None) -> dict[str, str]:
    found = json.loads(validators) if validators else {}
    headers = {}
    if "etag" in found:
        headers["If-None-Match"] = found["etag"]
    if "last-modified" in found:
        headers["If-Modified-Since"] = found["last-modified"]
    return headers
