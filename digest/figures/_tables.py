"""The data tables in `tables.toml`, read once, with the regex alternations built from them."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from importlib import resources

from digest.words import trade_words

TABLES = tomllib.loads(resources.files(__package__).joinpath("tables.toml").read_text("utf-8"))


def _folded(table: dict) -> dict:
    return {key.lower(): value for key, value in table.items()}


SCALES: dict[str, float] = _folded(TABLES["scales"])
ATTACHED_SCALES: dict[str, float] = _folded(TABLES["scales_attached"])
VAGUE: dict[str, float] = _folded(TABLES["vague"])
FRACTIONS: dict[str, float] = _folded(TABLES["fractions"])
VULGAR_FRACTIONS: dict[str, float] = dict(TABLES["vulgar_fractions"])
SHARES: dict[str, str] = _folded(TABLES["shares"])
MEASURES: dict[str, str] = _folded(TABLES["measures"])
# Abbreviations keep their case: "t" is a tonne, "T" is not.
MEASURE_ABBREVIATIONS: dict[str, str] = dict(TABLES["measure_abbreviations"])
UNITS_ATTACHED: dict[str, tuple[str, float]] = {
    k: (v[0], v[1]) for k, v in TABLES["units_attached"].items()
}
DURATIONS: dict[str, str] = _folded(TABLES["durations"])
MINOR: dict[str, tuple[str, float]] = {k: (v[0], v[1]) for k, v in _folded(TABLES["minor"]).items()}
CARDINALS: tuple[str, ...] = tuple(TABLES["cardinals"]["words"])
APPROXIMATIONS: tuple[str, ...] = tuple(TABLES["approximations"]["words"])
CHANGES: frozenset[str] = frozenset(TABLES["changes"]["words"])
CHANGE_VERBS: tuple[str, ...] = tuple(TABLES["change_verbs"]["words"])
MONEY_CUES: tuple[str, ...] = tuple(TABLES["money_cues"]["words"])
INDICES: tuple[str, ...] = tuple(TABLES["indices"]["words"])
POINTING: frozenset[str] = frozenset(TABLES["pointing"]["words"])
# verb -> (the deed, the patient's preposition, the actor's preposition)
DEALS: dict[str, tuple[str, str, str]] = {
    verb: (deed[0], deed[1], deed[2] if len(deed) > 2 else "by")
    for verb, deed in TABLES["deals"].items()
}
LABELLED: frozenset[str] = frozenset(TABLES["labelled"]["words"])
INSTRUMENTS: frozenset[str] = frozenset(TABLES["instruments"]["words"])
FRAMES: frozenset[str] = frozenset(TABLES["frames"]["words"])
TIMES: frozenset[str] = frozenset(TABLES["times"]["words"])
TIME_LINKS: frozenset[str] = frozenset(TABLES["times"]["time_links"])
TRADE_TERMS: tuple[str, ...] = trade_words("figure_terms")


def _currency_forms(field: str) -> dict[str, str]:
    return {
        form: code for code, forms in TABLES["currencies"].items() for form in forms.get(field, ())
    }


# Symbols and codes are case-sensitive ("RMB", "$"); names are not.
CURRENCY_SYMBOLS = _currency_forms("symbols") | _currency_forms("codes")
CURRENCY_NAMES = _folded(_currency_forms("names"))
CURRENCY_CODES = _currency_forms("codes")
# Symbols written after the number: "15€".
CURRENCY_AFTER = _currency_forms("after")


def alternation(forms: Iterable[str]) -> str:
    """A regex alternation of `forms`, longest first, any run of spaces matching any whitespace."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)


def key(form: str) -> str:
    """A surface form as the case-insensitive tables key it: lower case, single spaces."""
    return " ".join(form.split()).lower()
