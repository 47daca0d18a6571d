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
    written_unit: bool = False  # the unit is a word after the number: "50 mg", not "$50"
    priced: str = ""  # the currency an exchange rate prices, as written: "yuan" in "7 per dollar"


_SPACES = "\u0020\u00a0\u202f"
# "10 000": groups of three digits after a space, as much of the world writes thousands.
_GROUPED = rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d.,]\d|\d)"
_DIGITS = rf"{_GROUPED}|\d[\d,.]*\d|\d"
_CARDINAL = rf"(?:{t.alternation(t.CARDINALS)})\b"
_WORD_SCALES = "thousand|million|billion"
# "twenty-eight thousand six hundred forty-two", "a hundred and two": a scale word inside
# a written number only when more of the number follows it.
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million))[\s-]+and"
_WORDS = (
    rf"(?:{_CARDINAL}|an?(?=\s+(?:hundred|thousand)[\s-]+and\b))"
    rf"(?:(?:{_AND})?[\s-]+(?:(?:{_WORD_SCALES})(?=[\s-]+(?:and[\s-]+)?{_CARDINAL})|{_CARDINAL}))*"
)
_MEASURE_WORDS = t.alternation(t.MEASURES)
# A fraction is a share only of something: "half of all tomatoes", not "the first half";
# or a part of a unit: "one-half miles", "1/4 inch", "2½ miles", "a quarter point".
_OF_OR_MEASURE = rf"(?=\s+of\b|[\s-]+(?:{_MEASURE_WORDS}|(?:percentage\s+)?points?)\b)"
_FRACTION = (
    rf"(?:(?:an?|one|two|three|four)[\s-]+)?(?:{t.alternation(t.FRACTIONS)}){_OF_OR_MEASURE}"
)
_SLASHED = rf"(?:\d+\s+)?\d{{1,2}}/\d{{1,3}}(?=[\s-]*(?:in\b|{_MEASURE_WORDS})\b|\s+of\b)"
_VULGAR = rf"\d*\s?(?:{t.alternation(t.VULGAR_FRACTIONS)})"
# Inches only where the letters cannot be the preposition ("2 in thick"), or the double prime
# ("9″"); a straight double quote after a number closes a quotation or an attribute far more
# often than it measures ("id=\"699320266804092929\"").
_INCH = r"in(?=\s*(?:[.,;)]|$)|\s+(?:thick|long|wide|tall|high|deep|across)\b)|″"
# What a price is per when written with a slash: "$15.4/hour", "$60/bbl".
_PER = t.alternation(
    [
        "hour",
        "hr",
        "day",
        "week",
        "month",
        "year",
        "barrel",
        "bbl",
        "t",
        "tonne",
        "ton",
        "oz",
        "ounce",
        "lb",
        "kg",
        "MWh",
        "kWh",
        "MMBtu",
        "mmBtu",
        "share",
        "bushel",
        "gallon",
    ]
)
_ARTICLE = rf"an?(?=\s+(?:{t.alternation(t.SCALES)})\b)"
_UNIT_WORDS = t.alternation([*t.SHARES, *t.MEASURES, *t.DURATIONS, *t.CURRENCY_NAMES, *t.MINOR])
_ABBREVIATIONS = t.alternation(t.MEASURE_ABBREVIATIONS)
_ATTACHED_UNITS = t.alternation(t.UNITS_ATTACHED)

PART = re.compile(
    rf"""
    (?<![\w.,:/$€£¥])
    (?:(?P<approx>{t.alternation(t.APPROXIMATIONS)})\s+)?
    (?:
        (?P<vague>{t.alternation(t.VAGUE)})
        (?:\s+of\s+(?P<vunit>{_UNIT_WORDS})\b|(?=\s+of\b))
    |
        (?P<sign>(?<![\w\d])[-−](?=[$€£¥\d]))?
        (?:(?P<cur>(?-i:{t.alternation(t.CURRENCY_SYMBOLS)}))\s?)?
        (?P<csign>[-−](?=\d))?
        (?P<num>{_SLASHED}|{_VULGAR}|{_DIGITS}|{_FRACTION}|{_WORDS}(?:\s+and\s+a\s+half)?|{_ARTICLE})
        (?:\s*±\s*(?:{_DIGITS}))?
        (?:
            (?:\s+of\s+an?\s+|[\s-]*)(?P<scale>{t.alternation(t.SCALES)})\b
        |
            (?<=\d)(?P<attached>{t.alternation(t.ATTACHED_SCALES)})\b
        )?
        (?:
            (?<=\d)(?P<glued>(?-i:{_ATTACHED_UNITS}))\b
        |
            (?P<hyphen>-)?\s*(?P<unit>
                (?-i:{t.alternation(t.CURRENCY_CODES)})\b
                |%
                |(?-i:{t.alternation(t.CURRENCY_AFTER)})
                |(?:{_UNIT_WORDS})\b(?![\^²³])
                |(?-i:{_ABBREVIATIONS})(?![\w²³^])
                |(?P<inch>(?-i:{_INCH}))
            )
        )?
        (?P<per>/(?-i:{_PER})\b)?
    )
    (?![\w/]|[.,:]\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
# A leading zero ("06-28", "007") marks a date part or a code, never a quantity.
_VALID_DIGITS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|(?:[1-9]\d*|0)(?:\.\d+)?")
_RANGE = re.compile(r"\s*[-–]\s*|-?\s+to\s+|\s+and\s+")
_RANGE_OPENERS = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
# "cut the duty from", "added": a change is told before the number.
_AFTER_CHANGE = re.compile(
    rf"\b(?:{t.alternation(t.CHANGE_VERBS)})(?:(?:\s+[\w'’]+){{0,4}}?\s+from)?\s+$",
    re.IGNORECASE,
)
_LIST = re.compile(r"\s*,\s*|\s+(?:and|or)\s+|,\s+(?:and|or)\s+")
_CONVERSION = re.compile(r"\s*\(\s*")
_CONVERSION_OR = re.compile(r",\s+or\s+")  # "€1.2 billion, or $1.3 billion,"
_CURRENCY_NAME = rf"(?:{t.alternation(t.CURRENCY_NAMES)})\b"
# "the yuan weakened past 7 per dollar", "7.1 to the dollar": so many of one currency for
# one of another.
_PER_CURRENCY = re.compile(
    rf"\s+(?:per|to\s+(?:the|one|a|each))\s+(?P<per>{_CURRENCY_NAME})", re.IGNORECASE
)
_CURRENCY_NAMED = re.compile(rf"\b{_CURRENCY_NAME}", re.IGNORECASE)
_RATIO = re.compile(r"\s+(?:out\s+)?(?:of|in)\s+(?:(?:every|each)\s+)?$", re.IGNORECASE)
_PER_UNIT = re.compile(r"\s+(?:out\s+)?of\s+(?:every|each)\s+(\w+)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'“(])")
_MONEY_CUE = re.compile(rf"\b(?:{t.alternation(t.MONEY_CUES)})\b|[£]", re.IGNORECASE)
# Index names keep their case ("Dow", "DAX"); the common nouns are lower case.
_INDEX = re.compile(rf"(?<![\w&])(?:{t.alternation(t.INDICES)})(?![\w&])")
_RATE_WORDS = re.compile(r"\s+(?:a|per)\s+\w+$", re.IGNORECASE)
_RELATIVE_TIME = re.compile(r"\s+(?:earlier|ago|before|later)\b", re.IGNORECASE)
# Where one clause ends and another, perhaps of another subject, begins.
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+while\s+", re.IGNORECASE)
_LEVEL_OPENER = re.compile(r"\b(?:to|at)\s+$")
POINT_WORDS = {"points", "point", "pts"}
SMALLEST_LEVEL = 100  # an index level is in the hundreds at least; smaller is something else


def amounts(text: str) -> list[Amount]:
    """Every number phrase in `text`: ranges, ratios and conversions joined into one amount each,
    a unit written once shared by the list it ends (`45 and 50 mg`)."""
    found = [_in_context(text, part) for part in map(_amount, PART.finditer(text)) if part]
    parts = [part for part in found if part]
    parts = _join_conversions(text, _join_ranges(text, _share_units(text, parts)))
    return _join_ratios(text, parts)


def _amount(match: re.Match) -> Amount | None:
    if match["vague"]:
        return _vague(match)
    number = _number(match["num"])
    scale = _scale(match)
    unit, measure, factor = _unit(match)
    if match["attached"] and measure not in (MONEY, MEASURE):
        return None  # "100m" without a unit is a length, not a hundred million
    written_fraction = "/" in match["num"] or match["num"][-1] in t.VULGAR_FRACTIONS
    of_something = re.match(r"\s+of\b", match.string[match.end() :])
    if written_fraction and measure == SHARE and not of_something:
        return None  # "24/7", "1/2": a fraction of nothing named
    if unit == "%" and _is_fraction(match["num"]) and number is not None:
        number *= 100  # "a third": a share of a whole; "a quarter point" is 0.25 points
    if number is not None and (match["sign"] or match["csign"]):
        number = -number
    value = _product(number, scale, factor)
    return Amount(
        start=match.start(),
        end=match.end(),
        value=value,
        unit=unit,
        measure=measure,
        scale=scale,
        hyphenated=bool(match["hyphen"]),
        digits=_digits(match["num"]),
        written_unit=bool(match["unit"]) and match["unit"] not in t.CURRENCY_AFTER,
    )


def _digits(written: str) -> str:
    """The number in digits with commas for thousands ("10 000" -> "10,000"), or ""."""
    if not written[0].isdigit() or _is_fraction(written):
        return ""
    return re.sub(f"[{_SPACES}]", ",", written)


def _in_context(text: str, part: Amount) -> Amount | None:
    """What the sentence says of units the number alone cannot: pounds of money or of beef,
    points of an index or of a poll, an index's level, inches or a closing quote."""
    written = text[part.start : part.end]
    rate = _RATE_WORDS.search(written)
    if rate and _RELATIVE_TIME.match(text, part.end):
        # "9.8 million tonnes a year earlier": the year places the figure, no rate
        shorter = PART.fullmatch(text, part.start, part.start + rate.start())
        amount = _amount(shorter) if shorter else None
        return _in_context(text, amount) if amount else None
    sentence = text[_sentence_start(text, part.start) : part.start]
    if part.unit == "lb" and re.search(r"\bpound\b", written) and part.value not in (1, None):
        return part  # "a twenty pound bag": a weight that modifies its noun
    pounds = re.search(r"\bpounds?\b", written, re.IGNORECASE)
    if part.unit == "lb" and pounds and _is_money_pounds(text, part, sentence):
        return replace(part, unit="GBP", measure=MONEY)
    points = re.search(r"\b(?:points?|pts)\b", written, re.IGNORECASE)
    if part.unit == "pp" and points and _INDEX.search(_CLAUSE_BREAK.split(sentence)[-1]):
        return replace(part, unit="point", measure=MEASURE)
    if _is_index_level(part, sentence):
        return replace(part, unit="point", measure=MEASURE)
    return _exchange_rate(text, part, sentence)


def _exchange_rate(text: str, part: Amount, sentence: str) -> Amount:
    """`the yuan weakened past 7 per dollar`: a bare number per a currency is a price in the
    currency the clause names before it (7 yuan for one dollar)."""
    per = _PER_CURRENCY.match(text, part.end)
    if part.measure != BARE or part.vague or part.value is None or per is None:
        return part
    per_code = _code(per["per"])
    clause = _CLAUSE_BREAK.split(sentence)[-1]
    priced = [m for m in _CURRENCY_NAMED.finditer(clause) if _code(m.group()) != per_code]
    if not priced:
        return part
    name = priced[-1].group()
    return replace(part, end=per.end(), unit=_code(name), measure=MONEY, priced=name)


def _code(name: str) -> str:
    return t.CURRENCY_NAMES[t.key(name)]


def _sentence_start(text: str, position: int) -> int:
    ends = list(_SENTENCE_END.finditer(text, max(0, position - 400), position))
    return ends[-1].end() if ends else max(0, position - 400)


def _is_money_pounds(text: str, part: Amount, sentence: str) -> bool:
    """`20 million pounds`, `fined 500 pounds` are sterling; `10,000 pounds of beef` is mass."""
    if part.hyphenated or re.match(r"\s+of\b", text[part.end :]):
        return False
    return part.scale > 1 or bool(_MONEY_CUE.search(sentence))


def _is_index_level(part: Amount, sentence: str) -> bool:
    """`the DAX fell 0.4 per cent to 13,176`: a bare number after `to` or `at` is the level."""
    if part.measure != BARE or part.vague or part.value is None or part.scale != 1:
        return False
    if part.value < SMALLEST_LEVEL or _is_year(part.digits):
        return False
    clause = _CLAUSE_BREAK.split(sentence)[-1]
    return bool(_LEVEL_OPENER.search(sentence) and _INDEX.search(clause))


def _is_year(digits: str) -> bool:
    return digits.isdigit() and 1000 <= int(digits) <= 2100


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
    if "/" in written or written[-1] in t.VULGAR_FRACTIONS:
        return _written_fraction(written)
    if written[0].isdigit():
        written = _digits(written)
        if not _VALID_DIGITS.fullmatch(written):
            return None
        return float(written.replace(",", ""))
    words = t.key(written.replace("-", " "))
    if words.startswith(("a ", "an ")):
        words = "one " + words.split(" ", 1)[1]
    if words.endswith(" and a half"):
        whole = _cardinal(words.removesuffix(" and a half"))
        return whole + 0.5 if whole is not None else None
    if _is_fraction(words):
        *count, fraction = words.split()
        times = _cardinal(" ".join(count)) if count else 1.0
        return times * t.FRACTIONS[fraction] if times is not None else None
    return _cardinal(words)


def _written_fraction(written: str) -> float | None:
    """`1/4`, `2 1/2`, `½`, `2½`."""
    whole, _, part = written.replace("/", " / ").rpartition(" ")
    fraction: float | None
    if written[-1] in t.VULGAR_FRACTIONS:
        whole, part = written[:-1].strip(), written[-1]
        fraction = t.VULGAR_FRACTIONS[part]
    else:
        whole, _, top = whole.strip().removesuffix(" /").rpartition(" ")
        fraction = int(top) / int(part) if int(part) else None
    if fraction is None:
        return None
    return (float(whole) if whole else 0.0) + fraction


def _is_fraction(written: str) -> bool:
    if "/" in written or written[-1] in t.VULGAR_FRACTIONS:
        return True
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
    if match["inch"]:
        return "inch", MEASURE, 1.0
    if match["glued"]:
        unit, factor = t.UNITS_ATTACHED[match["glued"]]
        return unit, (SHARE if unit == "%" else MONEY), factor
    if match["unit"]:
        return _unit_of(match["unit"])
    if _is_fraction(match["num"]):
        return "%", SHARE, 1.0
    return None, BARE, 1.0


def _unit_of(word: str) -> tuple[str | None, str, float]:
    if word in t.CURRENCY_CODES:
        return t.CURRENCY_CODES[word], MONEY, 1.0
    if word in t.CURRENCY_AFTER:
        return t.CURRENCY_AFTER[word], MONEY, 1.0
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
    if form in t.DURATIONS:
        return t.DURATIONS[form], DURATION, 1.0
    return _abbreviation(word)


def _abbreviation(word: str) -> tuple[str | None, str, float]:
    unit = t.MEASURE_ABBREVIATIONS[word]
    if unit in ("bcm", "mcm"):
        # billions and millions of cubic metres, as gas trade writes them
        return "cubic metre", MEASURE, 1e9 if unit == "bcm" else 1e6
    return unit, MEASURE, 1.0


def _share_units(text: str, parts: list[Amount]) -> list[Amount]:
    """`45 and 50 mg`, `5, 10 or 15 percent`: a bare number takes the unit the list ends with."""
    shared = list(parts)
    for i in range(len(shared) - 2, -1, -1):
        low, high = shared[i], shared[i + 1]
        if not (high.written_unit and not high.hyphenated and _is_bare_number(low)):
            continue
        if _LIST.fullmatch(text[low.end : high.start]):
            value = _product(low.value, _unit_of(_unit_word(text, high))[2])
            shared[i] = replace(low, unit=high.unit, measure=high.measure, value=value)
    return shared


def _unit_word(text: str, part: Amount) -> str:
    """The unit word as written at the end of `part`."""
    found = PART.fullmatch(text, part.start, part.end)
    return found["unit"] if found and found["unit"] else ""


def _is_bare_number(part: Amount) -> bool:
    return part.measure == BARE and not part.vague and part.scale == 1 and not _is_year(part.digits)


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
    if not _RANGE.fullmatch(between) or low.vague:
        return False
    shared_scale = high.unit is None and high.scale > 1  # "$5-10 billion"
    if low.unit != high.unit and not shared_scale and (high.unit is None or low.unit):
        # "fell 0.4 per cent to 13,176", "rose 3% to $5 billion": a change and a level
        return False
    before = text[max(0, low.start - 30) : low.start]
    opened = _RANGE_OPENERS.search(before)
    if "and" in between:
        return opened is not None and "between" in opened.group().lower()
    if _AFTER_CHANGE.search(before):
        return False  # "cut from 25% to 10%": where it was and where it is, two levels
    if not opened:
        # "2016-02", "46 to 42": a range runs upwards; a date or a score does not
        return low.value is not None and high.value is not None and low.value < high.value
    return True


def _range(text: str, low: Amount, high: Amount) -> Amount:
    low_value = _low_end(low, high)
    value = (
        (low_value + high.value) / 2 if low_value is not None and high.value is not None else None
    )
    opened = _RANGE_OPENERS.search(text[max(0, low.start - 9) : low.start])
    start = low.start - len(opened.group()) if opened and "between" in opened.group() else low.start
    unit, measure = (high.unit, high.measure) if high.unit else (low.unit, low.measure)
    return replace(high, start=start, value=value, unit=unit, measure=measure, ranged=True)


def _low_end(low: Amount, high: Amount) -> float | None:
    """`$5-10 billion`: the low end takes the high end's multiplier when it is the smaller number
    before it; `$250,000 to $1 million` is already whole."""
    if low.value is None or high.value is None or low.scale != 1 or high.scale == 1:
        return low.value
    return low.value * high.scale if low.value < high.value / high.scale else low.value


def _join_conversions(text: str, parts: list[Amount]) -> list[Amount]:
    """`7.5 million Danish crowns (US$1.1 million)`: one sum given in two currencies is one figure,
    told in the currency the article gives first."""
    joined: list[Amount] = []
    for part in parts:
        first = joined[-1] if joined else None
        if first is not None and _is_conversion(text, first, part):
            joined[-1] = replace(first, end=part.end + _closing(text, part.end))
        else:
            joined.append(part)
    return joined


def _is_conversion(text: str, first: Amount, second: Amount) -> bool:
    if first.measure != MONEY or second.measure != MONEY or first.unit == second.unit:
        return False
    between = text[first.end : second.start]
    if _CONVERSION_OR.fullmatch(between):
        return True
    return bool(_CONVERSION.fullmatch(between)) and bool(_closing(text, second.end))


def _closing(text: str, end: int) -> int:
    """How many characters close the bracket at `end` (0 when none does)."""
    found = re.match(r"\s*\)", text[end : end + 4])
    return found.end() if found else 0


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
    if top.value is None or bottom.value is None or not 0 < top.value < bottom.value <= 1000:
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
