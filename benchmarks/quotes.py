"""Quote extraction scored against PolNeAR: runs `tradedigest extract`, prints the scorer's table.

    .venv/bin/python -m benchmarks.quotes                 # dev split: the issue's figures
    .venv/bin/python -m benchmarks.quotes --split train --limit 200 --details errors.jsonl

Dev reads ../shared/eval/polnear-dev-text/*.txt; train articles (text inside the JSONL) are
written to a temporary folder first. Nothing from PolNeAR is kept in the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks._eval import EVAL

SCORER = EVAL / "score_quotes.py"
TRADEDIGEST = Path(sys.executable).with_name("tradedigest")


def dev_files() -> tuple[list[Path], Path]:
    return sorted((EVAL / "polnear-dev-text").glob("*.txt")), EVAL / "polnear-dev.jsonl"


def train_files(folder: Path, limit: int) -> tuple[list[Path], Path]:
    """The first `limit` train articles as files in `folder`, with their gold lines."""
    with open(EVAL / "polnear-train.jsonl", encoding="utf-8") as fh:
        lines = [line for line, _ in zip(fh, range(limit), strict=False)]
    files = []
    for line in lines:
        article = json.loads(line)
        path = folder / f"{article['id']}.txt"
        path.write_text(article["text"], encoding="utf-8", newline="")
        files.append(path)
    gold = folder / "gold.jsonl"
    gold.write_text("".join(lines), encoding="utf-8")
    return files, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=840, help="train articles to score")
    parser.add_argument("--preds", type=Path, help="keep the predictions JSONL here")
    parser.add_argument("--details", type=Path, help="write the scorer's per-article errors here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files, gold = dev_files() if args.split == "dev" else train_files(folder, args.limit)
        preds = args.preds or folder / "preds.jsonl"
        with open(preds, "w", encoding="utf-8") as out:
            subprocess.run([str(TRADEDIGEST), "extract", *map(str, files)], stdout=out, check=True)
        command = [sys.executable, str(SCORER), str(gold), str(preds)]
        if args.details:
            command += ["--details", str(args.details)]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
