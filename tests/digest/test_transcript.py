"""Transcripts: a paragraph opening with a speaker's label in capitals is that speaker's turn."""

from __future__ import annotations

from digest.nlp import extract

INTERVIEW = (
    "Commerce Secretary Adaeze Okafor spoke to the program on Sunday. Partial transcript:\n\n"
    "HOST: Will the steel quotas stay in place next year?\n\n"
    "OKAFOR: They will stay. The mills told us “hold the line,” and we will.\n\n"
    "HOST: And the tariffs on aluminum?\n\n"
    "OKAFOR: We will review them in March with our partners."
)
QUOTED_TURNS = (
    "Senator Tomas Reyes answered questions after the vote.\n\n"
    '"REYES: The bill protects every port on the Gulf coast.\n\n'
    '"HOST: Some say it costs too much.\n\n'
    '"REYES: Those people have not seen the freight numbers this year.\n\n'
    '"And the port of Houston alone moved more steel than ever.\n\n'
    '"HOST: Thank you, Senator.'
)


def turns(text, nlp):
    return [(q.speaker, q.text) for q in extract(text, nlp).quotes if q.cue == ":"]


def test_each_labelled_paragraph_is_its_speakers_turn_whole(nlp):
    found = turns(INTERVIEW, nlp)
    assert found == [
        ("HOST", "Will the steel quotas stay in place next year?"),
        (
            "Adaeze Okafor",
            "They will stay. The mills told us “hold the line,” and we will.",
        ),
        ("HOST", "And the tariffs on aluminum?"),
        ("Adaeze Okafor", "We will review them in March with our partners."),
    ]
    # Words quoted inside a turn are part of it, not a quote of their own.
    assert not [q for q in extract(INTERVIEW, nlp).quotes if q.text.startswith("hold the line")]


def test_turns_opened_by_a_quotation_mark_lose_the_label_and_the_mark(nlp):
    found = turns(QUOTED_TURNS, nlp)
    speakers = ["Tomas Reyes", "HOST", "Tomas Reyes", "Tomas Reyes", "HOST"]
    assert [speaker for speaker, _ in found] == speakers
    assert found[0][1] == "The bill protects every port on the Gulf coast."
    assert all(not text.startswith(("REYES", "HOST", '"')) for _, text in found)
    # A paragraph reopened by a quotation mark, with no label, goes on with the turn before it.
    (more,) = [q for q in extract(QUOTED_TURNS, nlp).quotes if q.text.startswith("And the port")]
    assert more.speaker == "Tomas Reyes"


def test_a_heading_in_capitals_once_is_no_speaker(nlp):
    text = (
        "UPDATE: The ministry said on Friday that the quotas would stay.\n\n"
        "Q: What happens to the mills now?\n\n"
        "The mills will keep running, the ministry said."
    )
    speakers = {q.speaker for q in extract(text, nlp).quotes}
    assert "UPDATE" not in speakers and "Q" not in speakers


def test_a_turn_is_direct_when_its_own_words_hold_quotation_marks(nlp):
    direct = {q.text[:12]: q.direct for q in extract(INTERVIEW, nlp).quotes if q.cue == ":"}
    assert direct["They will st"] is True  # `told us “hold the line,”`
    assert direct["Will the ste"] is False
    # The mark that opens each paragraph of a transcript is the transcript's, not the speaker's.
    assert not any(q.direct for q in extract(QUOTED_TURNS, nlp).quotes if q.cue == ":")


def test_a_stage_direction_is_said_by_nobody(nlp):
    texts = [q.text for q in extract(QUOTED_TURNS, nlp).quotes]
    assert texts and not [t for t in texts if "CROSSTALK" in t]
    assert not extract("The hall was full. “(Laughter.)” The vote went on.", nlp).quotes
