"""Speakers' names in the styles of other countries' outlets: full names the model does not
take for a person, British forms of address without a full stop, titles and organisations
written the Canadian and British way. Each table is written from sentences of our own."""

import pytest

from digest.config import SpeakersConfig
from digest.nlp import extract
from digest.records import Speaker
from digest.speakers import across_articles

NOW = "2026-11-30T12:00:00+00:00"


def _speakers(text: str, nlp) -> tuple[set[str | None], dict[str, Speaker]]:
    extraction = extract(text, nlp)
    return {q.speaker for q in extraction.quotes}, {s.name: s for s in extraction.speakers}


# A full name the model misses is still the person's name --------------------------------------

MISSED_FULL_NAMES = [
    # (text, the canonical name every quote goes to)
    # read as an organisation; the surname comes back with a form of address
    (
        "Nicola Sturgeon, Scotland's First Minister, said the levy was “deeply damaging”.\n\n"
        "Ms Sturgeon added: “Scotland did not vote for this.”",
        "Nicola Sturgeon",
    ),
    # read as no entity at all (`May` is a month)
    (
        "Theresa May faced a revolt over the customs plan on Monday.\n\n"
        "Mrs May said the backstop was “necessary for the Irish border”.",
        "Theresa May",
    ),
    # read as a work of art, `told` and all
    (
        '"I\'m worried," Jagmeet Singh told CBC News.\n\n'
        'Singh said the NDP would "vote against it".',
        "Jagmeet Singh",
    ),
    # the surname taken for a place where the full name stands
    (
        "Jagmeet Singh spoke in Windsor on Monday.\n\n"
        "“Workers deserve better than this,” Singh said.",
        "Jagmeet Singh",
    ),
]


@pytest.mark.parametrize(("text", "name"), MISSED_FULL_NAMES)
def test_a_full_name_the_model_missed_is_the_speakers_name(nlp, text, name):
    said, speakers = _speakers(text, nlp)
    assert said == {name}, text
    assert speakers[name].kind == "person"


NO_NEW_NAMES = [
    # (text, the speaker): capitalised runs that name nobody stay out of names
    # a particle opens no given name: `Le Pen` is Marine Le Pen's surname
    ("Marine Le Pen spoke in Lyon.\n\n“France comes first,” Le Pen said.", "Marine Le Pen"),
    # a run in front of a common noun describes it: no `State Twitter`
    (
        "Twitter suspended 2,000 Islamic State Twitter accounts last week.\n\n"
        "“We act on every report,” a Twitter spokesman said.",
        "a Twitter spokesman",
    ),
]


@pytest.mark.parametrize(("text", "name"), NO_NEW_NAMES)
def test_capitalised_words_that_name_no_one_make_no_name(nlp, text, name):
    said, _ = _speakers(text, nlp)
    assert said == {name}, text


def test_a_sentence_of_names_and_places_is_no_headline(nlp):
    """`Billionaire Donald Trump praised Washington Political Editor Matthew Boyle ...`: every
    longer word but one capitalised, yet no short word is, so it is a sentence and its names
    are read whole."""
    text = (
        "Billionaire Donald Trump praised Breitbart News’ Washington Political Editor Matthew "
        "Boyle at a press conference in Hanahan, South Carolina on Monday.\n\n"
        "“Very good reporter,” Trump said."
    )
    said, _ = _speakers(text, nlp)
    assert said == {"Donald Trump"}


# Titles and organisations written the British and Canadian way --------------------------------

TITLES_AND_ORGANISATIONS = [
    # (text, name, title, organisation)
    # an office capitalised in apposition, after a form of address with no full stop
    (
        "Boris Johnson faced MPs on Wednesday.\n\n"
        "Mr Johnson, the Prime Minister, said the deal was “a triumph for Britain”.",
        "Boris Johnson",
        "Prime Minister",
        None,
    ),
    # the name in apposition to the office
    (
        "The Prime Minister, Boris Johnson, said the deal was “oven-ready”.",
        "Boris Johnson",
        "Prime Minister",
        None,
    ),
    # an employer the model reads as nothing, in front of a role in lower case
    (
        "“The deal protects auto jobs,” said Unifor national president Jerry Dias.",
        "Jerry Dias",
        "national president",
        "Unifor",
    ),
    # an acronym in front of an office
    ("NDP MP Charlie Angus said the plan was “a disgrace”.", "Charlie Angus", "MP", "NDP"),
    # a party as the owner in front of a name
    (
        "Labour's Rachel Reeves said the plan would “hurt working families”.",
        "Rachel Reeves",
        None,
        "Labour",
    ),
    # a bank in front of a role, and the employer after `for`
    (
        "CIBC economist Avery Shenfeld said growth would “slow sharply”.",
        "Avery Shenfeld",
        "economist",
        "CIBC",
    ),
    (
        "“We are monitoring closely,” said Jane Smith, a spokeswoman for Global Affairs Canada.",
        "Jane Smith",
        "spokeswoman",
        "Global Affairs Canada",
    ),
    # a form of address is no part of a title
    (
        "Breitbart News National Security editor Dr. Sebastian Gorka said the plan was “weak”.",
        "Sebastian Gorka",
        "editor",
        "Breitbart News National Security",
    ),
]


@pytest.mark.parametrize(("text", "name", "title", "organization"), TITLES_AND_ORGANISATIONS)
def test_titles_and_organisations_in_british_and_canadian_style(
    nlp, text, name, title, organization
):
    said, speakers = _speakers(text, nlp)
    assert said == {name}, text
    assert (speakers[name].title, speakers[name].organization) == (title, organization)


NOT_EMPLOYERS = [
    # (text, name): a capital that opens the sentence is any noun's, not an employer's
    ("Poultry magnate Ronald Cameron said the levy was “a gift to Brazil”.", "Ronald Cameron"),
    ("Media titan Rupert Murdoch said the merger “will go ahead”.", "Rupert Murdoch"),
]


@pytest.mark.parametrize(("text", "name"), NOT_EMPLOYERS)
def test_a_capital_opening_a_sentence_names_no_employer(nlp, text, name):
    said, speakers = _speakers(text, nlp)
    assert said == {name}, text
    assert speakers[name].organization is None


OFFICES_AS_DESCRIPTIONS = [
    # (text, the person the capitalised office stands for)
    (
        "Prime Minister Justin Trudeau met Finance Minister Bill Morneau on Monday.\n\n"
        "“We will protect jobs,” the Prime Minister said.",
        "Justin Trudeau",
    ),
    # the name hung on what the description is of
    (
        "The head of the Canadian Steel Producers Association, Catherine Cobden, said the "
        "tariffs were “devastating.”",
        "Catherine Cobden",
    ),
    # the latest minister is the finance minister, but `Prime` tells which
    (
        "Finance Minister Bill Morneau spoke after Prime Minister Justin Trudeau.\n\n"
        "“We will balance the books,” the Prime Minister said.",
        "Justin Trudeau",
    ),
    (
        "Ontario Premier Doug Ford met the mayors on Monday.\n\n"
        "“We won't back down,” the Premier said.",
        "Doug Ford",
    ),
]


@pytest.mark.parametrize(("text", "name"), OFFICES_AS_DESCRIPTIONS)
def test_a_described_person_is_the_one_the_description_names_or_holds_the_office(nlp, text, name):
    said, _ = _speakers(text, nlp)
    assert said == {name}, text


def test_a_dateline_is_no_speaker_when_the_sentence_names_one(nlp):
    """`TORONTO —` opens the paragraph and the model takes it for the subject: the speaker is
    the person the sentence names as its subject."""
    text = (
        "TORONTO — The Canadian Chamber of Commerce president Perrin Beatty warned that tariffs "
        "would “hurt everyone.”"
    )
    said, speakers = _speakers(text, nlp)
    assert said == {"Perrin Beatty"}
    assert speakers["Perrin Beatty"].organization == "Canadian Chamber of Commerce"


WHOLE_EMPLOYERS_AND_PORTFOLIOS = [
    # (text, name, title, organisation)
    # an organisation's name with `of` in it stays whole in front of a role
    (
        "Bank of Canada governor Stephen Poloz said rates would “stay put.”",
        "Stephen Poloz",
        "governor",
        "Bank of Canada",
    ),
    # what a capitalised minister is minister of is the office, not an employer
    (
        "“We are disappointed,” said Mary Ng, Minister of Small Business and Export Promotion.",
        "Mary Ng",
        "Minister of Small Business and Export Promotion",
        None,
    ),
]


@pytest.mark.parametrize(("text", "name", "title", "organization"), WHOLE_EMPLOYERS_AND_PORTFOLIOS)
def test_employers_and_portfolios_are_read_whole(nlp, text, name, title, organization):
    said, speakers = _speakers(text, nlp)
    assert said == {name}, text
    assert (speakers[name].title, speakers[name].organization) == (title, organization)


# Names of several words, hyphenated given names and peers -------------------------------------

WHOLE_NAMES = [
    # (text, the canonical name every quote goes to)
    # the first part of a hyphenated given name the model leaves out
    (
        "Yves-François Blanchet spoke in Montreal.\n\n“Quebec will not pay,” Blanchet said.",
        "Yves-François Blanchet",
    ),
    # a hyphenated given name in a full name the model calls an organisation
    ("Anne-Marie Laroche, a spokeswoman, said the mill was “fine”.", "Anne-Marie Laroche"),
    # a surname of two words, and the given name the model left out in front of it
    (
        "Debbie Wasserman Schultz chaired the committee.\n\n"
        "“We are united,” Wasserman Schultz said.",
        "Debbie Wasserman Schultz",
    ),
    # a peer named by peerage and surname alone keeps the peerage
    (
        "Lord Frost said the protocol was “unsustainable”. Frost added that talks would "
        "“continue”.",
        "Lord Frost",
    ),
    ("Baroness Hale said the ruling was “unanimous”.", "Baroness Hale"),
    # a knight named by his given name alone, as British outlets do after the first mention
    ("“This deal fails British exporters,” Sir Keir said on Tuesday.", "Sir Keir"),
    # ... and is the full name the article gives
    (
        "David Frost, the Brexit negotiator, met EU officials on Monday.\n\n"
        "Lord Frost said the protocol was “unsustainable”.",
        "David Frost",
    ),
]


@pytest.mark.parametrize(("text", "name"), WHOLE_NAMES)
def test_a_name_is_read_whole(nlp, text, name):
    said, speakers = _speakers(text, nlp)
    assert said == {name}, text
    assert speakers[name].kind == "person"


def test_a_description_is_filed_under_no_one_holding_another_office(nlp):
    """`Canada's top trade negotiator` shares `trade` with the U.S. Trade Representative, but a
    negotiator is no representative: the description is never filed under him."""
    text = (
        "OTTAWA — Canada's top trade negotiator says talks are “moving in the right direction.”"
        "\n\nThe comments came a day after U.S. Trade Representative Robert Lighthizer said "
        "Washington was “frustrated” with Ottawa."
    )
    [extraction] = across_articles([extract(text, nlp)], SpeakersConfig(), NOW)
    said = {q.text: q.speaker for q in extraction.quotes}
    assert said["frustrated"] == "Robert Lighthizer"
    assert said["moving in the right direction."] != "Robert Lighthizer"


DOTTED_TITLES = [
    # (text, name, title): the full stop of a title ends no sentence, so the quote has its cue
    ("“We're not done yet,” Hon. Chrystia Freeland told reporters.", "Chrystia Freeland", None),
    ("“It is time,” said the Hon. Bill Morneau.", "Bill Morneau", None),
    ("“We found the truck,” Sgt. Mike Lee said.", "Mike Lee", "Sergeant"),
    ("“It was a long day,” said Lt. Col. Sarah Jones.", "Sarah Jones", "Lieutenant Colonel"),
]


@pytest.mark.parametrize(("text", "name", "title"), DOTTED_TITLES)
def test_a_title_with_a_full_stop_ends_no_sentence(nlp, text, name, title):
    said, speakers = _speakers(text, nlp)
    assert said == {name}, text
    assert speakers[name].title == title


LEDES = [
    # (text, the person the lede's description introduces)
    (
        "OTTAWA — Canada's top trade negotiator says talks are “moving in the right direction.”"
        "\n\nSteve Verheul, Canada's chief negotiator, told a committee on Tuesday that gaps "
        "remain.",
        "Steve Verheul",
    ),
    (
        "Ontario's finance minister says the deficit will “shrink.”\n\n"
        "Finance Minister Vic Fedeli said revenue was up.",
        "Vic Fedeli",
    ),
]


@pytest.mark.parametrize(("text", "name"), LEDES)
def test_a_ledes_description_is_the_person_named_next_with_that_office(nlp, text, name):
    extraction = extract(text, nlp)
    assert extraction.quotes[0].speaker == name, text


def test_a_ledes_description_is_no_one_named_next_with_another_office(nlp):
    text = (
        "Canada's top doctor says the risk is “low.”\n\n"
        "Dr. Theresa Tam, the chief public health officer, said cases were falling."
    )
    assert extract(text, nlp).quotes[0].speaker != "Theresa Tam"
