"""Quote extraction and attribution, pinned construction by construction."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.nlp import PIECE_CHARS, extract
from digest.quotes._marks import quoted_stretches

SAMPLES = Path(__file__).resolve().parents[2] / "digest" / "samples"


def direct(text, nlp):
    return [q for q in extract(text, nlp).quotes if q.direct]


def mention(text, quote):
    return None if quote.speaker_start is None else text[quote.speaker_start : quote.speaker_end]


# ---------------------------------------------------------------- quotation marks

MARKS = [
    ('"We will win," Ross said.', ["We will win,"]),
    ("“We will win,” Ross said.", ["We will win,"]),
    ("''We will win,'' Mr. Ross said.", ["We will win,"]),
    ("Ross said, “Buy ‘made in America’ goods.”", ["Buy ‘made in America’ goods."]),
    ("The voters’ mood and the farmers’ losses worry the party, Ross said.", []),
    ("‘Climb Higher’\n\nThe economy will grow, Wang said.", []),
    ("”We will win,” Ross said.", ["We will win,"]),
    ("Ross said: “We will win.\n\n“We will grow.”", ["We will win.", "We will grow."]),
    ("Ross said “we will win.\n\nWang said, “We agree.”", ["we will win.", "We agree."]),
    ("''The rules are 'broken,''' Mr. Ross said.", ["The rules are 'broken,'"]),
    ("Ross said, “We will\r\nwin.” Wang agreed.", ["We will\r\nwin."]),
    ('<tweet author="realDonaldTrump" id="1">We will win!</tweet>', []),
]


@pytest.mark.parametrize(("text", "quotes"), MARKS)
def test_quotation_marks_pair_into_quotes(text, quotes):
    assert [text[s.start : s.end] for s in quoted_stretches(text)] == quotes


# ---------------------------------------------------------------- attribution

ATTRIBUTION = [
    # text, quoted words, local mention, canonical speaker, cue
    ("“We will win,” Ross said.", "We will win,", "Ross", "Ross", "said"),
    ("Ross said, “We will win.”", "We will win.", "Ross", "Ross", "said"),
    ("“We will win,” said Ross.", "We will win,", "Ross", "Ross", "said"),
    (
        "“We will win,” said He Weiwen, deputy director of the Center for China and"
        " Globalization in Beijing.",
        "We will win,",
        "He Weiwen",
        "He Weiwen",
        "said",
    ),
    (
        "Commerce Secretary Wilbur Ross told Vice Premier Wang Yang, “We must create balance.”",
        "We must create balance.",
        "Commerce Secretary Wilbur Ross",
        "Wilbur Ross",
        "told",
    ),
    ("Ross: “We will win.”", "We will win.", "Ross", "Ross", ":"),
    (
        "The U.S. opened talks, with Washington demanding a “more fair, equitable and"
        " reciprocal” relationship.",
        "more fair, equitable and reciprocal",
        "Washington",
        "Washington",
        "demanding",
    ),
    (
        "Wang said cooperation between the two countries “is a realistic choice for both sides.”",
        "is a realistic choice for both sides.",
        "Wang",
        "Wang",
        "said",
    ),
    (
        "Wilbur Ross spoke first. “We will win,” he said.",
        "We will win,",
        "he",
        "Wilbur Ross",
        "said",
    ),
    (
        "Ms. Lynch met Mr. Ross on Monday. “We agree,” she said.",
        "We agree,",
        "she",
        "Lynch",
        "said",
    ),
    ("Ross met Wang, who said, “We agree.”", "We agree.", "who", "Wang", "said"),
    (
        "Gov. Chris Christie spoke in Trenton. “We will win,” the governor said.",
        "We will win,",
        "the governor",
        "Chris Christie",
        "said",
    ),
    (
        "U.S. Treasury Secretary Steve Mnuchin spoke. The Treasury chief said, “We agree.”",
        "We agree.",
        "The Treasury chief",
        "Steve Mnuchin",
        "said",
    ),
    (
        "“Tariffs will rise,” the ministry said.",
        "Tariffs will rise,",
        "the ministry",
        "the ministry",
        "said",
    ),
    ("“We will win.” ― Carla Sanchez", "We will win.", "Carla Sanchez", "Carla Sanchez", "―"),
    (
        "Ross downplayed any friction, saying the countries have “fundamentally shared"
        " objectives.”",
        "fundamentally shared objectives.",
        "Ross",
        "Ross",
        "saying",
    ),
    (
        "“Does anybody know the plan?” Graham asked. “Neither do I.”",
        "Does anybody know the plan?",
        "Graham",
        "Graham",
        "asked",
    ),
    (
        "“It looks like we will not get along.” Trump told Britain’s ITV television station in"
        " an interview aired on Monday.",
        "It looks like we will not get along.",
        "Trump",
        "Trump",
        "told",
    ),
    (
        "As Ms. Simonyan put it, RT is “providing a perspective you won't get elsewhere.”",
        "providing a perspective you won't get elsewhere.",
        "Ms. Simonyan",
        "Simonyan",
        "put it",
    ),
    (
        "Kaine has adopted a common stance: “I’m pro-life in my personal life.”",
        "I’m pro-life in my personal life.",
        "Kaine",
        "Kaine",
        "adopted",
    ),
    (
        "Hillary Clinton spoke in Ohio. The dispute turned on her claim that she “never sent"
        " classified information.”",
        "never sent classified information.",
        "her",
        "Hillary Clinton",
        "claim",
    ),
    (
        "Limbaugh added:\n\n“They are demanding this.”",
        "They are demanding this.",
        "Limbaugh",
        "Limbaugh",
        "added",
    ),
]


@pytest.mark.parametrize(("text", "words", "local", "speaker", "cue"), ATTRIBUTION)
def test_quote_is_pinned_on_its_speaker(nlp, text, words, local, speaker, cue):
    quote = next(q for q in direct(text, nlp) if q.text == words)
    assert text[quote.start : quote.end] == words
    assert (mention(text, quote), quote.speaker, quote.cue) == (local, speaker, cue)


CONTINUATIONS = [
    ("“We will win,” Ross said, “and we will grow.”", ["Ross", "Ross"]),
    ("“We will win,” Ross said.\n\n“We will grow.”", ["Ross", "Ross"]),
    ("Ross said: “We will win.\n\n“We will grow.”", ["Ross", "Ross"]),
    ("“We will win.\n\n“We will grow,” Ross said.", ["Ross", "Ross"]),
    ("“We will win,” Ross said. “We will grow,” Wang said.", ["Ross", "Wang"]),
]


@pytest.mark.parametrize(("text", "speakers"), CONTINUATIONS)
def test_quote_without_a_cue_belongs_to_its_neighbour(nlp, text, speakers):
    assert [q.speaker for q in direct(text, nlp)] == speakers


REPORTED = [
    (
        "Mnuchin said the U.S. wants specific deliverables from the talks.",
        "the U.S. wants specific deliverables from the talks",
        "Mnuchin",
        "said",
    ),
    (
        "The talks will resume in June, according to the ministry.",
        "The talks will resume in June",
        "the ministry",
        "according to",
    ),
    (
        "China could reduce tariffs on cars, Industrial Bank Co. economists wrote in a note.",
        "China could reduce tariffs on cars",
        "Industrial Bank Co. economists",
        "wrote",
    ),
]


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), REPORTED)
def test_reported_speech_is_an_indirect_quote(nlp, text, content, speaker, cue):
    [quote] = extract(text, nlp).quotes
    assert (quote.text, quote.speaker, quote.cue, quote.direct) == (content, speaker, cue, False)


# ---------------------------------------------------------------- speakers


def test_speakers_carry_canonical_names_aliases_titles_and_organisations(nlp):
    text = (
        "U.S. Commerce Secretary Wilbur Ross opened the talks. “We will win,” Ross said."
        " “We agree,” said He Weiwen, deputy director of the Center for China and"
        " Globalization in Beijing."
    )
    ross, he = extract(text, nlp).speakers
    assert (ross.name, ross.aliases, ross.title) == ("Wilbur Ross", ("Ross",), "Commerce Secretary")
    assert (he.name, he.title, he.organization) == (
        "He Weiwen",
        "deputy director",
        "Center for China and Globalization",
    )


# ---------------------------------------------------------------- the two sample articles

SAMPLE_QUOTES = {
    "us-china-trade-talks-open": [
        ("more fair, equitable and reciprocal", "Washington"),
        ("We must create more balance", "Wilbur Ross"),
        ("is a realistic choice for both sides", "Wang Yang"),
        ("confrontation will immediately damage", "Wang Yang"),
        ("if there is a more fair and balanced", "Steve Mnuchin"),
        ("This means providing access", "Steve Mnuchin"),
        ("It means addressing the imbalances", "Steve Mnuchin"),
        ("are different in terms of development stage", "Wang Yang"),
        ("We are not choosing cooperation", "Wang Yang"),
        ("This is what drives our dialogue", "Wang Yang"),
        ("dialogue and negotiation are different", "Wang Yang"),
        ("having dialogue, not confrontation", "Wang Yang"),
    ],
    "us-china-dialogue-preview": [
        ("There remains serious imbalances", "Wilbur Ross"),
        ("It is time to re-balance", "Wilbur Ross"),
        ("What matters most with the CED", "He Weiwen"),
        ("The dialogue should cover both", "He Weiwen"),
        ("China is in the midst of a change", "Steven Mnuchin"),
        ("We still have work to do", "Steven Mnuchin"),
        ("The Chinese economy will continue", "Wang Yang"),
        ("in no way targeting China", "Steven Mnuchin"),
        ("North Korea’s external enablers", "Steven Mnuchin"),
        ("different only in how it is packed", "Anka Lee"),
        ("some of the broader, more ambitious", "Anka Lee"),
        ("fundamentally shared objectives", "Wilbur Ross"),
    ],
}


@pytest.fixture(scope="module")
def samples(nlp):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
    return {name: (text, extract(text, nlp)) for name, text in texts.items()}


@pytest.mark.parametrize("name", sorted(SAMPLE_QUOTES))
def test_sample_articles_yield_every_direct_quote_with_its_speaker(samples, name):
    _, extraction = samples[name]
    found = [(q.text, q.speaker) for q in extraction.quotes if q.direct]
    assert len(found) == len(SAMPLE_QUOTES[name])
    for (words, speaker), (prefix, expected) in zip(found, SAMPLE_QUOTES[name], strict=True):
        assert words.startswith(prefix) and speaker == expected
    assert "Climb Higher" not in " ".join(words for words, _ in found)


# ---------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "No quotes here, only a sentence about steel.",
        "“",
        "”” ““ '' \" ‘ ’",
        "Ross said \x00\x1b\u200b“we\u202a will\x07 win” \x0c today.",
        "王岐山说：“我们会赢。” Ross said, “Мы победим,” and «nous gagnerons», he added.",
    ],
)
def test_odd_text_gives_a_valid_result(nlp, text):
    for quote in extract(text, nlp).quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]


def test_a_200_kb_article_is_read_whole_in_pieces_with_its_offsets(nlp):
    paragraph = (
        "“We will not let dumping continue,” Ross said. The mills in Ohio and Indiana run"
        " at full capacity again this spring.\n\n"
    )
    text = paragraph * (200_000 // len(paragraph))
    assert len(text) > 3 * PIECE_CHARS
    quotes = direct(text, nlp)
    assert len(quotes) == text.count("“") and {q.speaker for q in quotes} == {"Ross"}
    for quote in quotes:
        assert quote.text == text[quote.start : quote.end] == "We will not let dumping continue,"
        assert text[quote.speaker_start : quote.speaker_end] == "Ross"


ALPHABET = st.sampled_from([*"ab .,:\n'\"“”‘’—", "''", "Ross said", " he ", "\x00"])


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_stretches_lie_inside_the_text_and_between_marks(text):
    previous_end = 0
    for stretch in quoted_stretches(text):
        assert previous_end <= stretch.outer_start <= stretch.start < stretch.end
        assert stretch.end <= stretch.outer_end <= len(text)
        assert text[stretch.start : stretch.end].strip() == text[stretch.start : stretch.end]
        previous_end = stretch.outer_end


PIECES = st.sampled_from(
    [
        *("“", "”", '"', "''", "‘", "’", " ", "\n", "\n\n", "\r\n", ", ", ".", ":", " ― ", "—"),
        *(" Ross said", " he said ", "Wang Yang", " according to", " the ministry", " who said"),
        *(
            " told ",
            " saying ",
            "He Weiwen",
            "<b x='1'>",
            "\x00",
            "中国",
            " put it",
            " the governor",
        ),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_gives_quotes_inside_it(nlp, text):
    for quote in extract(text, nlp).quotes:
        assert quote.text == text[quote.start : quote.end] and quote.start < quote.end
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
