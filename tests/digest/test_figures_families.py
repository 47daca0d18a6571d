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
        ("Members of the 27-nation bloc and a 15-member panel met.", []),
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


# Money a verb of paying moves is named by the deed and whom it falls on, never by the verb's
# subject alone ("Brussels fined") nor by the unit.
@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        (
            "Brussels fined the truck makers €2.93 billion for colluding on prices.",
            "€2.93 billion",
            "fine on truck makers for colluding on prices",
        ),
        ("The airline was fined $4 million in March.", "$4 million", "fine on airline in March"),
        (
            "The retailer paid £30 million for the warehouses.",
            "£30 million",
            "payment by retailer for the warehouses",
        ),
        (
            "The campaign raised $18 million in August.",
            "$18 million",
            "money raised by campaign in August",
        ),
        (
            "Toyota will invest $1.3 billion in its Kentucky plant.",
            "$1.3 billion",
            "investment by Toyota in its Kentucky plant",
        ),
        ("Apple bought Beats for $3 billion.", "$3 billion", "purchase of Beats"),
        (
            "The bank agreed to pay $5 billion to settle claims.",
            "$5 billion",
            "payment by bank to settle claims",
        ),
        (
            "Filings showed the insurer lost nearly $900 million in a single year.",
            "nearly $900 million",
            "loss of insurer in a single year",
        ),
        # A question names no one: "what kind of trader" is nobody's loss.
        (
            "What kind of trader loses $900 million in a single year?",
            "$900 million",
            "loss in a single year",
        ),
        (
            "The utility owes $650 million to foreign banks.",
            "$650 million",
            "debt of utility to foreign banks",
        ),
        (
            "The refiner earned $2 billion last quarter.",
            "$2 billion",
            "earnings of refiner last quarter",
        ),
        ("Families making $80,000 or less pay nothing.", "$80,000", "income of families"),
        # The deed may be told in a clause on the sum, unless the clause says what it is for.
        (
            "She will spend the $18 million she says she raised for the museum.",
            "$18 million",
            "money raised for the museum",
        ),
        (
            "He built the firm with $14 million borrowed from an uncle.",
            "$14 million",
            "borrowing from an uncle",
        ),
        # A sum that names its own noun keeps it; a share is no payment.
        ("Apple paid $13 billion in back taxes last year.", "$13 billion", "back taxes last year"),
        ("The union raised wages 3 percent.", "3 percent", "wages"),
    ],
)
def test_money_moved_by_a_verb_of_paying_is_named_by_the_deed(nlp, text, surface, about):
    assert [f.about for f in nlp(text)._.figures if f.text == surface] == [about]


# Exchange rates and conversions: a currency's price is one figure in the currency it is
# quoted in; a sum given in two currencies is one figure, told in the first.
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "about"),
    [
        ("The euro rose to $1.18 on Tuesday.", "$1.18", 1.18, "USD", "euro"),
        ("The yuan weakened past 7 per dollar.", "7 per dollar", 7, "CNY", "yuan"),
        ("The yen slid to 151 to the dollar.", "151 to the dollar", 151, "JPY", "yen"),
        ("The rupee ended at 83.5 per U.S. dollar.", "83.5 per U.S. dollar", 83.5, "INR", "rupee"),
        (
            "The group was fined 7.5 million Danish crowns (US$1.1 million).",
            "7.5 million Danish crowns (US$1.1 million)",
            7.5e6,
            "DKK",
            "fine on group",
        ),
        (
            "The contract is worth €1.2 billion, or $1.3 billion, officials said.",
            "€1.2 billion, or $1.3 billion",
            1.2e9,
            "EUR",
            "contract",
        ),
        ("The Australian dollar fetched 66 U.S. cents.", "66 U.S. cents", 0.66, "USD", None),
    ],
)
def test_exchange_rates_and_conversions_are_one_figure_each(nlp, text, surface, value, unit, about):
    (figure,) = nlp(text)._.figures
    assert (figure.text, figure.unit) == (surface, unit)
    assert figure.value == pytest.approx(value)
    assert about is None or figure.about == about


# What is measured is the thing, never the verb that tells of it alone, the place it is in,
# or the figure's own clause.
@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        ("The tanker carries 2 million bbl of crude.", "2 million bbl", "crude"),
        ("The new terminal handled 1.2 million TEU.", "1.2 million TEU", "new terminal"),
        ("The talks lasted ninety minutes.", "ninety minutes", "talks"),
        ("The fund holds ¥200 billion in Japan.", "¥200 billion", "fund in Japan"),
        ("The fund holds $2 billion in bonds.", "$2 billion", "bonds"),
        (
            "Penalties ranging from $200 to $4 million apply to exporters.",
            "$200 to $4 million",
            "Penalties",
        ),
        (
            "The insurer carried 5,000 tonnes to the port.",
            "5,000 tonnes",
            "insurer carried to the port",
        ),
    ],
)
def test_about_is_the_thing_not_a_bare_verb_a_place_or_its_own_clause(nlp, text, surface, about):
    assert [f.about for f in nlp(text)._.figures if f.text == surface] == [about]


# A text may end on its figure: a headline or a caption has no full stop.
@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("Customs clearance takes about 45 days", "about 45 days", "day"),
        ("Port strike talks lasted ninety minutes", "ninety minutes", "minute"),
    ],
)
def test_a_duration_ending_the_text_is_read(nlp, text, surface, unit):
    assert [(f.text, f.unit) for f in nlp(text)._.figures] == [(surface, unit)]


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Traders picked up 12,000 tonnes of sugar.", "12,000 tonnes", "quantity"),
        ("Exports were up 12% on the year.", "12%", "change"),
        ("The index closed up 350 points.", "350 points", "change"),
    ],
)
def test_up_is_a_change_unless_it_is_a_particle_of_another_verb(nlp, text, surface, kind):
    assert [f.kind for f in nlp(text)._.figures if f.text == surface] == [kind]


# Trade and market press as wires write it: units, currencies, scales and fractions of a point.
@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Output rose to 1.3 million b/d in March.", "1.3 million b/d", 1.3e6, "barrel/day"),
        ("Samsung posted a profit of 10.4 trillion won.", "10.4 trillion won", 10.4e12, "KRW"),
        ("The miner will invest Rp 5 trillion in smelters.", "Rp 5 trillion", 5e12, "IDR"),
        ("The budget sets aside Rs 1.2 lakh crore for roads.", "Rs 1.2 lakh crore", 1.2e12, "INR"),
        ("The bank raised rates by a quarter point to 4%.", "a quarter point", 0.25, "pp"),
        ("A third of exports went to Asia.", "A third", 100 / 3, "%"),
    ],
)
def test_wire_units_currencies_and_points(nlp, text, surface, value, unit):
    found = [(f.value, f.unit) for f in nlp(text)._.figures if f.text == surface]
    assert found == [(pytest.approx(value), unit)]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The 10-year yield rose 5 bps to 4.2%.", ["5 bps", "4.2%"]),
        ("Investors sold the two-year note and a 30-year bond.", []),
        ("Both sides agreed a 90-day truce.", ["90-day"]),
    ],
)
def test_the_term_of_an_instrument_is_no_figure(nlp, text, kept):
    assert [f.text for f in nlp(text)._.figures] == kept


def test_a_price_per_unit_of_goods_says_per_what(nlp):
    (_, price) = nlp("Gold climbed 0.5% to $1,950.30 per ounce.")._.figures
    assert price.about == "Gold per ounce"


# An infinitive's figure belongs to the subject of the verb it hangs on.
@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        (
            "India's steel exports appear to have fallen 4.1 percent last year.",
            "4.1 percent",
            "India's steel exports last year",
        ),
        ("The FTSE 100 slipped 30 points to close at 7,412.", "7,412", "FTSE"),
    ],
)
def test_an_infinitive_figure_is_about_the_subject_it_hangs_on(nlp, text, surface, about):
    assert [f.about for f in nlp(text)._.figures if f.text == surface] == [about]


# A figure set after another as a phrase qualifying it measures the same thing.
@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        (
            "The retailer sold $12.1 billion in goods, up 9 percent from a year earlier.",
            "9 percent",
            "goods",
        ),
        (
            "The port collected $2.17 billion in cargo fees,"
            " about $74 million more than a year ago.",
            "about $74 million",
            "cargo fees",
        ),
    ],
)
def test_a_qualifying_figure_measures_what_the_one_before_does(nlp, text, surface, about):
    assert [f.about for f in nlp(text)._.figures if f.text == surface] == [about]


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Earlier this month the bank paid $5 million in fines.", "fines earlier this month"),
        ("Last year the bank paid $5 million in fines.", "fines last year"),
    ],
)
def test_a_time_opening_the_sentence_reads_in_lower_case_after_the_thing(nlp, text, about):
    assert [f.about for f in nlp(text)._.figures] == [about]
