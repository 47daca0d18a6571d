"""Number phrases in raw text: where they are, what they are worth and in which unit.

Pure text in, `Amount`s out: no parse needed, so offsets are exact whatever the tokenizer does.
Whether an amount is a figure worth reporting is decided later, with the parse.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from text_to_num import text2num

from digest.figures import _tables as t

MONEY, SHARE, MEASURE, DURATION, BARE = "money", "share", "measure", "duration", "bare"


@dataclass(frozen=True)
class Amount:
    """A number phrase: `value` in `unit` (None when the number is malformed)."""

    start: int
    end: int
    value: float | None
    unit: str | None
    measure: str
    scale: float = 1.0  # multiplier written after the number: "5 million" is never a small count
    vague: bool = False  # "thousands of"
    hyphenated: bool = False  # unit joined by a hyphen, as a modifier: "100-day"
    ranged: bool = False  # "one to two years": the midpoint of a range
    digits: str = ""  # the number as written in digits, for year and identifier checks


_DIGITS = r"\d[\d,.]*\d|\d"
_WORDS = rf"(?:{t.alternation(t.CARDINALS)})"
# A fraction is a share only of something: "half of all tomatoes", not "the first half".
_FRACTION = rf"(?:(?:an?|one|two|three|four)[\s-]+)?(?:{t.alternation(t.FRACTIONS)})(?=\s+of\b)"
_ARTICLE = rf"an?(?=\s+(?:{t.alternation(t.SCALES)})\b)"
_UNIT_WORDS = t.alternation([*t.SHARES, *t.MEASURES, *t.DURATIONS, *t.CURRENCY_NAMES, *t.MINOR])

PART = re.compile(
    rf"""
    (?<![\w.,:/$€£¥])
    (?:(?P<approx>{t.alternation(t.APPROXIMATIONS)})\s+)?
    (?:
        (?P<vague>{t.alternation(t.VAGUE)})
        (?:\s+of\s+(?P<vunit>{_UNIT_WORDS})\b|(?=\s+of\b))
    |
        (?:(?P<cur>(?-i:{t.alternation(t.CURRENCY_SYMBOLS)}))\s?)?
        (?P<num>{_DIGITS}|{_FRACTION}|{_WORDS}(?:[\s-]+{_WORDS})*(?:\s+and\s+a\s+half)?|{_ARTICLE})
        (?:
            (?:\s+of\s+an?\s+|[\s-]*)(?P<scale>{t.alternation(t.SCALES)})\b
        |
            (?<=\d)(?P<attached>{t.alternation(t.ATTACHED_SCALES)})\b
        )?
        (?:
            (?P<hyphen>-)?\s*(?P<unit>(?-i:{t.alternation(t.CURRENCY_CODES)})\b|%|(?:{_UNIT_WORDS})\b)
        )?
    )
    (?![\w/]|[.,:]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_VALID_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_RANGE = re.compile(r"\s*[-–]\s*|\s+to\s+|\s+and\s+")
_RANGE_OPENERS = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_RATIO = re.compile(r"\s+(?:out\s+)?(?:of|in)\s+(?:(?:every|each)\s+)?$", re.IGNORECASE)
_PER_UNIT = re.compile(r"\s+(?:out\s+)?of\s+(?:every|each)\s+(\w+)\b", re.IGNORECASE)


def amounts(text: str) -> list[Amount]:
    """Every number phrase in `text`, ranges and ratios joined into one amount each."""
    parts = [_amount(match) for match in PART.finditer(text)]
    return _join_ratios(text, _join_ranges(text, [part for part in parts if part]))


def _amount(match: re.Match) -> Amount | None:
    if match["vague"]:
        return _vague(match)
    number = _number(match["num"])
    scale = _scale(match)
    unit, measure, factor = _unit(match)
    if match["attached"] and measure != MONEY:
        return None  # "100m" without a currency is a length, not a hundred million
    if measure == SHARE and _is_fraction(match["num"]) and number is not None:
        number *= 100
    value = _product(number, scale, factor)
    return Amount(
        start=match.start(),
        end=match.end(),
        value=value,
        unit=unit,
        measure=measure,
        scale=scale,
        hyphenated=bool(match["hyphen"]),
        digits=match["num"] if match["num"][0].isdigit() else "",
    )


def _product(*factors: float | None) -> float | None:
    """Exact decimal product: 65.4 billion is 65400000000, not 65400000000.00001; None when a
    factor is unknown or the number too large for a float (JSON has no infinity)."""
    if None in factors:
        return None
    product = float(math.prod(Decimal(repr(factor)) for factor in factors))
    return product if math.isfinite(product) else None


def _vague(match: re.Match) -> Amount:
    value = t.VAGUE[t.key(match["vague"])]
    unit, measure, factor = (None, BARE, 1.0)
    if match["vunit"]:
        unit, measure, factor = _unit_of(match["vunit"])
    return Amount(match.start(), match.end(), value * factor, unit, measure, vague=True)


def _number(written: str) -> float | None:
    """The number as written, or None when it cannot be read with certainty ("3..5")."""
    if written[0].isdigit():
        if not _VALID_DIGITS.fullmatch(written):
            return None
        return float(written.replace(",", ""))
    words = t.key(written.replace("-", " "))
    if words.endswith(" and a half"):
        whole = _cardinal(words.removesuffix(" and a half"))
        return whole + 0.5 if whole is not None else None
    if _is_fraction(words):
        *count, fraction = words.split()
        times = _cardinal(" ".join(count)) if count else 1.0
        return times * t.FRACTIONS[fraction] if times is not None else None
    return _cardinal(words)


def _is_fraction(written: str) -> bool:
    return t.key(written.replace("-", " ")).split()[-1] in t.FRACTIONS


def _cardinal(words: str) -> float | None:
    if words in ("a", "an"):
        return 1.0
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


def _scale(match: re.Match) -> float:
    if match["scale"]:
        return t.SCALES[t.key(match["scale"])]
    if match["attached"]:
        return t.ATTACHED_SCALES[t.key(match["attached"])]
    return 1.0


def _unit(match: re.Match) -> tuple[str | None, str, float]:
    """(unit, measure, factor): a currency symbol wins over a unit word after the number."""
    if match["cur"]:
        return t.CURRENCY_SYMBOLS[match["cur"]], MONEY, 1.0
    if match["unit"]:
        return _unit_of(match["unit"])
    if _is_fraction(match["num"]):
        return "%", SHARE, 1.0
    return None, BARE, 1.0


def _unit_of(word: str) -> tuple[str | None, str, float]:
    if word in t.CURRENCY_CODES:
        return t.CURRENCY_CODES[word], MONEY, 1.0
    form = t.key(word)
    if form in t.CURRENCY_NAMES:
        return t.CURRENCY_NAMES[form], MONEY, 1.0
    if form in t.MINOR:
        code, factor = t.MINOR[form]
        return code, MONEY, factor
    if form in t.SHARES:
        return t.SHARES[form], SHARE, 1.0
    if form in t.MEASURES:
        return t.MEASURES[form], MEASURE, 1.0
    return t.DURATIONS[form], DURATION, 1.0


def _join_ranges(text: str, parts: list[Amount]) -> list[Amount]:
    """`5-10%`, `$500 to $2,000`, `between 3 and 4 percent` become one amount at the midpoint."""
    joined: list[Amount] = []
    for part in parts:
        low = joined[-1] if joined else None
        if low is not None and _is_range(text, low, part):
            joined[-1] = _range(text, low, part)
        else:
            joined.append(part)
    return joined


def _is_range(text: str, low: Amount, high: Amount) -> bool:
    between = text[low.end : high.start]
    units_agree = None in (low.unit, high.unit) or low.unit == high.unit
    if not _RANGE.fullmatch(between) or low.vague or not units_agree:
        return False
    opened = _RANGE_OPENERS.search(text[max(0, low.start - 9) : low.start])
    if "and" in between:
        return bool(opened) and "between" in opened.group().lower()
    if "to" in between and not opened:
        return None not in (low.value, high.value) and low.value < high.value
    return True


def _range(text: str, low: Amount, high: Amount) -> Amount:
    # "$5-10 billion": the low end takes the high end's multiplier.
    low_value = low.value * high.scale if low.value is not None and low.scale == 1 else low.value
    value = None if None in (low_value, high.value) else (low_value + high.value) / 2
    opened = _RANGE_OPENERS.search(text[max(0, low.start - 9) : low.start])
    start = low.start - len(opened.group()) if opened and "between" in opened.group() else low.start
    unit, measure = (high.unit, high.measure) if high.unit else (low.unit, low.measure)
    return replace(high, start=start, value=value, unit=unit, measure=measure, ranged=True)


def _join_ratios(text: str, parts: list[Amount]) -> list[Amount]:
    """`eight of 10`, `one in five`, `$4 of every $5`, `37 cents out of each dollar` as shares."""
    joined: list[Amount] = []
    for part in parts:
        top = joined[-1] if joined else None
        if top is not None and _is_ratio(text, top, part):
            joined[-1] = _ratio(top, part.end, part.value)
        else:
            joined.append(part)
    return [_per_unit(text, part) for part in joined]


def _is_ratio(text: str, top: Amount, bottom: Amount) -> bool:
    between = _RATIO.fullmatch(text[top.end : bottom.start])
    if not between or top.unit != bottom.unit or top.measure not in (BARE, MONEY):
        return False
    if None in (top.value, bottom.value) or not 0 < top.value < bottom.value <= 1000:
        return False
    explicit = re.search(r"\b(?:in|every|each)\b", between.group(), re.IGNORECASE)
    return bool(explicit) or bottom.value in (10, 100, 1000)


def _ratio(top: Amount, end: int, bottom: float | None) -> Amount:
    value = None if top.value is None or not bottom else 100 * top.value / bottom
    return Amount(top.start, end, value, "%", SHARE)


def _per_unit(text: str, part: Amount) -> Amount:
    """`37 cents out of each dollar`: a money amount over one unit of its own currency."""
    per = _PER_UNIT.match(text, part.end)
    if part.measure != MONEY or not per or part.value is None:
        return part
    unit, measure, _ = _unit_of(per.group(1)) if _is_unit(per.group(1)) else (None, BARE, 1)
    if measure != MONEY or unit != part.unit:
        return part
    return _ratio(part, per.end(), 1.0)


def _is_unit(word: str) -> bool:
    form = t.key(word)
    return word in t.CURRENCY_CODES or any(
        form in table for table in (t.CURRENCY_NAMES, t.MINOR, t.SHARES, t.MEASURES, t.DURATIONS)
    )
