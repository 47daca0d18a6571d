"""Key figures: what counts as one, its value and unit, what it measures, and what is trivia."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.figures import salience
from digest.figures._grammar import amounts
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def sample_figures(nlp) -> dict[str, tuple]:
    """Each sample article's figures, parsed once for the module."""
    return {path.stem: nlp(path.read_text("utf-8"))._.figures for path in SAMPLES.glob("*.txt")}


def _figure(nlp, text: str, surface: str):
    found = [f for f in nlp(text)._.figures if surface in f.text]
    assert found, f"{surface!r} not found in {text!r}: {nlp(text)._.figures}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("a $309 billion deficit", "$309 billion", 309e9, "USD"),
        ("a ¥1.2tn stimulus", "¥1.2tn", 1.2e12, "JPY"),
        ("€4bn of goods", "€4bn", 4e9, "EUR"),
        ("a £300m deal", "£300m", 300e6, "GBP"),
        ("1.5 trillion yuan of bonds", "1.5 trillion yuan", 1.5e12, "CNY"),
        ("a $2.5 bln loan", "$2.5 bln", 2.5e9, "USD"),
        ("HK$12,000 a month", "HK$12,000", 12_000, "HKD"),
        ("exports rose 3.2 per cent", "3.2 per cent", 3.2, "%"),
        ("a 25% tariff", "25%", 25, "%"),
        ("up 2 percentage points", "2 percentage points", 2, "pp"),
        ("a ten-point lead", "ten-point", 10, "pp"),
        ("two-thirds of voters", "two-thirds", 200 / 3, "%"),
        ("a third of exports", "a third", 100 / 3, "%"),
        ("half of all tomatoes", "half", 50, "%"),
        ("eight of 10 avocados", "eight of 10", 80, "%"),
        ("one in five Americans", "one in five", 20, "%"),
        ("$4 of every $5 of exports", "$4 of every $5", 80, "%"),
        ("20 million tonnes of soybeans", "20 million tonnes", 20e6, "tonne"),
        ("3 million barrels a day", "3 million barrels a day", 3e6, "barrel/day"),
        ("40 million bushels", "40 million bushels", 40e6, "bushel"),
        ("a 100-day action plan", "100-day", 100, "day"),
        ("more than 200 American companies", "more than 200", 200, None),
        ("forty-three senators", "forty-three", 43, None),
        ("a quarter of a million dollars", "a quarter of a million dollars", 250_000, "USD"),
        ("hundreds of billions of dollars", "hundreds of billions of dollars", 1e11, "USD"),
    ],
)
def test_amount_is_normalised_to_value_and_unit(text, surface, value, unit):
    (amount,) = [a for a in amounts(text) if text[a.start : a.end] == surface]
    assert amount.value == pytest.approx(value)
    assert amount.unit == unit


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("tariffs of 5-10% on steel", "5-10%", 7.5, "%"),
        ("paid $500 to $2,000 each", "$500 to $2,000", 1250, "USD"),
        ("between $30,000 and $60,000 a year", "between $30,000 and $60,000", 45_000, "USD"),
        ("from 5 percent to 25 percent", "5 percent to 25 percent", 15, "%"),
        ("a $5-10 billion fund", "$5-10 billion", 7.5e9, "USD"),
    ],
)
def test_range_is_one_amount_at_its_midpoint(text, surface, value, unit):
    (amount,) = amounts(text)
    assert text[amount.start : amount.end] == surface
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)


def test_descending_pair_is_two_figures_not_a_range():
    found = amounts("Clinton beats Trump by 46 percent to 42 percent.")
    assert [a.value for a in found] == [46, 42]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("a $3..5bn hole", "$3..5bn", "USD"),
        ("a 1,2,3 percent rise", "1,2,3 percent", "%"),
        ("€4.5.6 million", "€4.5.6 million", "EUR"),
        ("$" + "9" * 400 + " trillion", "$" + "9" * 400 + " trillion", "USD"),
    ],
)
def test_unreadable_number_keeps_its_unit_but_gets_no_value(text, surface, unit):
    (amount,) = amounts(text)
    assert (text[amount.start : amount.end], amount.value, amount.unit) == (surface, None, unit)


@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        (
            "He wants to cut last year's $309 billion trade deficit with Beijing.",
            "$309 billion",
            "last year's trade deficit with Beijing",
        ),
        (
            "The group represents more than 200 American companies that do business in China.",
            "more than 200",
            "American companies",
        ),
        ("Trump and Xi developed a 100-day action plan.", "100-day", "action plan"),
        (
            "China aims for 6.5 percent average economic growth in the five years through 2020.",
            "6.5 percent",
            "average economic growth in the five years through 2020",
        ),
        (
            "Just 24 percent of the contributors to her campaign gave less.",
            "24 percent",
            "contributors to her campaign",
        ),
        (
            "The 2015 federal budget deficit was $438 billion.",
            "$438 billion",
            "2015 federal budget deficit",
        ),
        (
            "Trump threatened a 35 percent tariff on Mexican imports.",
            "35 percent",
            "tariff on Mexican imports",
        ),
        ("Wells Fargo paid a fine of $185 million.", "$185 million", "fine"),
        ("Donations surpassed the $1 billion mark in August.", "$1 billion", "Donations in August"),
        (
            "The trade deficit hit a record $566 billion last year.",
            "$566 billion",
            "trade deficit last year",
        ),
        (
            "Beijing bought 12 million tonnes of U.S. soybeans in the first quarter.",
            "12 million tonnes",
            "U.S. soybeans in the first quarter",
        ),
        ("Apple would owe $65.4 billion in taxes.", "$65.4 billion", "taxes"),
        (
            "The poll has a margin of error of 4 percentage points.",
            "4 percentage points",
            "margin of error",
        ),
        ("Patriot agreed to lend Mr. Clarke $5 million.", "$5 million", "lend Mr. Clarke"),
        ("In the poll, 46 percent would choose Clinton.", "46 percent", "would choose Clinton"),
        ("They need the four-year number, $25,000, to pay.", "$25,000", "four-year number"),
        ("Clinton beats Trump by 46 percent to 42 percent.", "46 percent", "Clinton's share"),
        ("Clinton beats Trump by 46 percent to 42 percent.", "42 percent", "Trump's share"),
        (
            "Clinton led Trump by 5 percentage points among likely voters.",
            "5 percentage points",
            "Clinton's lead over Trump",
        ),
        (
            "Clinton's advantage is the same: She leads Trump by 49 percent to 47 percent.",
            "49 percent",
            "Clinton's share",
        ),
        (
            "Obama's approval rating remains strong, though it has slipped 3 points.",
            "3 points",
            "Obama's approval rating",
        ),
        (
            "Obama called for cutting the corporate tax rate, but Clinton would leave it at 35 "
            "percent.",
            "35 percent",
            "corporate tax rate",
        ),
        (
            "The developer fixed up the resort after buying it for $145 million.",
            "$145 million",
            "resort",
        ),
        (
            "Hurun lists the fortune at $6.5 billion, and Wealth-X has it at $4.5 billion.",
            "$4.5 billion",
            "fortune",
        ),
    ],
)
def test_about_names_what_the_figure_measures(nlp, text, surface, about):
    assert _figure(nlp, text, surface).about == about


@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        (
            "Shifting monsoons could affect a billion people who depend on farming.",
            "a billion",
            "people who depend on farming",
        ),
        (
            "About a dozen people demonstrated outside the newspaper.",
            "About a dozen",
            "people demonstrated outside the newspaper",
        ),
        (
            "In the primary, 603,000 people voted, a 20% increase from 2012.",
            "603,000",
            "people voted",
        ),
        (
            "She would give states and cities $60 billion to invest in public transportation.",
            "$60 billion",
            "states to invest in public transportation",
        ),
        (
            "Patriot's lenders contributed $12.5 million to backstop the reclamation work.",
            "$12.5 million",
            "Patriot's lenders contributed to backstop the reclamation work",
        ),
        (
            "Peabody gave Patriot 13 percent of its coal reserves but 40 percent of its "
            "obligations to pay for health care.",
            "13 percent",
            "its coal reserves",
        ),
        (
            "A slide shows what the Ford Fusion would cost: $30,253.",
            "$30,253",
            "Ford Fusion would cost",
        ),
        (
            "Mexico slapped retaliatory tariffs, ranging from 5 percent to 25 percent, on goods.",
            "5 percent to 25 percent",
            "retaliatory tariffs",
        ),
        (
            "The firm reports 987 subsidiaries in tax havens, 537 of which are in the Caymans.",
            "537",
            "subsidiaries in the Caymans",
        ),
        (
            "The firm hired 400 workers, 120 of whom came from Ohio.",
            "120",
            "workers came from Ohio",
        ),
    ],
)
def test_about_reads_people_purposes_subsets_wh_objects_and_participles(nlp, text, surface, about):
    assert _figure(nlp, text, surface).about == about


def test_it_standing_for_a_clause_borrows_no_noun(nlp):
    text = "The club sold the lodge. It costs $100,000 a month to run a golf course."
    assert "lodge" not in _figure(nlp, text, "$100,000").about


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Exports rose 3.2% in May.", "3.2%", "change"),
        ("Shares were up 4 percent.", "4 percent", "change"),
        ("Imports of $2 billion arrived.", "$2 billion", "money"),
        ("a 25% tariff on steel", "25%", "percent"),
        ("The mine produced 156 tons of coal.", "156 tons", "quantity"),
        ("Thousands of workers were fired.", "Thousands", "count"),
        ("They agreed a 100-day action plan.", "100-day", "duration"),
        ("The talks took 90 minutes of negotiation.", "90 minutes", "duration"),
    ],
)
def test_kind_says_what_sort_of_figure_it_is(nlp, text, surface, kind):
    assert _figure(nlp, text, surface).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "In 2016 the two countries met again.",
        "The forum was agreed on Sept. 26, 2016, at 6:00 a.m.",
        "Clinton, 68, and Trump, who is 70, debated. The 63-year-old governor agreed.",
        "It was his second visit and the 21st-century economy came first.",
        "See page 12 and section 3 of the report.",
        "They want to get things done one by one.",
        "Four officers and two polls and three debates.",
        "The Group of 20 met after the 9/11 memorial.",
        "Fortune 500 companies listened to SiriusXM Patriot 125.",
        "Two weeks ago, and more than 20 years ago, they spoke for five minutes.",
        "The tweet id was 778257943577919488 at 1474387200.",
    ],
)
def test_trivia_is_not_a_figure(nlp, text):
    assert nlp(text)._.figures == ()


@pytest.mark.parametrize(
    ("sample", "surface", "value", "unit", "about"),
    [
        ("us-china-trade-talks-open", "$309 billion", 309e9, "USD", "trade deficit"),
        ("us-china-dialogue-preview", "more than 200", 200, None, "American companies"),
        ("us-china-dialogue-preview", "100-day", 100, "day", "action plan"),
        ("us-china-dialogue-preview", "6.5 percent", 6.5, "%", "average economic growth"),
    ],
)
def test_sample_article_key_figures(sample_figures, sample, surface, value, unit, about):
    (figure,) = [f for f in sample_figures[sample] if f.text == surface]
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)
    assert about in figure.about


def test_sample_figures_index_their_text(sample_figures, sample_texts):
    for name, figures in sample_figures.items():
        assert all(sample_texts[name][f.start : f.end] == f.text for f in figures)


def test_sample_articles_have_no_trivia(sample_figures):
    texts = [f.text for figures in sample_figures.values() for f in figures]
    assert sorted(texts) == sorted(["$309 billion", "more than 200", "100-day", "6.5 percent"])


def test_sample_time_references_are_kept(sample_figures):
    (deficit,) = sample_figures["us-china-trade-talks-open"]
    (growth,) = [f for f in sample_figures["us-china-dialogue-preview"] if f.unit == "%"]
    assert "last year" in deficit.about
    assert growth.about.count("through 2020") == 1


def test_growth_goal_is_the_key_figure_of_its_sample(sample_figures):
    figures = sample_figures["us-china-dialogue-preview"]
    assert max(figures, key=lambda f: f.salience).text == "6.5 percent"


def test_trade_money_outranks_an_incidental_count():
    deficit = salience("money", "trade deficit", position=0.5)
    crowd = salience("count", "people at the rally", position=0.1)
    assert 0 <= crowd < deficit <= 1


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789$€£¥.,-% abtnmkof")), max_size=40)
    | st.text(max_size=60)
)
def test_any_text_yields_figures_without_raising(nlp, text):
    for figure in nlp(text)._.figures:
        assert text[figure.start : figure.end] == figure.text
