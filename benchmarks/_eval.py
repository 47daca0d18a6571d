"""The PolNeAR evaluation data the benchmarks read: ../shared/eval beside the repository."""

from __future__ import annotations

from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"

if not (EVAL / "polnear-dev.jsonl").is_file():
    # Without the data every figure would be computed over nothing; say so instead.
    raise SystemExit(f"{EVAL} has no PolNeAR data: the benchmarks read it from ../shared/eval")
