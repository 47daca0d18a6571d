"""Extraction time per KB on normal news against pathological texts of the same size, in one run.

    .venv/bin/python -m benchmarks.worst_case [--kb 60]

Normal news is the bundled sample articles repeated to the size; each pathological text is one
shape repeated to it (stray and paired marks, quotes with no cue, one endless sentence, chains of
cue verbs, markup). Time is this process's CPU time for `extract`, the full pipeline. Target: no
pathological input slower than 5x normal news per KB.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from digest.nlp import extract, load_nlp

SAMPLES = Path(__file__).resolve().parent.parent / "digest" / "samples"
TARGET = 5.0
SHAPES = {
    "paired marks with a letter between": '"x"y',
    "opening marks only": "“",
    "straight marks between spaces": '" ',
    "doubled apostrophes": "''x'' ",
    "paragraphs all quote, no cue": "“We will not give in to this.”\n\n",
    "a paragraph per word": "Tariffs.\n\n",
    "one endless line of cued quotes": 'Ross said "we win" and ',
    "a chain of cue verbs": "Ross said Wang said ",
    "one sentence without punctuation": "tariffs rise ",
    "markup around quotes": '<a href="https://x.example/">"Click"</a> said <@U123> ',
    "quote marks and colons": ':"',
    "names only": "Wilbur Ross, ",
}


def repeated(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def per_kb(text: str) -> float:
    nlp = load_nlp()
    started = time.process_time()
    extract(text, nlp)
    return (time.process_time() - started) / (len(text.encode("utf-8")) / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=60, help="size of every text, in KB")
    args = parser.parse_args()
    size = args.kb * 1024
    news = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    extract(news[:2000], load_nlp())  # load and warm the model outside the timings
    normal = per_kb(repeated(news + "\n\n", size))
    print(f"{'text':<40} {'ms/KB':>8} {'x normal':>9}")
    print(f"{'normal news (the samples)':<40} {normal * 1000:>8.1f} {1.0:>9.2f}")
    worst = 0.0
    for name, piece in SHAPES.items():
        seconds = per_kb(repeated(piece, size))
        worst = max(worst, seconds / normal)
        print(f"{name:<40} {seconds * 1000:>8.1f} {seconds / normal:>9.2f}")
    verdict = "met" if worst <= TARGET else "NOT met"
    print(f"worst: {worst:.2f}x normal per KB (target <= {TARGET:.0f}x: {verdict})")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
