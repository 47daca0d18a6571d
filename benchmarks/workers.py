"""Articles per second of an ingest run with one extraction worker and with one per core.

    .venv/bin/python -m benchmarks.workers [--limit 200] [--rounds 2] [--workers N]

The articles are PolNeAR texts (dev, then train; ../shared/eval, read at run time, each text
once) written as files of a local folder source, relevance filtering off so that every one is
extracted. Each run is the real ingest job (`digest.ingest.run`) into a fresh store: reading,
deduplication, extraction, one transaction per article; the workers' start (spawning, loading
the model) counts. Runs alternate between 1 and N workers and each keeps its best wall-clock
time; the model of the calling process is loaded before timing. Target on 2 cores: >= 1.7x.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.ingest import _polnear_texts
from digest import ingest, store
from digest.config import Config, SourceConfig, cores, load_config
from digest.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="articles")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=cores())
    args = parser.parse_args()
    texts = _polnear_texts()[: args.limit]
    nlp = load_nlp()
    best = {1: float("inf"), args.workers: float("inf")}
    cpus = dict.fromkeys(best, 0.0)
    with tempfile.TemporaryDirectory() as folder:
        source = _folder_of(texts, Path(folder) / "articles")
        for _ in range(args.rounds):
            for workers in best:
                db_path = Path(folder) / f"run-{workers}-{time.time_ns()}.db"
                seconds, cpu, size = _run(_config(source, db_path, workers), nlp, len(texts))
                if seconds < best[workers]:
                    best[workers], cpus[workers] = seconds, cpu
    print(f"{len(texts)} PolNeAR articles, ingest from a folder, {cores()} cores,")
    print(f"best of {args.rounds} rounds; load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'workers':>7} {'wall s':>7} {'articles/s':>10} {'CPU s (all processes)':>22}")
    for workers, seconds in best.items():
        print(f"{workers:7d} {seconds:7.1f} {len(texts) / seconds:10.2f} {cpus[workers]:22.1f}")
    per_article = size / len(texts)
    print(
        f"store: {per_article / 1024:.1f} KB per article,"
        f" {per_article * 100_000 / 1e9:.2f} GB per 100,000 articles"
    )
    speedup = best[1] / best[args.workers]
    verdict = "met" if speedup >= TARGET else "MISSED"
    print(f"speed-up {speedup:.2f}x with {args.workers} workers (target >= {TARGET}x): {verdict}")


def _folder_of(texts: list[str], folder: Path) -> Path:
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"article-{n:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def _config(folder: Path, db_path: Path, workers: int) -> Config:
    config = load_config(environ={}, path=ROOT / "config" / "tradedigest.toml")
    return replace(
        config,
        db_path=db_path,
        sources=(SourceConfig("polnear", "folder", path=folder),),
        ingest=replace(config.ingest, workers=workers),
        relevance=replace(config.relevance, min_mentions=0),
    )


def _run(config: Config, nlp, expected: int) -> tuple[float, float, int]:
    """Wall-clock seconds of the run, CPU seconds of this process and its workers, and the
    size of the store it made."""
    db = store.open_store(config.db_path)
    started, cpu = time.perf_counter(), _cpu()
    [report] = ingest.run(config, db, nlp, datetime.now(UTC))
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    stored = db["articles"].count
    assert report.error is None and stored == expected, (report, stored)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return seconds, cpu, config.db_path.stat().st_size


def _cpu() -> float:
    mine, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
