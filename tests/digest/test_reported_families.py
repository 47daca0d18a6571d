"""Reported speech beyond `said that ...`, family by family: what a verb of saying, judging,
wanting or showing carries as object, infinitive or prepositional object."""

from __future__ import annotations

import pytest

from digest.config import DigestConfig
from digest.nlp import extract


def reported(text, nlp):
    return [q for q in extract(text, nlp).quotes if not q.direct]


def one_quote(text, nlp):
    [quote] = reported(text, nlp)
    return quote, quote.speaker


# ---------------------------------------------------------------- objects of saying and judging

# The object is what was said or judged; with its predicate or `as` phrase it is the judgement.
OBJECTS = [
    (
        "Wheat exporter Dana Whitlock cited the drought in Kansas.",
        "the drought in Kansas",
        "Dana Whitlock",
        "cited",
    ),
    (
        "The steelworkers' union called the accord a gift to importers.",
        "the accord a gift to importers",
        "The steelworkers' union",
        "called",
    ),
    (
        "Trade envoy Marco Bellini described the new quota as a blunt instrument.",
        "the new quota as a blunt instrument",
        "Marco Bellini",
        "described",
    ),
    (
        "Senator Ruth Okoro criticized the port authority for the delays.",
        "the port authority for the delays",
        "Ruth Okoro",
        "criticized",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), OBJECTS)
def test_the_object_of_a_verb_of_saying_or_judging_is_reported(nlp, text, content, speaker, cue):
    quote, speaker_found = one_quote(text, nlp)
    assert (quote.text, speaker_found, quote.cue, quote.kind) == (content, speaker, cue, "speech")


# ---------------------------------------------------------------- infinitives and prepositions

# Wanting and planning are beliefs; urging, refusing and calling for are speech.
INFINITIVES_AND_PREPOSITIONS = [
    (
        "Farm minister Ilse Brandt wants to halve the levy on imported feed.",
        "to halve the levy on imported feed",
        "Ilse Brandt",
        "belief",
    ),
    (
        "The shipping group plans to reopen its Rotterdam terminal next spring.",
        "to reopen its Rotterdam terminal next spring",
        "The shipping group",
        "belief",
    ),
    (
        "Commissioner Paolo Ferri urged member states to ratify the pact.",
        "member states to ratify the pact",
        "Paolo Ferri",
        "speech",
    ),
    (
        "The ministry refused to publish the tariff schedule.",
        "to publish the tariff schedule",
        "The ministry",
        "speech",
    ),
    (
        "Dockworkers' leader Sam Achebe called for a ban on automated cranes.",
        "a ban on automated cranes",
        "Sam Achebe",
        "speech",
    ),
    (
        "Ines Kovac told truckers to avoid the old bridge.",
        "truckers to avoid the old bridge",
        "Ines Kovac",
        "speech",
    ),
    (
        "Exporter Nadia Fluss called on the central bank to cut rates.",
        "the central bank to cut rates",
        "Nadia Fluss",
        "speech",
    ),
]


# Verbs the cue lists leave out report their clause too; thanking reports its object.
OTHER_VERBS = [
    (
        "Ayla Demir, a customs broker, suspects that the new forms will slow every shipment.",
        "the new forms will slow every shipment",
        "Ayla Demir",
        "belief",
    ),
    (
        "Port chief Tomas Riva reminded shippers that the quay closes at noon.",
        "shippers that the quay closes at noon",
        "Tomas Riva",
        "speech",
    ),
    (
        "Minister Hana Sato thanked the customs officers for their patience.",
        "the customs officers for their patience",
        "Hana Sato",
        "speech",
    ),
]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "kind"), INFINITIVES_AND_PREPOSITIONS + OTHER_VERBS
)
def test_what_a_verb_carries_is_reported_with_its_kind(nlp, text, content, speaker, kind):
    quote, speaker_found = one_quote(text, nlp)
    assert (quote.text, speaker_found, quote.kind) == (content, speaker, kind)


def test_the_subject_of_a_passive_verb_is_reported_by_its_agent(nlp):
    quote, speaker_found = one_quote("The quota deal was endorsed by Minister Hana Sato.", nlp)
    assert (quote.text, speaker_found, quote.cue) == ("The quota deal", "Hana Sato", "endorsed by")


def test_what_a_poll_shows_is_a_finding(nlp):
    quote, speaker_found = one_quote("New surveys show broad support for the copper deal.", nlp)
    assert (quote.text, speaker_found, quote.kind) == (
        "broad support for the copper deal",
        "new surveys",  # capitalised only as the sentence opens
        "finding",
    )


# ---------------------------------------------------------------- what is not reported

# A verb outside the lexicon, a complement with no subject to speak it, a complement inside
# someone else's reported clause (part of what that person said), or inside quotation marks.
NOT_OF_ITS_OWN = [
    ("The carmaker built a new plant near the border.", []),
    ("Citing the figures is easy; reading them is not.", []),
    (
        "The minister said Brussels wants a quick deal on steel.",
        ["Brussels wants a quick deal on steel"],
    ),
    ('"We want to cut the tariff," said trade chief Oren Malka.', []),
]


@pytest.mark.parametrize(("text", "expected"), NOT_OF_ITS_OWN)
def test_a_complement_with_no_speaker_of_its_own_is_not_reported(nlp, text, expected):
    assert [q.text for q in reported(text, nlp)] == expected


def test_an_object_reported_is_below_the_digest_threshold(nlp):
    quote, _ = one_quote("Trade envoy Marco Bellini praised the customs union.", nlp)
    assert quote.speaker == "Marco Bellini"
    assert 0 < quote.confidence < DigestConfig.min_confidence


# ---------------------------------------------------------------- headlines

# A paragraph opening with a name and a colon gives that name the rest of its line; a label
# (`UPDATE:`, `The Latest:`) is no name, and a line with a cue of its own is that cue's.
HEADLINES = [
    (
        "Okafor: Steel Quotas Will Stay Until Spring\n\nThe minister spoke in Lagos.",
        [("Steel Quotas Will Stay Until Spring", "Okafor")],
    ),
    (
        "Survey: Farmers Back the Pacific Pact\n\nMost growers answered.",
        [("Farmers Back the Pacific Pact", "Survey")],
    ),
    ("UPDATE: The vote on the pact was delayed\n\nMore soon.", []),
    (
        "The Latest: Ines Kovac urges truckers to avoid the bridge\n\nTraffic is slow.",
        [("truckers to avoid the bridge", "Ines Kovac")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_a_name_and_a_colon_open_a_headline_claim(nlp, text, expected):
    quotes = reported(text, nlp)
    assert [(q.text, q.speaker) for q in quotes] == expected
    assert all(q.confidence < DigestConfig.min_confidence for q in quotes)


# ---------------------------------------------------------------- which clause a cue reports

# The parse may hang a clause of the narration on the cue before it as well as the clause the
# cue reports after it: the one after is what was said.
BOTH_SIDES = [
    (
        "While she conceded the quota was a mistake that cost the valley jobs, Hale also noted"
        " several exporters left the market.",
        "several exporters left the market",
    ),
    (
        "While he admitted the levy was a burden on small importers, Ortiz also noted several"
        " ports had reopened.",
        "several ports had reopened",
    ),
]


@pytest.mark.parametrize(("text", "content"), BOTH_SIDES)
def test_a_cue_reports_the_clause_after_it_not_the_narration_before_it(nlp, text, content):
    assert [q.text for q in reported(text, nlp) if q.cue == "noted"] == [content]


# A saying of its own joined to the reported clause (`..., while other workers said ...`) is a
# second attribution, not part of the first one's words; a plain coordinated clause still is.
JOINED = [
    (
        "Several steelworkers said the union had made a good case for the levy, while other"
        " workers said they had not heard anything new.",
        [
            ("the union had made a good case for the levy", "several steelworkers"),
            ("they had not heard anything new", "other workers"),
        ],
    ),
    (
        "Dockworkers said the new rules had slowed the port, while shipping firms said the delays"
        " were short.",
        [
            ("the new rules had slowed the port", "dockworkers"),  # a group, as read mid-sentence
            ("the delays were short", "shipping firms"),
        ],
    ),
    (
        "The union said the levy would save jobs at the mill, although the owners claimed it"
        " would cost them orders.",
        [
            ("the levy would save jobs at the mill", "The union"),
            ("it would cost them orders", "the owners"),
        ],
    ),
    (
        "Mr. Hale said the quota would stay and the mills would recover by spring.",
        [("the quota would stay and the mills would recover by spring", "Hale")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), JOINED)
def test_a_saying_joined_to_reported_words_is_an_attribution_of_its_own(nlp, text, expected):
    assert [(q.text, q.speaker) for q in reported(text, nlp)] == expected


# The parser hangs a `that` clause on the occasion the words were said at (`in a statement`,
# `at a rally`), where they are still the cue's.
OCCASIONS = [
    (
        "Wilbur Ross said in a statement that the government was reviewing all options.",
        "the government was reviewing all options",
        "Wilbur Ross",
    ),
    (
        "Minister Anita Rao told a meeting of growers that officials were studying the ruling.",
        "officials were studying the ruling",
        "Anita Rao",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker"), OCCASIONS)
def test_a_that_clause_on_the_occasion_is_what_the_cue_reports(nlp, text, content, speaker):
    assert [(q.text, q.speaker) for q in reported(text, nlp)] == [(content, speaker)]


# A `that` clause on a noun that is no occasion is that noun's (`amid reports that ...`), and a
# relative clause on an occasion (`the statement that she released`) reports nothing.
NOT_OCCASIONS = [
    "Minister Anita Rao spoke at the port amid reports that the plant would close.",
    "Minister Anita Rao read the statement that her office released on Monday.",
]


@pytest.mark.parametrize("text", NOT_OCCASIONS)
def test_a_that_clause_elsewhere_is_not_reported_by_the_cue(nlp, text):
    assert [q.text for q in reported(text, nlp)] == []


# A cue inside the subject of a clause (`Everything Okafor says is ...`) reports nothing: the
# clause is what the writer says of the words. After it, a clause with its own subject is still
# what was said (`what Okafor says the quota would do`).
def test_a_cue_inside_a_subject_reports_nothing(nlp):
    for text in (
        "Everything Okafor says is a lie unless proven otherwise.",
        "Much of what Okafor says is wrong.",
    ):
        assert reported(text, nlp) == [], text


def test_a_clause_after_a_cue_inside_a_phrase_is_what_was_said(nlp):
    text = "The gap between what Okafor says the quota would do and what it does is wide."
    assert [(q.text, q.speaker) for q in reported(text, nlp)] == [("the quota would do", "Okafor")]


# Reported words stay in the cue's sentence, however the parser runs two together.
def test_reported_words_never_run_into_another_sentence(nlp):
    text = (
        "Ontario Premier Doug Ford tweeted his support.\n\nQ: Will the tariffs hurt consumers?\n"
        'A: "Yes, prices will go up," said economist Rebekah Young of Scotiabank.'
    )
    assert [q.speaker for q in reported(text, nlp)] == ["Doug Ford"]


# A line wrapped at a fixed width goes on in the next line, whatever word opens it.
def test_a_line_wrapped_mid_sentence_goes_on_in_the_next(nlp):
    text = (
        "Steel duties stay\n\nThe ministry said the duties on Canadian steel and aluminum would"
        " stay in place until\nOctober at the earliest."
    )
    assert [q.text for q in reported(text, nlp)] == [
        "the duties on Canadian steel and aluminum would stay in place until\nOctober at the"
        " earliest"
    ]


# A deck under a headline (`Says Clinton would ...`) has no speaker of its own, and no one says
# the subject of their own words.
def test_a_headline_deck_names_no_speaker(nlp):
    text = (
        "Trump hints at gun rights\nSays Clinton would stack Supreme Court against gun"
        " advocates.\n\nDonald Trump spoke in Wilmington on Tuesday."
    )
    for quote in reported(text, nlp):
        assert quote.speaker is None or quote.confidence < DigestConfig.min_confidence
