"""Alert matching and the follow commands at scale.

Bulk-stores synthetic articles (default 100,000, three quotes each, 1,000 speakers with titles)
straight into the store's tables, 1,000 users following 5 speakers and 3 topics each, then a run
of 500 new articles, and measures in the same run:

- reading the run's new articles and quotes (the reference: what any alert run must read),
- matching them against every follow (`follows.new_matches`: read, match, skip what was queued),
- the whole queueing step of an alert run (`follows.queue_new`: the same plus the writes);
- `/follow` and `/following` from the signed HTTP request to the answer at the response URL,
  against `/follow help` (the same round trip with an answer that reads nothing).

    .venv/bin/python -m benchmarks.alerts [--articles 100000] [--users 1000] [--new 500]
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._bot import percentile, print_latencies, round_trips, running_bot
from digest import follows, store
from digest.speakers._names import fold
from digest.store import follows as follow_store

MATCH_TARGET_S = 1.0
COMMAND_TARGET_MS = 50
GIVEN = [
    "Wilbur",
    "Steven",
    "Robert",
    "Cecilia",
    "Chrystia",
    "Peter",
    "Maria",
    "Ana",
    "Jean",
    "Li",
    "Kenji",
    "Sofia",
    "Ahmed",
    "Olga",
    "Rahul",
    "Grace",
    "Tomas",
    "Ines",
    "Yuki",
    "Omar",
]
SURNAMES = [
    f"{stem}{end}"
    for stem in ("Hal", "Mor", "Ket", "Bran", "Sol", "Vand", "Rook", "Tam", "Lind", "Quar")
    for end in ("ton", "ley", "wick", "berg", "ford")
]
TITLES = [
    "Commerce Secretary",
    "Trade Representative",
    "Finance Minister",
    "Central Bank Governor",
    "Chief Economist",
    "Agriculture Minister",
    "Trade Commissioner",
    "Ambassador",
]
GOODS = [
    "soybean",
    "steel",
    "aluminum",
    "corn",
    "semiconductor",
    "auto",
    "lumber",
    "dairy",
    "solar panel",
    "rare earth",
    "wheat",
    "pork",
    "copper",
    "textile",
    "battery",
]
MEASURES = ["tariffs", "exports", "quotas", "duties", "subsidies", "imports", "prices"]
TOPICS = [f"{good} {measure}" for good in GOODS for measure in MEASURES]
PHRASES = [
    "We will not accept {g} {m} at this level",
    "The {g} market needs fair {m}",
    "Talks on {g} {m} resume next week",
    "Our farmers lose when {m} hit {g}",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--new", type=int, default=500, help="articles in the measured run")
    parser.add_argument("--requests", type=int, default=200, help="per command")
    args = parser.parse_args()
    rng = random.Random(15)
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        db = store.open_store(db_path)
        now = datetime.now(UTC)
        started = time.monotonic()
        speakers = _speakers(db, now)
        _articles(db, rng, speakers, range(args.articles), now - timedelta(days=60), now)
        followed = now + timedelta(seconds=1)
        _follows(db, rng, speakers, args.users, followed)
        run_at = followed + timedelta(seconds=1)
        _articles(db, rng, speakers, range(args.articles, args.articles + args.new), run_at, run_at)
        print(
            f"stored {args.articles:,} articles, {len(speakers):,} speakers, {args.users:,} users "
            f"x (5 speakers + 3 topics), then {args.new} new articles "
            f"({time.monotonic() - started:.0f} s)"
        )
        _matching(db, followed)
        _commands(db_path, args.requests, args.users)


def _matching(db, since: datetime) -> None:
    follow_store.advance_cursor(db, since.isoformat())
    cursor = follow_store.cursor(db)
    read = _best(lambda: follow_store.articles_after(db, cursor))
    matched = _best(lambda: follows.new_matches(db))
    found, _ = follows.new_matches(db)
    started = time.monotonic()
    queued = follows.queue_new(db, datetime.now(UTC))
    queueing = time.monotonic() - started
    users = len({user for user, _ in found})
    print(f"{'step':<44} {'seconds':>8}")
    print(f"{'read new articles and quotes (reference)':<44} {read:8.3f}")
    print(f"{'match against every follow (new_matches)':<44} {matched:8.3f}")
    print(f"{'match and queue (queue_new, one run)':<44} {queueing:8.3f}")
    print(f"{queued:,} items queued for {users:,} users")
    verdict = "met" if max(matched, queueing) < MATCH_TARGET_S else "MISSED"
    print(f"target: alert matching < {MATCH_TARGET_S:.0f} s: {verdict}")


def _best(work, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.monotonic()
        work()
        times.append(time.monotonic() - started)
    return min(times)


def _speakers(db, now: datetime) -> list[tuple[int, str, str]]:
    seen = now.isoformat()
    rows, aliases = [], []
    for n, (given, surname) in enumerate(itertools.product(GIVEN, SURNAMES), start=1):
        name, title = f"{given} {surname}", TITLES[n % len(TITLES)]
        rows.append(
            {
                "id": n,
                "name": name,
                "title": title,
                "organization": None,
                "first_seen": seen,
                "last_seen": seen,
                "quote_count": 0,
                "kind": "person",
                "surname": fold(surname),
            }
        )
        aliases.append({"speaker_id": n, "alias": surname, "norm": fold(surname), "pinned": 0})
    db["speakers"].insert_all(rows, batch_size=500)
    db["speaker_aliases"].insert_all(aliases, batch_size=500)
    return [(r["id"], r["name"], r["title"]) for r in rows]


def _articles(db, rng, speakers, numbers, first: datetime, last: datetime) -> None:
    span = (last - first).total_seconds()

    # Each article is about one good and one measure, and its quotes speak of the same.
    subjects = {n: (rng.choice(GOODS), rng.choice(MEASURES)) for n in numbers}

    def rows():
        for n in numbers:
            fetched = (first + timedelta(seconds=span * rng.random())).isoformat()
            good, measure = subjects[n]
            yield {
                "id": n + 1,
                "source": "wire",
                "url": f"https://news.example.com/{n}",
                "canonical_url": f"https://news.example.com/{n}",
                "title": f"{good.title()} {measure}: talks, day {n}",
                "fetched": fetched,
                "published": fetched[:10],
                "text": f"Officials met on {good} {measure}. The talks go on. More next week.",
                "content_hash": f"h{n}",
                "status": "extracted",
            }

    def quotes():
        for n in numbers:
            good, measure = subjects[n]
            for j in range(3):
                speaker_id, name, _ = rng.choice(speakers)
                text = rng.choice(PHRASES).format(g=good, m=measure)
                yield {
                    "article_id": n + 1,
                    "speaker_id": speaker_id,
                    "speaker": name,
                    "text": text,
                    "start": j * 100,
                    "end": j * 100 + len(text),
                    "direct": 1,
                }

    with db.atomic():
        db["articles"].insert_all(rows(), batch_size=1000)
        db["quotes"].insert_all(quotes(), batch_size=1000)


def _follows(db, rng, speakers, users: int, created: datetime) -> None:
    rows = []
    for u in range(users):
        user = f"U{u:05d}"
        for speaker_id, name, _ in rng.sample(speakers, 5):
            rows.append(
                {
                    "user": user,
                    "kind": "speaker",
                    "label": name,
                    "query": name,
                    "speaker_id": speaker_id,
                    "created": created.isoformat(),
                }
            )
        for label in rng.sample(TOPICS, 3):
            topic = follows.parse_topic(label)
            rows.append(
                {
                    "user": user,
                    "kind": "topic",
                    "label": topic.label,
                    "query": label,
                    "terms": topic.key,
                    "created": created.isoformat(),
                }
            )
    with db.atomic():
        db["follows"].insert_all(rows, batch_size=1000)


def _commands(db_path: Path, requests: int, users: int) -> None:
    names = [f"{g} {s}" for g, s in itertools.product(GIVEN, SURNAMES)]
    queries = {
        "/follow help": ["help"],
        "/follow": [
            *names[::37],
            *[s.lower() for s in SURNAMES[::7]],
            "commerce secretary",
            *[f'"{t}"' for t in TOPICS[::9]],
            "Wilbr Halton",
            "nobody at all",
        ],
        "/following": [""],
    }
    # Asked by users who already follow 8 things each, one after another.
    askers = [f"U{u:05d}" for u in range(users)]
    with running_bot(db_path) as (fake, url):
        round_trips(fake, url, "/follow", ["help"], 20)  # warm up
        results = {
            name: round_trips(fake, url, name.split()[0], texts, requests, askers)
            for name, texts in queries.items()
        }
    print_latencies(results)
    worst = max(percentile(t, 99) for n, t in results.items() if n != "/follow help")
    verdict = "met" if worst < COMMAND_TARGET_MS else "MISSED"
    print(f"target: /follow and /following p99 < {COMMAND_TARGET_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
