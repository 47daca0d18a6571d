"""Ingest end to end: 50 feeds of 20 articles each from a local HTTP server, then a second run.

    .venv/bin/python -m benchmarks.ingest [--feeds 50] [--items 20]

The articles are PolNeAR texts (../shared/eval/polnear-dev-text/*.txt and polnear-train.jsonl
beside the repository, read here and served from memory); when there are fewer texts than items,
the remaining items republish earlier texts under new URLs, as wire copies, and must come out as
duplicates. Relevance filtering is off so that every distinct article is extracted. Prints
articles/s with extraction, the share of the run in each stage, the second run's time (every feed
answering 304) and, as the reference, the same NLP pipeline alone on a sample of the texts.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks._eval import EVAL
from digest import ingest, store
from digest.config import Config, IngestConfig, RelevanceConfig, SourceConfig
from digest.nlp import extract_many, load_nlp

REFERENCE_SAMPLE = 100
# Characters XML 1.0 forbids; one in a text would make its whole feed malformed.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    args = parser.parse_args()
    texts = _polnear_texts()
    started = time.perf_counter()
    nlp = load_nlp()
    print(f"model loaded in {time.perf_counter() - started:.1f} s (not counted below)")
    server, base = _serve(_feeds(texts, args.feeds, args.items))
    with tempfile.TemporaryDirectory() as folder:
        config = _config(base, args.feeds, Path(folder) / "bench.db")
        db = store.open_store(config.db_path)
        now = datetime.now(UTC)
        first, reports, wall = _timed_run(config, db, nlp, now)
        _, again, rerun = _timed_run(config, db, nlp, now + timedelta(hours=1))
    server.shutdown()
    _print_first(reports, first, wall, len(texts), args.feeds * args.items)
    new = sum(r.new for r in again)
    unchanged = sum(r.not_modified for r in again)
    print(f"second run: {rerun:.2f} s, {new} new, {unchanged}/{args.feeds} feeds answered 304")
    sample = texts[:: max(1, len(texts) // REFERENCE_SAMPLE)][:REFERENCE_SAMPLE]
    _print_reference(nlp, sample, first.extract / max(1, _extracted(reports)))


def _polnear_texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted((EVAL / "polnear-dev-text").glob("*.txt"))]
    with (EVAL / "polnear-train.jsonl").open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return list(dict.fromkeys(texts))


def _feeds(texts: list[str], feeds: int, items: int) -> dict[str, bytes]:
    """Feed path -> RSS body; item k of all is text k (wrapping round: a republished copy)."""
    bodies = {}
    for feed in range(feeds):
        entries = []
        for n in range(feed * items, (feed + 1) * items):
            text = NOT_XML.sub(" ", texts[n % len(texts)])
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
            title = escape(text.strip().split("\n", 1)[0][:100])
            entries.append(
                f"<item><title>{title}</title><link>/news/{n}</link><guid>item-{n}</guid>"
                f"<pubDate>{formatdate(1_700_000_000 + n * 60, usegmt=True)}</pubDate>"
                f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>"
            )
        bodies[f"/feed/{feed}"] = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Feed {feed}</title>{''.join(entries)}</channel></rss>"
        ).encode()
    return bodies


def _serve(bodies: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = bodies.get(self.path)
            etag = f'"{len(body or b"")}"'
            if body is None:
                self.send_error(404)
            elif self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
            else:
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _config(base: str, feeds: int, db_path: Path) -> Config:
    sources = tuple(SourceConfig(f"feed-{n}", "feed", url=f"{base}/feed/{n}") for n in range(feeds))
    return replace(
        Config(),
        db_path=db_path,
        sources=sources,
        ingest=IngestConfig(max_bytes=50_000_000),
        relevance=RelevanceConfig(min_mentions=0),
    )


def _timed_run(config, db, nlp, now) -> tuple[ingest.Timings, list[ingest.SourceReport], float]:
    timings = ingest.Timings()
    started = time.perf_counter()
    reports = ingest.run(config, db, nlp, now, timings=timings)
    return timings, reports, time.perf_counter() - started


def _extracted(reports: list[ingest.SourceReport]) -> int:
    return sum(r.new + r.updated for r in reports)


def _print_first(reports, timings: ingest.Timings, wall: float, texts: int, items: int) -> None:
    stored = sum(r.new + r.updated + r.duplicates + r.skipped for r in reports)
    errors = [r.error for r in reports if r.error] + [f for r in reports for f in r.failed_articles]
    print(f"{items} items, {texts} distinct PolNeAR texts")
    print(
        f"first run: {wall:.1f} s, {stored} articles stored ({_extracted(reports)} extracted, "
        f"{sum(r.duplicates for r in reports)} duplicates), {stored / wall:.1f} articles/s"
        + (f", errors: {errors}" if errors else "")
    )
    stages = {
        "fetch": timings.fetch,
        "parse": timings.parse,
        "dedupe": timings.dedupe,
        "extract": timings.extract,
        "store": timings.store,
    }
    stages["other"] = wall - sum(stages.values())
    for name, seconds in stages.items():
        print(f"  {name:<8}{seconds:8.2f} s {seconds / wall:7.1%}")
    overhead = wall - timings.extract
    print(f"  fetch + parse + dedupe + store + other: {overhead / wall:.1%} (target < 15%)")


def _print_reference(nlp, sample: list[str], ingest_extract_per_article: float) -> None:
    started = time.perf_counter()
    for _ in extract_many(sample, nlp):
        pass
    alone = (time.perf_counter() - started) / len(sample)
    print(
        f"reference: the NLP pipeline alone on {len(sample)} of the texts,"
        f" {alone * 1000:.0f} ms/article;"
        f" inside ingest {ingest_extract_per_article * 1000:.0f} ms/article"
    )


if __name__ == "__main__":
    main()
