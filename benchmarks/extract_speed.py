"""Words per second of the full extraction against the bare spaCy model, in one process.

    .venv/bin/python -m benchmarks.extract_speed [--rounds 3]

Both run `nlp.pipe` (n_process=1) over the PolNeAR dev texts (../shared/eval, read at run time):
the reference is the installed model exactly as spaCy loads it, the other `extract_many`, the
product's pipeline (the model with its attribute ruler and lemmatizer replaced by
`tradedigest_tagging`, plus the quote and figure components, records built). Time is this
process's CPU time, so other work on a shared machine does not count; rounds alternate the two
and each takes its best round. Target: ratio >= 1.0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import spacy

from benchmarks._eval import EVAL
from digest.nlp import BATCH_SIZE, extract_many, load_nlp, model_name

TEXTS = EVAL / "polnear-dev-text"
TARGET = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    words = sum(len(text.split()) for text in texts)
    model, nlp = spacy.load(model_name()), load_nlp()

    def bare() -> None:
        for _ in model.pipe(texts, batch_size=BATCH_SIZE):
            pass

    def full() -> None:
        for _ in extract_many(texts, nlp):
            pass

    bare(), full()  # warm up both paths once
    best = {"bare": float("inf"), "full": float("inf")}
    for _ in range(args.rounds):
        for name, run in (("bare", bare), ("full", full)):
            best[name] = min(best[name], _seconds(run))
    ratio = best["bare"] / best["full"]
    print(f"{len(texts)} texts, {words} words, best of {args.rounds} rounds, CPU time")
    print(f"bare model ({', '.join(model.pipe_names)}): {words / best['bare']:,.0f} words/s")
    print(f"full extraction ({', '.join(nlp.pipe_names)}): {words / best['full']:,.0f} words/s")
    print(
        f"ratio {ratio:.3f} (target >= {TARGET:.2f}): {'ok' if ratio >= TARGET else 'BELOW TARGET'}"
    )
    return 0


def _seconds(run: Callable[[], None]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
