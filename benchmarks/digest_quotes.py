"""The quotes a digest would show on PolNeAR dev, scored against the gold: the share that are
real attributions with the right speaker.

    .venv/bin/python -m benchmarks.digest_quotes [--split train --limit 200] [--threshold 0.8]

Each article is its own story; every quote the digest may pick (`compose._quotes.showable`:
speech or writing, with a speaker, at least the confidence threshold, at least three words) is
scored, a superset of the few a digest shows. A quote is right when it matches a gold
attribution (the scorer's rule: overlap of at least half the shorter, counted without spaces
and quotation marks) and its speaker mention overlaps that attribution's source. Also prints,
per confidence level, how often the speaker of a matched quote is right. Target: >= 0.97.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict

from benchmarks._eval import EVAL
from digest.compose._quotes import MIN_WORDS, showable
from digest.config import DigestConfig
from digest.nlp import extract_many, load_nlp

TARGET = 0.97


def _scorer():
    spec = importlib.util.spec_from_file_location("score_quotes", EVAL / "score_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def articles(split: str, limit: int) -> list[dict]:
    path = EVAL / ("polnear-dev.jsonl" if split == "dev" else "polnear-train.jsonl")
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line, _ in zip(fh, range(limit), strict=False)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=840)
    parser.add_argument("--threshold", type=float, default=DigestConfig.min_confidence)
    args = parser.parse_args()
    scorer = _scorer()
    gold_articles = articles(args.split, args.limit)
    shown = right = 0
    by_level: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    extractions = extract_many((a["text"] for a in gold_articles), load_nlp())
    for article, extraction in zip(gold_articles, extractions, strict=True):
        mask = scorer.uncountable_mask(article["text"])
        gold = article["attributions"]
        gold_sets = [scorer.positions(g["content"], mask) for g in gold]
        for quote in extraction.quotes:
            found = _matched(scorer, gold_sets, scorer.positions([[quote.start, quote.end]], mask))
            ok = found is not None and _speaker_right(gold[found], quote)
            if found is not None:
                level = by_level[quote.confidence]
                level[0] += 1
                level[1] += ok
            if showable(quote, args.threshold) and len(quote.text.split()) >= MIN_WORDS:
                shown += 1
                right += ok
    share = right / shown if shown else 0.0
    print(f"confidence  matched  right speaker   ({args.split}, {len(gold_articles)} articles)")
    for level in sorted(by_level, reverse=True):
        n, ok = by_level[level]
        print(f"{level:>10.2f} {n:>8} {ok / n:>14.3f}")
    sure = [by_level[level] for level in by_level if level >= 0.9]
    n_sure, ok_sure = sum(n for n, _ in sure), sum(ok for _, ok in sure)
    print(
        f"confidence >= 0.9: {ok_sure}/{n_sure} matched quotes with the right speaker"
        f" ({ok_sure / max(n_sure, 1):.3f}; target >= 0.95)"
    )
    print(
        f"shown at threshold {args.threshold:g}: {shown}; real attributions with the right"
        f" speaker: {right} ({share:.3f}; target >= {TARGET})"
    )
    return 0 if share >= TARGET else 1


def _matched(scorer, gold_sets: list[set[int]], predicted: set[int]) -> int | None:
    best = None
    for index, gold in enumerate(gold_sets):
        overlap = len(gold & predicted)
        shorter = min(len(gold), len(predicted))
        if overlap and overlap >= 0.5 * shorter and (best is None or overlap > best[0]):
            best = (overlap, index)
    return best[1] if best else None


def _speaker_right(gold: dict, quote) -> bool:
    if not gold["source"]:
        return quote.speaker_start is None
    if quote.speaker_start is None:
        return False
    return any(
        quote.speaker_start < end and start < quote.speaker_end for start, end in gold["source"]
    )


if __name__ == "__main__":
    sys.exit(main())
