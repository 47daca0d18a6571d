"""Figure finding against hand-annotated gold and quantulum3's test suite, beside quantulum3.

    .venv/bin/python -m benchmarks.figures [--details errors.json]

Gold: tests/data/figures-gold.jsonl (see tests/data/README.md), scored in two parts: the
PolNeAR political articles (texts read from ../shared/eval/polnear-dev-text/) and news from
other outlets, currencies and units (texts kept in the gold). A prediction finds a gold figure
when their spans overlap (each gold figure is found once). Over found figures: value+unit is
right when the unit is equal and the value within 0.1% (or both values are None); `about` is
right when its content lemmas and the gold's overlap with F1 >= 0.5.

Then quantulum3's English test suite (../shared/eval/figures/q3-cases.jsonl), scored by the
suite's own `score_figures.py`: found, value+unit (of all figures) and precision, in scope.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from benchmarks._eval import EVAL
from digest.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "figures-gold.jsonl"
TEXTS = EVAL / "polnear-dev-text"
SUITE = EVAL / "figures" / "q3-cases.jsonl"
SCORER = EVAL / "figures" / "score_figures.py"
ABOUT_F1 = 0.5
VALUE_TOLERANCE = 1e-3

Figure = dict  # {"start", "end", "value", "unit", "about", "text"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", type=Path, help="write misses and false positives here")
    args = parser.parse_args()
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    nlp = load_nlp()
    systems = (("tradedigest", _ours(nlp)), ("quantulum3", _quantulum3()))
    details: dict[str, dict] = {}
    for part, articles in (
        ("PolNeAR articles", [a for a in gold if "text" not in a]),
        ("news from other outlets", [a for a in gold if "text" in a]),
    ):
        figures = sum(len(a["figures"]) for a in articles)
        print(f"\n{part}: {figures} gold figures in {len(articles)} texts")
        details[part] = _gold_table(articles, systems, nlp)
    print(f"\nquantulum3's test suite ({SUITE.name}), in scope")
    details["suite"] = _suite_table()
    if args.details:
        args.details.write_text(json.dumps(details, indent=1, ensure_ascii=False), "utf-8")


def _gold_table(articles: list[dict], systems, nlp) -> dict:
    texts = [a.get("text") or (TEXTS / f"{a['article']}.txt").read_text("utf-8") for a in articles]
    print(f"{'system':<14}{'P':>7}{'R':>7}{'F1':>7}{'value+unit':>12}{'about':>8}{'s/text':>9}")
    details = {}
    for name, system in systems:
        started = time.perf_counter()
        predictions = [system(text) for text in texts]
        seconds = (time.perf_counter() - started) / len(texts)
        scores, details[name] = _score(articles, predictions, nlp)
        print(
            f"{name:<14}"
            + "".join(f"{s:>7.3f}" for s in scores[:3])
            + f"{scores[3]:>12.3f}{scores[4]:>8.3f}{seconds:>9.3f}"
        )
    return details


def _suite_table() -> dict:
    """quantulum3's suite through its own scorer, both systems on the same sentences."""
    scorer = _load_scorer()
    rows = [json.loads(line) for line in SUITE.read_text("utf-8").splitlines() if line]
    texts = [row["text"] for row in rows]
    print(f"{'system':<14}{'found':>7}{'value+unit':>12}{'precision':>11}{'s/text':>9}")
    details = {}
    for name in ("tradedigest", "quantulum3"):
        predict = scorer.SYSTEMS[name]()
        started = time.perf_counter()
        predictions = predict(texts)
        seconds = (time.perf_counter() - started) / len(texts)
        groups, summary, gold, extras = scorer.score(rows, predictions, False, None)
        scope = groups["in scope"]
        print(
            f"{name:<14}{scope['found_rate']:>7.3f}{scope['value_unit_of_all']:>12.3f}"
            f"{summary['precision_in_scope']:>11.3f}{seconds:>9.3f}"
        )
        details[name] = {
            "wrong": [g for g in gold if g["scope"] == "in" and not g.get("value_unit")],
            "extras": extras,
        }
    return details


def _load_scorer():
    """The suite's scorer, read where the evaluation data keeps it (never copied here)."""
    spec = importlib.util.spec_from_file_location("score_figures", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{SCORER} cannot be loaded: the suite's scorer is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ours(nlp) -> Callable[[str], list[Figure]]:
    def predict(text: str) -> list[Figure]:
        return [
            {
                "start": f.start,
                "end": f.end,
                "value": f.value,
                "unit": f.unit,
                "about": f.about,
                "text": f.text,
            }
            for f in nlp(text)._.figures
        ]

    return predict


def _quantulum3() -> Callable[[str], list[Figure]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is missing
        try:
            from quantulum3 import parser
        except ImportError:
            raise SystemExit(
                "benchmarks.figures: quantulum3, the reference it is compared with, is not"
                " installed: run `make bench` or `.venv/bin/pip install -e '.[bench]'`"
            ) from None

    def predict(text: str) -> list[Figure]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
        return [
            {
                "start": q.span[0],
                "end": q.span[1],
                "value": q.value,
                "unit": _unit(q.unit),
                "about": None,
                "text": q.surface,
            }
            for q in found
        ]

    return predict


def _unit(unit) -> str | None:
    """quantulum3's unit in this project's terms: ISO codes, `%`, None for plain counts."""
    if getattr(unit, "currency_code", None):
        return unit.currency_code
    if unit.name == "percentage":
        return "%"
    return None if unit.entity.name == "dimensionless" else unit.name


def _score(gold: list[dict], predictions: list[list[Figure]], nlp) -> tuple[list[float], dict]:
    found = value_right = about_right = 0
    total_gold = sum(len(article["figures"]) for article in gold)
    total_predicted = sum(len(p) for p in predictions)
    errors: dict[str, dict] = {}
    for article, predicted in zip(gold, predictions, strict=True):
        pairs, missed, extra = _match(article["figures"], predicted)
        found += len(pairs)
        value_right += sum(_same_value(g, p) for g, p in pairs)
        about_right += sum(_same_about(g["about"], p["about"], nlp) for g, p in pairs)
        errors[article["article"]] = {
            "missed": [g["text"] for g in missed],
            "extra": [p["text"] for p in extra],
            "wrong": [
                [g["text"], g["value"], g["unit"], g["about"], p["value"], p["unit"], p["about"]]
                for g, p in pairs
                if not (_same_value(g, p) and _same_about(g["about"], p["about"], nlp))
            ],
        }
    precision = found / total_predicted if total_predicted else 0.0
    recall = found / total_gold if total_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if found else 0.0
    return [precision, recall, f1, value_right / max(found, 1), about_right / max(found, 1)], errors


def _match(gold: list[Figure], predicted: list[Figure]):
    """Each gold figure paired with the unpaired prediction overlapping it most."""
    free = list(predicted)
    pairs, missed = [], []
    for g in gold:
        overlaps = [(min(g["end"], p["end"]) - max(g["start"], p["start"]), p) for p in free]
        overlaps = [(size, p) for size, p in overlaps if size > 0]
        if not overlaps:
            missed.append(g)
            continue
        best = max(overlaps, key=lambda pair: pair[0])[1]
        free.remove(best)
        pairs.append((g, best))
    return pairs, missed, free


def _same_value(g: Figure, p: Figure) -> bool:
    if g["unit"] != p["unit"]:
        return False
    if g["value"] is None or p["value"] is None:
        return g["value"] is p["value"]
    return abs(g["value"] - p["value"]) <= VALUE_TOLERANCE * max(abs(g["value"]), 1e-9)


def _same_about(gold: str | None, predicted: str | None, nlp) -> bool:
    if not gold or not predicted:
        return not gold and not predicted
    g, p = _lemmas(gold, nlp), _lemmas(predicted, nlp)
    common = len(g & p)
    return bool(common) and 2 * common / (len(g) + len(p)) >= ABOUT_F1


_LEMMAS: dict[str, frozenset[str]] = {}
POSSESSIVES = ("'s", "’s")
# The pipes lemmas need, under either pipeline: spaCy's own or the project's one-lookup tagging.
LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "tradedigest_tagging")


def _lemmas(phrase: str, nlp) -> frozenset[str]:
    """Content lemmas of a phrase: "contributors to Mrs. Clinton's campaign" -> contributor, ..."""
    if phrase not in _LEMMAS:
        doc = nlp(phrase, disable=[name for name in nlp.pipe_names if name not in LEMMA_PIPES])
        if not any(t.lemma_ for t in doc):
            raise SystemExit(f"no lemmas from the pipes {nlp.pipe_names}: update LEMMA_PIPES")
        _LEMMAS[phrase] = frozenset(
            t.lemma_.lower()
            for t in doc
            if not (t.is_stop or t.is_punct or t.lower_ in POSSESSIVES)
        )
    return _LEMMAS[phrase]


if __name__ == "__main__":
    main()
