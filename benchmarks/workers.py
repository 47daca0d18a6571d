"""Articles per second of an ingest run with one extraction worker and with one per core.

    .venv/bin/python -m benchmarks.workers [--limit 200] [--rounds 2] [--workers N]

The articles are PolNeAR texts (dev, then train; ../shared/eval, read at run time, each text
once) written as files of a local folder source, relevance filtering off so that every one is
extracted. Each run is the real ingest job (`digest.ingest.run`) into a fresh store: reading,
deduplication, extraction, one transaction per article. The model of this process is loaded
before timing, as in `serve`.

Each round runs, in turn: one worker; N workers with a new pool, whose processes start (spawn,
load the model) inside the run, as in `run --once` or the first run of a `serve`; and N workers
again with that pool kept, the steady state of a `serve`, which keeps its pool between runs.
Each keeps its best wall-clock time. The figure is one worker's time over N workers' steady
time, in the same round order; the first run's is printed beside it. Target on 2 cores: >= 1.7x.

On a machine other work shares, the wall clock says how many cores the run got as much as how
it uses them; so the CPU time of each run's busiest process is printed too, and the speed-up the
runs would have with a core each: one worker's CPU time over that of N workers' busiest process.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
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
from digest.workers import Pool

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
    one, first, steady = "1 worker", f"{args.workers}, first run", f"{args.workers}, pool kept"
    best = dict.fromkeys((one, first, steady), float("inf"))
    cpus = dict.fromkeys(best, (0.0, 0.0))
    size = 0
    with tempfile.TemporaryDirectory() as folder:
        source = _folder_of(texts, Path(folder) / "articles")

        def run(name: str, workers: int, pool: Pool | None) -> None:
            nonlocal size
            db_path = Path(folder) / f"run-{workers}-{time.time_ns()}.db"
            config = _config(source, db_path, workers)
            seconds, cpu, size = _run(config, nlp, len(texts), pool)
            if seconds < best[name]:
                best[name], cpus[name] = seconds, cpu

        for _ in range(args.rounds):
            run(one, 1, None)
            with Pool(args.workers) as pool:
                run(first, args.workers, pool)
                run(steady, args.workers, pool)
    print(f"{len(texts)} PolNeAR articles, ingest from a folder, {cores()} cores,")
    print(f"best of {args.rounds} rounds; load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'workers':>18} {'wall s':>7} {'articles/s':>10} {'CPU s: all':>10} {'busiest':>8}")
    for name, seconds in best.items():
        cpu, busiest = cpus[name]
        print(f"{name:>18} {seconds:7.1f} {len(texts) / seconds:10.2f} {cpu:10.1f} {busiest:8.1f}")
    per_article = size / len(texts)
    print(
        f"store: {per_article / 1024:.1f} KB per article,"
        f" {per_article * 100_000 / 1e9:.2f} GB per 100,000 articles"
    )
    speedup, cold = best[one] / best[steady], best[one] / best[first]
    own_cores = cpus[one][1] / cpus[steady][1]
    verdict = "met" if speedup >= TARGET else "MISSED"
    print(
        f"speed-up {speedup:.2f}x with {args.workers} workers, pool kept (target >= {TARGET}x):"
        f" {verdict}; first run, processes starting inside it: {cold:.2f}x"
    )
    print(f"with a core for each process (CPU time of the busiest, pool kept): {own_cores:.2f}x")


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


def _run(
    config: Config, nlp, expected: int, pool: Pool | None
) -> tuple[float, tuple[float, float], int]:
    """Wall-clock seconds of the run; CPU seconds of this process and its workers together and
    of the busiest of them; and the size of the store it made."""
    db = store.open_store(config.db_path)
    started, before = time.perf_counter(), _cpu()
    [report] = ingest.run(config, db, nlp, datetime.now(UTC), pool=pool)
    seconds, after = time.perf_counter() - started, _cpu()
    spent = {key: after[key] - before.get(key, 0.0) for key in after}
    cpu = (sum(spent.values()), max(spent.values()))
    stored = db["articles"].count
    assert report.error is None and stored == expected, (report, stored)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return seconds, cpu, config.db_path.stat().st_size


def _cpu() -> dict[str, float]:
    """CPU seconds of this process, of its children that ended (together), and of each one
    still running (a kept pool's processes, read from /proc)."""
    mine, ended = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        "self": mine.ru_utime + mine.ru_stime,
        "ended": ended.ru_utime + ended.ru_stime,
        **{str(child.pid): _cpu_of(child.pid) for child in multiprocessing.active_children()},
    }


def _cpu_of(pid: int) -> float:
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    return 0.0


if __name__ == "__main__":
    main()
