"""Time composing and rendering a digest over 1,000 stored articles.

PolNeAR's dev and train texts (924 articles, read from ../shared/eval at run time, never copied)
go through the real extraction and store (`extract_many`, `store.save_article`); 76 of them are
stored a second time under another URL, as a second outlet's copy, to make 1,000. Ingestion's
relevance filter and duplicate check are left out: they would set most political news aside, and
the digest is timed over every article.
Extraction takes minutes, so the store is kept in --db and reused when it is already full.

    .venv/bin/python -m benchmarks.digest [--db PATH] [--articles 1000] [--repeat 5]

Prints the time to read the period from the store (the reference every digest pays), to compose
and to render, and the memory compose and render allocate.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._eval import EVAL
from digest import render, speakers, store
from digest.compose import compose
from digest.config import DigestConfig, SpeakersConfig
from digest.dedupe import canonical_url, content_hash
from digest.nlp import extract_many, load_nlp
from digest.records import Article, ArticleRecord
from digest.sources import title_from_text

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
TARGET_SECONDS = 2.0


def polnear_articles() -> Iterator[Article]:
    """Dev then train articles; the outlet and date come from PolNeAR's ids."""
    for split in ("polnear-dev.jsonl", "polnear-train.jsonl"):
        with open(EVAL / split, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                outlet, date, _ = row["id"].split("_", 2)
                yield Article(
                    url=f"https://polnear.invalid/{row['id']}",
                    title=title_from_text(row["text"]),
                    text=row["text"],
                    source=outlet,
                    published=f"{date}T12:00:00+00:00",
                )


def wanted(count: int) -> list[Article]:
    corpus = list(polnear_articles())
    copies = [
        Article(**{**vars(a), "url": f"{a.url}/wire", "source": "wire", "meta": {}})
        for a in corpus[: max(0, count - len(corpus))]
    ]
    return (corpus + copies)[:count]


def fill(db, articles: list[Article]) -> None:
    """Extract and store the articles the store does not hold yet."""
    missing = [a for a in articles if store.find_article(db, canonical_url(a.url)) is None]
    if not missing:
        return
    print(f"extracting {len(missing)} articles (minutes on 2 cores)…", file=sys.stderr)
    fetched = (NOW - timedelta(hours=1)).isoformat()
    extractions = extract_many((a.text for a in missing), load_nlp())
    for article, extraction in zip(missing, extractions, strict=True):
        record = ArticleRecord(
            article,
            extraction,
            canonical_url=canonical_url(article.url),
            content_hash=content_hash(article.text),
            fetched=fetched,
        )
        store.save_article(db, record, speakers.filer(SpeakersConfig()))


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float, object]:
    """Best and median wall time of `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "bench-digest.db")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    db = store.open_store(args.db)
    fill(db, wanted(args.articles))
    start, end = (NOW - timedelta(days=1)).isoformat(), NOW.isoformat()
    settings = DigestConfig()

    def read() -> tuple:
        articles = store.articles_fetched_between(db, start, end)
        ids = [a.id for a in articles]
        quotes, figures = store.quotes_of(db, ids), store.figures_of(db, ids)
        return (
            articles,
            quotes,
            figures,
            store.speakers_by_id(db, (q.speaker_id for q in quotes)),
        )

    read_best, read_median, rows = best_of(args.repeat, read)
    compose_best, compose_median, digest = best_of(
        args.repeat, lambda: compose(start, end, *rows, settings)
    )
    render_best, render_median, _ = best_of(args.repeat, lambda: _render_all(digest))
    tracemalloc.start()
    _render_all(compose(start, end, *rows, settings))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    total = compose_best + render_best
    print(f"articles {len(rows[0])}, quotes {len(rows[1])}, figures {len(rows[2])}")
    print(
        f"stories {len(digest.stories) + digest.more_stories} "
        f"(largest {max(len(s.sources) for s in digest.stories)} articles), "
        f"messages {len(render.to_messages(digest))}"
    )
    print(f"{'step':<28}{'best s':>9}{'median s':>10}")
    print(f"{'read the store (reference)':<28}{read_best:>9.3f}{read_median:>10.3f}")
    print(f"{'compose':<28}{compose_best:>9.3f}{compose_median:>10.3f}")
    print(f"{'render (blocks, md, text)':<28}{render_best:>9.3f}{render_median:>10.3f}")
    print(
        f"compose + render {total:.3f} s ({total / read_best:.1f}x the store read); "
        f"target < {TARGET_SECONDS} s: {'met' if total < TARGET_SECONDS else 'MISSED'}"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine load (1, 5, 15 min): {load} on {os.cpu_count()} CPUs")
    print(
        f"memory: compose + render peak {peak / 2**20:.1f} MiB allocated; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


def _render_all(digest) -> None:
    render.to_messages(digest)
    render.to_markdown(digest)
    render.to_text(digest)


if __name__ == "__main__":
    main()
