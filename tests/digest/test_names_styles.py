"""Speakers' names in the styles of other countries' outlets: full names the model does not
take for a person, British forms of address without a full stop, titles and organisations
written the Canadian and British way. Each table is written from sentences of our own."""

import pytest

from digest.nlp import extract
from digest.records import Speaker


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
