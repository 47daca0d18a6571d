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


# Families of number phrases as news writes them. Each table is one family; each row a way of
# writing it that the family's rule must read.


def _only(text: str, surface: str):
    found = [a for a in amounts(text) if text[a.start : a.end] == surface]
    assert len(found) == 1, f"{surface!r} in {text!r}: {amounts(text)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        # Each end is whole: the low end keeps its own size.
        ("penalties from $250,000 to $1 million a case", "$250,000 to $1 million", 625_000, "USD"),
        ("bids ranging from €300 to €2 million", "€300 to €2 million", 1_000_150, "EUR"),
        # The low end shares the high end's multiplier when written without one.
        ("a £2-3bn hole in the budget", "£2-3bn", 2.5e9, "GBP"),
        ("between 4 and 6 million tonnes of wheat", "between 4 and 6 million tonnes", 5e6, "tonne"),
        # A unit on one end or both.
        ("shipments of 3 to 4 mt a week", "3 to 4 mt", 3.5, "tonne"),
        ("between 44 kg and 50 kg per head", "between 44 kg and 50 kg", 47, "kg"),
        ("an 8- to 12-metre hull", "8- to 12-metre", 10, "metre"),
        ("duties of 10–15 per cent", "10–15 per cent", 12.5, "%"),
    ],
)
def test_range_ends_are_read_each_in_its_own_size(text, surface, value, unit):
    amount = _only(text, surface)
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # A change then a level: never one range between them.
        ("The DAX fell 0.4 per cent to 13,176.", [(0.4, "%"), (13_176, "point")]),
        ("Germany's exports rose 3% to €110 billion.", [(3, "%"), (110e9, "EUR")]),
        ("The FTSE 100 added 35.5 points to 7,412.", [(35.5, "point"), (7_412, "point")]),
        # From one level to another after a verb of change: two levels, not a midpoint.
        ("Washington cut the duty from 25% to 10%.", [(25, "%"), (10, "%")]),
        ("Output was raised from 40 tpd to 55 tpd.", [(40, "tonne/day"), (55, "tonne/day")]),
    ],
)
def test_change_and_level_in_one_clause_are_two_figures(text, figures):
    found = [(a.value, a.unit) for a in amounts(text) if a.unit]
    assert found == [(pytest.approx(v), u) for v, u in figures]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The miner paid $US48,200,000 for the lease.", "$US48,200,000", 48.2e6, "USD"),
        ("a US$2.3 billion bond", "US$2.3 billion", 2.3e9, "USD"),
        ("Qantas lost A$1.1bn", "A$1.1bn", 1.1e9, "AUD"),
        ("A $15 minimum wage was signed.", "$15", 15, "USD"),
        ("a C$400 million pipeline stake", "C$400 million", 400e6, "CAD"),
        ("raised HK $5.2 billion in Hong Kong", "HK $5.2 billion", 5.2e9, "HKD"),
        ("a S$90 million port contract", "S$90 million", 90e6, "SGD"),
        ("dairy sales of NZ$14 billion", "NZ$14 billion", 14e9, "NZD"),
        ("Vale earned R$8 billion", "R$8 billion", 8e9, "BRL"),
        ("a fine of 12 million Swedish crowns", "12 million Swedish crowns", 12e6, "SEK"),
        ("exports worth Rs 2,400 crore", "Rs 2,400 crore", 24e9, "INR"),
        ("a 3 trillion yuan stimulus", "3 trillion yuan", 3e12, "CNY"),
        ("a 50 billion renminbi fund", "50 billion renminbi", 50e9, "CNY"),
        ("¥800bn of bonds", "¥800bn", 800e9, "JPY"),
        ("Tesco shares closed at 241.3p", "241.3p", 2.413, "GBP"),
        ("a levy of 40 pence a litre", "40 pence", 0.4, "GBP"),
        ("a 27€ ticket", "27€", 27, "EUR"),
        ("the state lost -2.5 billion euros", "-2.5 billion euros", -2.5e9, "EUR"),
        ("Italy's debt is $2.9T", "$2.9T", 2.9e12, "USD"),
        ("a gas price of $3.10/MMBtu", "$3.10/MMBtu", 3.1, "USD"),
    ],
)
def test_currency_is_read_however_it_is_written(text, surface, value, unit):
    amount = _only(text, surface)
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        (
            "Maersk was fined 9.4 million Danish crowns (US$1.4 million) for the spill.",
            "9.4 million Danish crowns (US$1.4 million)",
            9.4e6,
            "DKK",
        ),
        ("a bill of £20m ($25m) for the repairs", "£20m ($25m)", 20e6, "GBP"),
    ],
)
def test_money_given_in_two_currencies_is_one_figure(text, surface, value, unit):
    (money,) = [a for a in amounts(text) if a.measure == "money"]
    assert (text[money.start : money.end], money.value, money.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        # "pounds" is sterling when a sum is spent, paid or counted in millions.
        ("The club spent 15 million pounds on the stand.", "15 million pounds", "GBP"),
        ("He was fined 500 pounds by the court.", "500 pounds", "GBP"),
        # ... and mass when it weighs something.
        ("The plant ships 40,000 pounds of pork a week.", "40,000 pounds", "lb"),
        ("a fifty-pound sack of flour costs $20", "fifty-pound", "lb"),
    ],
)
def test_pounds_are_money_or_mass_by_context(text, surface, unit):
    assert _only(text, surface).unit == unit


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("The Dow lost 412 points on Friday.", "412 points", "point"),
        ("The Nikkei index gained 1.5 pts.", "1.5 pts", "point"),
        ("Clinton's lead grew to 6 points in the poll.", "6 points", "pp"),
        ("Inflation rose 0.3 percentage points.", "0.3 percentage points", "pp"),
    ],
)
def test_points_are_index_points_only_beside_an_index(text, surface, unit):
    assert _only(text, surface).unit == unit


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("a smelter making 1,200 t of aluminium", "1,200 t", 1200, "tonne"),
        ("a mill rated at 3,000 tpd", "3,000 tpd", 3000, "tonne/day"),
        ("15,000 tonnes per day of ore", "15,000 tonnes per day", 15_000, "tonne/day"),
        ("a 450 hp tractor", "450 hp", 450, "hp"),
        ("cruising at 14 kn", "14 kn", 14, "knot"),
        ("a 20,000 km2 concession", "20,000 km2", 20_000, "square kilometre"),
        ("1.2 million bbl of crude", "1.2 million bbl", 1.2e6, "barrel"),
        ("a cargo of 65,000 mt", "65,000 mt", 65_000, "tonne"),
        ("Russia piped 38 bcm to Europe", "38 bcm", 38e9, "cubic metre"),
        ("a ship of 24,000 TEU", "24,000 TEU", 24_000, "TEU"),
        ("a 400 meter pier and a 12 metre draft", "400 meter", 400, "metre"),
        ("a 400 meter pier and a 12 metre draft", "12 metre", 12, "metre"),
        ("a 250 MW wind farm making 900 GWh a year", "900 GWh", 900, "GWh"),
        ("sheets 3 mm thick", "3 mm", 3, "millimetre"),
        ("a pipe 2 1/2 in wide", "2 1/2 in", 2.5, "inch"),
        ("a ½ mile runway", "½ mile", 0.5, "mile"),
        ("treated with 45 and 50 mg doses", "45", 45, "mg"),
    ],
)
def test_units_are_read_as_abbreviations_and_words(text, surface, value, unit):
    amount = _only(text, surface)
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("a plant with 12 500 workers", "12 500", 12_500, None),
        ("a levy of 10 000 euros", "10 000 euros", 10_000, "EUR"),
        ("unemployment of 24pc", "24pc", 24, "%"),
        ("a 1.2bn dollar deal", "1.2bn dollar", 1.2e9, "USD"),
        (
            "sixty-one thousand four hundred twenty-two votes",
            "sixty-one thousand four hundred twenty-two",
            61_422,
            None,
        ),
        ("a hundred and five ships", "a hundred and five", 105, None),
        ("a game that costs ($59.99)", "$59.99", 59.99, "USD"),
        ("weighs 1,000.5±0.2 kg", "1,000.5±0.2 kg", 1000.5, "kg"),
    ],
)
def test_numbers_are_read_as_written(text, surface, value, unit):
    amount = _only(text, surface)
    assert (amount.value, amount.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    "text",
    [
        "Tencent launched a PC battle royale game for the Chinese market.",
        "Bytedance and Tenfold both rely on Onecent Ltd.",
        "She works 24/7 and sold half the stock.",
        '"We will get to 9" he said of the talks.',
        "The 2018 and 2019 harvests were poor.",
        # Markup and dates: no inch from a quoted id, no range from a date.
        'Posted 2016-02-15 <tweet id="672138616265564160" time="1449075600">',
    ],
)
def test_names_and_idioms_give_no_false_figure(nlp, text):
    assert [(f.text, f.value, f.unit) for f in nlp(text)._.figures] == []


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("The journey took about ninety minutes.", "about ninety minutes", "minute"),
        ("Approval takes 45 days in Brussels.", "45 days", "day"),
        ("The strike lasted for 2 years, 3 months and 10 days.", "3 months", "month"),
        ("a 180-day review of the quotas", "180-day", "day"),
    ],
)
def test_durations_that_measure_are_figures(nlp, text, surface, unit):
    assert _figure(nlp, text, surface).unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "Three years ago the mill closed.",
        "Over the next five years the quota falls.",
        "The ministers spoke for ten minutes.",
    ],
)
def test_durations_that_place_a_moment_are_not_figures(nlp, text):
    assert [f.text for f in nlp(text)._.figures if f.kind == "duration"] == []


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
        ("Patriot agreed to lend Mr. Clarke $5 million.", "$5 million", "loan to Mr. Clarke"),
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
            "purchase of resort",
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
            "contribution by Patriot's lenders to backstop the reclamation work",
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
            "cost of Ford Fusion",
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


@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        # A level after `to`, `at` or `up from` is the subject's, not the change's object.
        ("The Dow lost 412 points, or 1.1%, to 36,120.", "36,120", "Dow"),
        (
            "Chile's copper exports reached 5.1 million tonnes, up from 4.8 million tonnes.",
            "4.8 million tonnes",
            "Chile's copper exports",
        ),
        (
            "Canada's lumber exports are expected to fall to C$9 billion next year.",
            "C$9 billion",
            "Canada's lumber exports next year",
        ),
        # Another figure's words never say what this one measures.
        ("Ghana shipped 800,000 tonnes of cocoa, worth $2.9 billion.", "$2.9 billion", "cocoa"),
        ("Duties on $34 billion of imports will rise to 25% in May.", "25%", "Duties in May"),
        (
            "The deficit grew to $61 billion in June from $55 billion in May.",
            "$61 billion",
            "deficit in June",
        ),
        # A unit shared by a list is no thing measured.
        (
            "Patients received 20 and 40 mg doses of the drug.",
            "20",
            "doses of the drug received by patients",
        ),
    ],
)
def test_about_is_the_measured_thing_never_a_unit_or_another_figure(nlp, text, surface, about):
    assert _figure(nlp, text, surface).about == about
