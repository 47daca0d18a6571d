"""Resident memory of a long-running `serve` while its ingest job reads 10,000 articles.

    .venv/bin/python -m benchmarks.soak [--articles 10000] [--batch 200] [--workers 1]

This process plays the serving process: it loads the model once, then, for each batch, writes
that many new articles into a local folder source and runs the ingest job the scheduler runs
(`digest.jobs.ingest`) into one store, printing its resident memory (VmRSS) after each run. The
articles are generated: every one brings new names and words, as months of news do, so anything
kept per word or per name (the vocabulary, caches) shows as growth. With `--workers 1` (the
default here) extraction runs in this process, the case where the model's memory counts; with
more, this process extracts beside worker processes kept between runs, as `serve` keeps them,
and the figure is the memory of all of them together.

The reference is the memory after the first 1,000 articles, once the model, caches and store
are warm. Target: the last figure at most 15% above it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest import jobs, store
from digest.config import Config, SourceConfig, load_config
from digest.nlp import load_nlp
from digest.workers import Pool

ROOT = Path(__file__).resolve().parent.parent
WARM = 1000
TARGET = 0.15
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vos", "dru", "pel", "sam", "tor", "quin", "bex"]
TRADE = ["tariffs", "exports", "imports", "the trade deficit", "steel duties", "soybean sales"]
VERBS = ["said", "told reporters", "warned", "argued", "added"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    nlp = load_nlp()
    rng = random.Random(16)
    print(f"model loaded: {_rss_mb():.0f} MB resident")
    print(f"{'articles':>8} {'RSS MB':>8} {'run s':>6}")
    with tempfile.TemporaryDirectory() as folder, Pool(args.workers) as pool:
        config = _config(Path(folder), args.workers)
        db = store.open_store(config.db_path)
        now, done, warm = datetime.now(UTC), 0, None
        while done < args.articles:
            count = min(args.batch, args.articles - done)
            _write_articles(config.sources[0].path, done, count, rng)
            started = time.perf_counter()
            now += timedelta(minutes=15)
            [report] = jobs.ingest(config, db, nlp, now, pool=pool)
            assert report.new == count and not report.failed_articles, report
            done += count
            rss = _rss_mb()
            print(f"{done:8d} {rss:8.0f} {time.perf_counter() - started:6.1f}", flush=True)
            if warm is None and done >= WARM:
                warm = rss
    if warm is None:
        print(f"fewer than {WARM} articles: no figure against the warm reference")
        return
    growth = rss / warm - 1
    verdict = "met" if growth < TARGET else "MISSED"
    print(
        f"growth after the first {WARM} articles: {growth:+.1%} (target < {TARGET:.0%}): {verdict}"
    )


def _config(folder: Path, workers: int) -> Config:
    config = load_config(environ={}, path=ROOT / "config" / "tradedigest.toml")
    articles = folder / "articles"
    articles.mkdir()
    return replace(
        config,
        db_path=folder / "soak.db",
        sources=(SourceConfig("soak", "folder", path=articles),),
        ingest=replace(config.ingest, workers=workers),
    )


def _write_articles(folder: Path, first: int, count: int, rng: random.Random) -> None:
    for n in range(first, first + count):
        (folder / f"article-{n:06d}.txt").write_text(_article(n, rng), encoding="utf-8")


def _article(n: int, rng: random.Random) -> str:
    """About 150 words of trade news with two people, new words and figures of its own."""
    person, other = _name(rng), _name(rng)
    place, firm = _word(rng).title(), _word(rng).title() + " Corp"
    trade = rng.sample(TRADE, 3)
    return "\n\n".join(
        [
            f"{place} said on day {n} it would raise {trade[0]} on {_word(rng)} by "
            f"{rng.randint(2, 60)} percent, worth ${rng.randint(2, 900)} billion a year.",
            f"“We will not accept {_word(rng)} {_word(rng)} on {trade[1]},” Trade Minister "
            f"{person} {rng.choice(VERBS)}. {person.split()[-1]} spoke after talks in "
            f"{_word(rng).title()} with {firm}, whose {_word(rng)} fell "
            f"{rng.randint(2, 40)} percent last year.",
            f"{other}, an economist at the {_word(rng).title()} Institute, said {trade[2]} "
            f"could cost {rng.randint(1000, 90000):,} jobs. “This is a {_word(rng)} moment "
            f"for {_word(rng)} and {_word(rng)},” {other.split()[-1]} said.",
            f"Exports of {_word(rng)} rose to {rng.randint(2, 500)} million tonnes while the "
            f"trade deficit with {place} reached ${rng.randint(10, 400)} billion.",
        ]
    )


def _word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))


def _name(rng: random.Random) -> str:
    return f"{_word(rng).title()} {_word(rng).title()}"


def _rss_mb() -> float:
    """Resident memory of this process and of its kept workers."""
    pids = ["self", *(str(child.pid) for child in multiprocessing.active_children())]
    return sum(_vmrss_kb(pid) for pid in pids) / 1024


def _vmrss_kb(pid: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


if __name__ == "__main__":
    main()
