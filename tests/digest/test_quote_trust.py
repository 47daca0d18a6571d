"""Quotes a reader can trust: names from name words only, no page furniture, titles of works
left alone, the kind of saying, and a confidence the digest and cards filter on."""

from __future__ import annotations

import pytest

from digest.compose._quotes import showable
from digest.config import DigestConfig
from digest.nlp import extract
from digest.quotes._confidence import _embedded
from digest.records import Quote

MIN_CONFIDENCE = DigestConfig.min_confidence


def quotes(text, nlp):
    return extract(text, nlp).quotes


# ---------------------------------------------------------------- names from name words only

MARKUP = [
    "“Steel prices will fall,” said <@U8812>.",
    "“Steel prices will fall,” said <https://mills.example/x|Read this> Okafor.",
    "<!channel> said “steel prices will fall next year.”",
    "“Steel prices will fall,” said &lt;b&gt;Okafor&lt;/b&gt;.",
]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_from_an_article_never_reaches_a_speaker_name(nlp, text):
    extraction = extract(text, nlp)
    names = [q.speaker for q in extraction.quotes if q.speaker] + [
        s.name for s in extraction.speakers
    ]
    for name in names:
        assert not set(name) & set("<>|@!&;/:"), name


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffOkafor said, “Steel prices will fall.”",
        "\ufeff“Steel prices will fall,” Adaeze Okafor said.",
        "“Steel prices will fall,” said \u200bOkafor.",
    ],
)
def test_no_format_character_is_ever_part_of_a_name(nlp, text):
    extraction = extract(text, nlp)
    names = [q.speaker for q in extraction.quotes] + [s.name for s in extraction.speakers]
    assert names and all(n and n.isprintable() and "\ufeff" not in n for n in names)
    assert any("Okafor" in n for n in names)


# ---------------------------------------------------------------- page furniture

FURNITURE = [
    "Story continues below advertisement",
    "Article continued below",
    "Click here to get the morning newsletter",
    "Read more: Mills reopen in Ohio",
    "Photo: Reuters",
    "ADVERTISEMENT",
    '"Follow Adaeze Okafor on Twitter @okafor_steel.',
    "(Photo: AP)",
    "Share this:",
    "Listen: The trade podcast",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_is_never_a_quote_or_a_speaker(nlp, line):
    text = (
        "Mills in Ohio reopened on Monday, the union said.\n\n"
        f"{line}\n\n"
        "“We are hiring again,” said Dana Whitfield, who runs the largest mill."
    )
    found = quotes(text, nlp)
    start = text.index(line)
    for quote in found:
        assert not (quote.start < start + len(line) and start < quote.end), quote.text
        if quote.speaker_start is not None:
            assert not (quote.speaker_start < start + len(line) and start < quote.speaker_end)
    assert ("We are hiring again,", "Dana Whitfield") in [(q.text, q.speaker) for q in found]


# ---------------------------------------------------------------- titles and cited words

NOT_QUOTES = [
    "Okafor spoke on “Morning Markets” about steel prices in the Midwest.",
    "Okafor said on “Face the Week” that steel prices would fall.",
    "The mill owners watched the documentary “Rust Belt Rising” twice last month.",
    "The so-called “Buy Local” rule angered importers across the region.",
    # Longer titles, in their place: after a preposition, or set beside the noun they name.
    "On Tuesday's episode of “The Steel Town Morning Show,” Okafor said mills would reopen.",
    "In her 2019 book, “How to Build a Steel Mill Again,” Okafor argued for new quotas.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_a_few_quoted_words_naming_a_work_or_a_coined_term_are_no_quote(nlp, text):
    assert [q.text for q in quotes(text, nlp) if q.direct] == []


CLAIMED = [
    ("Okafor called the new duties “a tax on workers.”", "a tax on workers."),
    (
        "The crowd chanted “Save Our Mills! Save Our Mills!” as Okafor spoke.",
        "Save Our Mills! Save Our Mills!",
    ),
    ("“We Will Build More Mills Here,” Okafor said.", "We Will Build More Mills Here,"),
    ("Okafor said the plan was “dead on arrival.”", "dead on arrival."),
]


@pytest.mark.parametrize(("text", "words"), CLAIMED)
def test_a_few_words_a_speech_cue_claims_stay_a_quote(nlp, text, words):
    assert [q.text for q in quotes(text, nlp) if q.direct] == [words]


# ---------------------------------------------------------------- signatures


def test_a_signature_after_a_dash_and_a_non_breaking_space_names_the_speaker(nlp):
    text = (
        "“The tariffs cost my farm its best customer.” ―\u00a0Maribel Ochoa\n"
        "“We will plant less soy next year.” ―\u00a0Tomasz Wierzbicki\n"
    )
    assert [q.speaker for q in quotes(text, nlp) if q.direct] == [
        "Maribel Ochoa",
        "Tomasz Wierzbicki",
    ]


# ---------------------------------------------------------------- kind

KINDS = [
    ("Okafor said the mills would reopen in June.", "speech"),
    ("Okafor wrote that the mills would reopen in June.", "writing"),
    ("Okafor tweeted that the mills would reopen in June.", "writing"),
    ("Many traders think the mills will reopen in June.", "belief"),
    ("Okafor hopes that the mills will reopen in June.", "belief"),
    ("The study found that the mills had reopened in June.", "finding"),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_each_attribution_says_what_kind_of_saying_it_is(nlp, text, expected):
    [quote] = quotes(text, nlp)
    assert quote.kind == expected


# ---------------------------------------------------------------- confidence


def test_confidence_is_highest_for_a_named_speaker_on_the_cue_and_zero_without_one(nlp):
    text = (
        "“Steel prices will fall,” Adaeze Okafor said on Monday.\n\n"
        "“Nobody believes that any more.”\n\n"
        "The mills, it said, will close."
    )
    named, carried, *_ = quotes(text, nlp)
    assert named.confidence >= 0.9 and named.speaker == "Adaeze Okafor"
    assert 0 < carried.confidence < named.confidence
    lone = quotes("“Steel prices will fall next year, and soon.”", nlp)
    assert [(q.speaker, q.confidence) for q in lone] == [(None, 0.0)]


SECOND_HAND = [
    (
        "Okafor had told the board that the Gary mill would close in March, a union official"
        " added.",
        "Okafor",
        "union official",
    ),
    (
        "Imports of flat steel fell sharply after Reyes said the quotas would stay, according to"
        " the ministry.",
        "Reyes",
        "ministry",
    ),
]


@pytest.mark.parametrize(("text", "inner", "outer"), SECOND_HAND)
def test_a_speaker_named_inside_what_another_reports_is_second_hand(nlp, text, inner, outer):
    found = quotes(text, nlp)
    told = [q for q in found if q.speaker and inner in q.speaker]
    assert told and all(q.confidence is not None and q.confidence <= 0.1 for q in told)
    reporting = [q for q in found if q.speaker and outer in text[q.speaker_start : q.speaker_end]]
    assert reporting and all(q.confidence is not None and q.confidence > 0.1 for q in reporting)


# Words the writer has through another outlet or a record it names are that source's account.
RELAYED = [
    "“The quotas will stay until the mills recover,” Okafor said, according to the Tribune.",
    "According to a transcript released by the ministry, Okafor said “the quotas will stay until"
    " the mills recover.”",
]


@pytest.mark.parametrize("text", RELAYED)
def test_words_the_writer_has_through_another_source_are_unsure(nlp, text):
    (quote,) = [q for q in quotes(text, nlp) if q.direct]
    assert quote.speaker == "Okafor"
    assert quote.confidence is not None and quote.confidence <= 0.2


# A saying that closes the sentence, set off by a comma, with a speaker of its own retells what
# the sentence's cue reports; joined by `and`, it is a saying of its own.
RETOLD = [
    "Okafor had told the mill owners that the quotas would stay, but the ministry overruled"
    " her, the official added.",
    "Another aide said she was upset.\n\nOkafor had told the growers that the quotas would stay,"
    " but the ministry overruled that promise, the aide added.\n\nShe left.",
]


@pytest.mark.parametrize("text", RETOLD)
def test_words_a_closing_saying_retells_are_unsure(nlp, text):
    told = [q for q in quotes(text, nlp) if q.speaker == "Okafor"]
    assert told and all(q.confidence is not None and q.confidence <= 0.2 for q in told)


def test_a_saying_joined_by_and_is_not_a_retelling(nlp):
    text = "Okafor said the quotas would stay until spring, and the official said they would not."
    (told,) = [q for q in quotes(text, nlp) if q.speaker == "Okafor"]
    assert told.confidence is not None and told.confidence >= 0.8


# A cue in an adverbial clause sets the scene for what the sentence tells: below the digest.
SCENE = [
    "When Okafor said the quotas would stay until spring, the growers in the hall cheered.",
    "The growers cheered when Okafor said, “The quotas will stay until the mills recover.”",
]


@pytest.mark.parametrize("text", SCENE)
def test_a_cue_setting_the_scene_is_below_the_digest_threshold(nlp, text):
    told = [q for q in quotes(text, nlp) if q.speaker == "Okafor"]
    assert told and all(q.confidence is not None and q.confidence < 0.85 for q in told)


def test_what_an_according_to_phrase_attributes_to_its_own_source_is_not_relayed(nlp):
    text = "According to Okafor, “the quotas will stay until the mills recover.”"
    (quote,) = [q for q in quotes(text, nlp) if q.direct]
    assert quote.speaker == "Okafor"
    assert quote.confidence is not None and quote.confidence > 0.2


EMBEDDED = [
    "The union condemned what Adaeze Okafor called “a reckless tax on every mill in the state.”",
    "The rules allow importers to tell “one customs office one thing and another office another.”",
]


@pytest.mark.parametrize("text", EMBEDDED)
def test_a_cue_inside_another_clause_of_the_narration_is_unsure(nlp, text):
    (quote,) = [q for q in quotes(text, nlp) if q.direct]
    assert quote.confidence is not None and quote.confidence <= 0.5


def test_a_cue_the_parser_hangs_under_quoted_words_is_not_embedded(nlp):
    # The parser sometimes makes `said` in `“X,” he said, “Y”` a complement of a quoted verb.
    doc = nlp("The union condemned what Okafor called a reckless tax.")
    called = next(t for t in doc if t.text == "called")
    assert called.dep_ == "ccomp" and called.head.text == "condemned"
    narration = [False] * len(doc)
    assert _embedded(called, narration)
    under_quote = [t.i == called.head.i for t in doc]
    assert not _embedded(called, under_quote)


ASKED = [
    "Asked whether Okafor “has the votes to keep the mills open,” 75 percent of workers said yes.",
    "Asked what the new quotas would cost, Okafor said the mills would pay for themselves.",
]


@pytest.mark.parametrize("text", ASKED)
def test_the_question_of_an_unnamed_asker_is_not_the_answering_speakers(nlp, text):
    question = [q for q in quotes(text, nlp) if q.text.startswith(("has the votes", "what the"))]
    assert question and all(q.confidence is not None and q.confidence <= 0.1 for q in question)


def test_the_answer_after_a_question_keeps_its_confidence(nlp):
    text = "Asked about the quotas, Okafor said, “They will stay until the mills recover.”"
    (answer,) = quotes(text, nlp)
    assert answer.speaker == "Okafor" and answer.confidence is not None
    assert answer.confidence >= 0.85


# Speakers that are common nouns: a thing that cannot speak, or a share of people, is never
# sure enough for the digest; people, groups and what they write or publish stay sure.
CANNOT_SPEAK = [
    ("The promise of “cheaper steel for every builder” said little about the mill.", "promise"),
    ("The decision to “protect every mill in the state” says more about the election.", "decision"),
    ("The reaction said it all: “We have been betrayed by our own government.”", "reaction"),
    ("The timing says “a great deal about how nervous the mill owners have become.”", "timing"),
    ("“The quotas will raise our costs,” some 40 percent of importers said.", "percent"),
    ("Half of the mill owners said, “We will hire again before the spring.”", "Half"),
    ("About 25 percent of mill workers say they would “never vote for a free-trader again.”", "25"),
]


@pytest.mark.parametrize(("text", "word"), CANNOT_SPEAK)
def test_a_thing_that_cannot_speak_is_never_a_sure_speaker(nlp, text, word):
    found = [q for q in quotes(text, nlp) if q.speaker_start is not None]
    assert found and all(word in text[q.speaker_start : q.speaker_end] for q in found)
    assert all(q.confidence is not None and q.confidence < MIN_CONFIDENCE for q in found)


CAN_SPEAK = [
    ("“The quotas will stay until the mills recover,” the spokeswoman said.", "the spokeswoman"),
    ("The ministry said in a statement that “the quotas will stay for a year.”", "The ministry"),
    ("“Imports of flat steel fell by a third last year,” the report said.", "the report"),
    ("“We will hire again once the furnaces are relit,” the steelmaker said.", "the steelmaker"),
    ("“We will not accept these duties on our steel,” the bloc said on Tuesday.", "the bloc"),
    ("One of the workers said “the mill has never been this busy.”", "One"),
]


@pytest.mark.parametrize(("text", "speaker"), CAN_SPEAK)
def test_people_groups_and_documents_stay_sure_speakers(nlp, text, speaker):
    (quote,) = quotes(text, nlp)
    assert quote.speaker == speaker
    assert quote.confidence is not None and quote.confidence >= MIN_CONFIDENCE


SHOWN = [
    ("Ada Okafor", "speech", 0.95, True),
    ("Ada Okafor", "writing", 0.9, True),
    ("Ada Okafor", "speech", 0.85, False),
    ("Ada Okafor", "belief", 0.95, False),
    ("The study", "finding", 0.95, False),
    (None, "speech", 0.95, False),
    ("Ada Okafor", "speech", None, True),
]


@pytest.mark.parametrize(("speaker", "kind", "confidence", "expected"), SHOWN)
def test_the_digest_shows_speech_and_writing_above_the_threshold_only(
    speaker, kind, confidence, expected
):
    quote = Quote("We will hire.", 0, 13, speaker, None, None, "said", True, confidence, kind)
    assert showable(quote, 0.9) is expected


# ---------------------------------------------------------------- what reported speech holds


def test_reported_words_never_run_into_the_headline_before_them(nlp):
    text = "Mills Reopen Across Ohio\n\nSteel output will rise sharply next year, Okafor said."
    (quote,) = quotes(text, nlp)
    assert (quote.text, quote.speaker) == ("Steel output will rise sharply next year", "Okafor")


def test_a_statement_before_a_colon_is_not_what_the_cue_after_it_reports(nlp):
    text = "We have seen this before: Okafor declared war on cheap imports of steel."
    assert not [q for q in quotes(text, nlp) if q.text.startswith("We have seen")]
