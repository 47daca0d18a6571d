"""Quote extraction scored against PolNeAR: prints the scorer's table.

    python benchmarks/quotes.py                  # dev split, the issue's figures
    python benchmarks/quotes.py --split train --limit 200 --details errors.jsonl

Dev runs `tradedigest extract` over ../shared/eval/polnear-dev-text/*.txt; train
articles (text inside the JSONL) go through `digest.nlp.extract_many` in-process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SCORER = EVAL / "score_quotes.py"


def dev_predictions(out: Path) -> Path:
    texts = sorted((EVAL / "polnear-dev-text").glob("*.txt"))
    _write_predictions([(p.stem, p.read_text(encoding="utf-8")) for p in texts], out)
    return EVAL / "polnear-dev.jsonl"


def train_predictions(out: Path, limit: int, gold_out: Path) -> Path:
    """Predict the first `limit` train articles; writes their gold lines to `gold_out`."""
    with open(EVAL / "polnear-train.jsonl", encoding="utf-8") as fh:
        lines = [line for line, _ in zip(fh, range(limit), strict=False)]
    gold_out.write_text("".join(lines), encoding="utf-8")
    articles = [json.loads(line) for line in lines]
    _write_predictions([(a["id"], a["text"]) for a in articles], out)
    return gold_out


def _write_predictions(articles: list[tuple[str, str]], out: Path) -> None:
    from digest.nlp import extract_many, load_nlp

    nlp = load_nlp()
    extractions = extract_many((text for _, text in articles), nlp)
    with open(out, "w", encoding="utf-8") as fh:
        for (name, _), extraction in zip(articles, extractions, strict=True):
            fh.write(json.dumps({"path": f"{name}.txt", **asdict(extraction)}) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=840, help="train articles to score")
    parser.add_argument("--preds", type=Path, help="keep the predictions JSONL here")
    parser.add_argument("--details", type=Path, help="write the scorer's per-article errors")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        preds = args.preds or Path(tmp) / "preds.jsonl"
        if args.split == "dev":
            gold = dev_predictions(preds)
        else:
            gold = train_predictions(preds, args.limit, Path(tmp) / "gold.jsonl")
        command = [sys.executable, str(SCORER), str(gold), str(preds)]
        if args.details:
            command += ["--details", str(args.details)]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
