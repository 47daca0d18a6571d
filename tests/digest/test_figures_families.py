"""Families of figures from news the grammar was not written on: each table is of sentences
written for it, and each case fails without the rule it pins."""

from __future__ import annotations

import pytest


def _figures(nlp, text: str) -> list[tuple[str, float | None, str | None]]:
    return [(f.text, f.value, f.unit) for f in nlp(text)._.figures]


# A number that labels a sort, frames where a figure holds, or sizes the thing a rate is per.
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Parents can put the money into 529 savings plans run by each state.", []),
        ("The minister summed up the deal in about 40 words.", []),
        ("The forecast averages the latest surveys in 12 battleground states.", []),
        ("Tuition at four-year public colleges has doubled.", []),
        ("Analysts say the ten-year figure is too low.", []),
        ("Freight costs $2,100 per 20-foot container.", [("$2,100", 2100.0, "USD")]),
    ],
)
def test_label_frame_and_rate_unit_numbers_are_not_figures(nlp, text, kept):
    assert _figures(nlp, text) == kept


# What the same rules must leave alone: counts that measure, sizes of one thing.
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Hackers targeted the voter rolls of more than 20 states.", "more than 20"),
        ("The plant employs about 2,400 people.", "about 2,400"),
        ("Police fired 41 times at the car.", "41"),
        ("The Fed raised rates 11 times in two years.", "11"),
        ("Both sides agreed a 90-day truce.", "90-day"),
        ("Washington put 25-percent tariffs on steel.", "25-percent"),
        ("Miners face a 45-minute commute.", "45-minute"),
    ],
)
def test_counts_and_sizes_that_measure_stay_figures(nlp, text, surface):
    assert surface in [f.text for f in nlp(text)._.figures]
