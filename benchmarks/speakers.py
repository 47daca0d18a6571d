"""Speaker directory at scale: the PolNeAR dev and train texts through the real pipeline.

Prints the number of speaker records, the largest alias groups (to read for wrong merges), and
the latency of 1,000 lookups against a plain indexed SQL query of the same names.

    .venv/bin/python -m benchmarks.speakers [--groups 50] [--articles N] [--extractions FILE]

The PolNeAR data is read from ../shared/eval/ at run time; the store lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path

from benchmarks._eval import EVAL
from digest import speakers, store
from digest.config import SpeakersConfig
from digest.nlp import extract_many, load_nlp
from digest.records import Article, ArticleRecord, Extraction, Figure, Quote, Speaker

QUERIES = 1000


def polnear_articles() -> Iterator[Article]:
    """Dev texts, then train texts; the id's date is the article's published date."""
    for path in sorted((EVAL / "polnear-dev-text").glob("*.txt")):
        yield _article(path.stem, path.read_text(encoding="utf-8"))
    with (EVAL / "polnear-train.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield _article(record["id"], record["text"])


def _article(article_id: str, text: str) -> Article:
    date = article_id.split("_")[1]
    return Article(
        url=f"polnear:{article_id}",
        title=article_id,
        text=text,
        source="polnear",
        published=f"{date}T12:00:00+00:00",
    )


def load(db, articles: list[Article], extractions: Path | None) -> float:
    """File every article; returns the seconds taken, extraction included unless reused."""
    started = time.perf_counter()
    for article, extraction in zip(articles, _extractions(articles, extractions), strict=True):
        record = ArticleRecord(
            article,
            extraction,
            canonical_url=article.url,
            content_hash=article.url,
            fetched=article.published or "",
        )
        store.save_article(db, record, speakers.filer(SpeakersConfig()))
    return time.perf_counter() - started


def _extractions(articles: list[Article], saved: Path | None) -> Iterator[Extraction]:
    """The pipeline's output, or the copy an earlier run saved in `saved` (outside the project)."""
    if saved and saved.exists():
        with saved.open(encoding="utf-8") as lines:
            yield from (_extraction(json.loads(line)) for line in lines)
        return
    output = saved.open("w", encoding="utf-8") if saved else None
    for extraction in extract_many((a.text for a in articles), load_nlp()):
        if output:
            output.write(json.dumps(asdict(extraction), ensure_ascii=False) + "\n")
        yield extraction
    if output:
        output.close()


def _extraction(record: dict) -> Extraction:
    return Extraction(
        quotes=tuple(Quote(**q) for q in record["quotes"]),
        speakers=tuple(
            Speaker(**{**s, "aliases": tuple(s["aliases"])}) for s in record["speakers"]
        ),
        figures=tuple(Figure(**f) for f in record["figures"]),
    )


def print_records(db) -> None:
    kinds = dict(db.execute("select kind, count(*) from speakers group by kind").fetchall())
    quoted = db.execute("select count(*) from speakers where quote_count > 0").fetchone()[0]
    rules = db.execute("select rule, count(*) from speaker_links group by rule order by 2 desc")
    print(f"speaker records: {sum(kinds.values())} ({kinds}), {quoted} with quotes")
    print("filings by rule:", ", ".join(f"{rule} {n}" for rule, n in rules))


def print_groups(db, count: int) -> None:
    """The records with the most distinct names, each with the rules that filed them."""
    print(f"\nlargest alias groups (top {count}):")
    rows = db.execute(
        """
        select s.id, s.name, s.title, s.quote_count, count(distinct a.norm) as names
        from speakers s join speaker_aliases a on a.speaker_id = s.id
        group by s.id order by names desc, s.quote_count desc limit ?
        """,
        [count],
    ).fetchall()
    for rank, (speaker_id, name, title, quotes, _) in enumerate(rows, 1):
        aliases = speakers.speaker_card(db, speaker_id, quotes=0).aliases
        rules = db.execute(
            "select rule, count(*) from speaker_links where speaker_id = ? group by rule",
            [speaker_id],
        ).fetchall()
        print(f"{rank:3d}. {name} [{title or '-'}] {quotes} quotes; rules {dict(rules)}")
        print(f"     {' | '.join(aliases)}")


def queries(db, count: int, rng: random.Random) -> list[str]:
    """Names people would type: full names, surnames, aliases, titles, typos, and strangers."""
    pools = {
        "name": [r[0] for r in db.execute("select name from speakers where quote_count > 0")],
        "surname": [r[0] for r in db.execute("select distinct surname from speakers")],
        "alias": [r[0] for r in db.execute("select alias from speaker_aliases")],
        "title": [r[0] for r in db.execute("select distinct title from speaker_roles")],
    }
    pools = {kind: [v for v in pool if v] for kind, pool in pools.items() if any(pool)}
    made = []
    for _ in range(count):
        kind = rng.choice([*pools, "typo", "stranger"])
        if kind == "typo":
            made.append(_typo(rng.choice(pools["name"]), rng))
        elif kind == "stranger":
            made.append(" ".join(_stranger(rng) for _ in range(2)))
        else:
            made.append(rng.choice(pools[kind]))
    return made


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    return name[:i] + name[i + 1 :] if rng.random() < 0.5 else name[:i] + "x" + name[i:]


def _stranger(rng: random.Random) -> str:
    return "".join(rng.choice(["ka", "zu", "mor", "vel", "qi", "dro", "ny"]) for _ in range(3))


def timed(
    call: Callable[[str], object], names: list[str], clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    times = []
    for name in names:
        started = clock()
        with contextlib.suppress(speakers.UnknownSpeaker):
            call(name)
        times.append((clock() - started) * 1000)
    return times


def print_latency(label: str, times: list[float]) -> None:
    cuts = statistics.quantiles(times, n=100)
    print(f"{label:<34} p50 {cuts[49]:7.3f} ms   p99 {cuts[98]:7.3f} ms   max {max(times):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=50, help="largest alias groups to print")
    parser.add_argument("--articles", type=int, default=None, help="load only the first N")
    parser.add_argument(
        "--extractions",
        type=Path,
        help="JSON Lines file outside the project: extractions are saved there, then reused",
    )
    args = parser.parse_args()
    articles = list(polnear_articles())[: args.articles]
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_store(Path(folder) / "bench.db")
        seconds = load(db, articles, args.extractions)
        print(f"{len(articles)} articles extracted and filed in {seconds:.0f} s")
        print_records(db)
        print_groups(db, args.groups)
        names = queries(db, QUERIES, random.Random(7))
        started = time.perf_counter()
        speakers.find_speakers(db, "warm up")
        print(f"\nlookup index built in {(time.perf_counter() - started) * 1000:.0f} ms")
        exact = "select speaker_id from speaker_aliases where norm = ?"
        busy = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"latency over {len(names)} queries with {len(articles)} articles stored")
        print(f"(load average {busy} on {os.cpu_count()} cores):")
        print_latency(
            "SQL exact alias (reference)", timed(lambda q: db.execute(exact, [q]).fetchall(), names)
        )
        print_latency("find_speakers", timed(lambda q: speakers.find_speakers(db, q), names))
        print_latency("lookup (with card)", timed(lambda q: speakers.lookup(db, q), names))
        # On a busy machine wall time includes waiting for a core; CPU time is the work itself.
        cpu = timed(lambda q: speakers.lookup(db, q), names, time.process_time)
        print_latency("lookup, CPU time", cpu)


if __name__ == "__main__":
    main()
