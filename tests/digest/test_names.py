"""What a speaker is called and how their title reads: names never carry titles, a surname is
the full name the article gave, a title is an office, abbreviations read in full, and a
byte-order mark is never part of a name, however the text came in."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from digest import ingest, store
from digest.config import SourceConfig
from digest.nlp import extract
from digest.records import Extraction, Speaker
from digest.speakers._resolve import article_mentions
from digest.words import office_title
from tests.digest.fake_web import running
from tests.digest.test_ingest import FAST
from tests.digest.test_sources import article_page, item, rss

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)


def _speaker(text: str, nlp, name: str) -> Speaker:
    extraction = extract(text, nlp)
    said = {q.speaker for q in extraction.quotes}
    assert said == {name}, f"{said} in {text!r}"
    [speaker] = [s for s in extraction.speakers if s.name == name]
    return speaker


# Names never carry a title or role ------------------------------------------------------------

NAMED_WITH_TITLES = [
    # (text, the canonical name)
    ("Organizer Dwayne Croteau said the march would go ahead.", "Dwayne Croteau"),
    ("Former Governor Jeb Bush told reporters the levy was a mistake.", "Jeb Bush"),
    ("Former Rep. Barney Frank said the tariff bill was weak.", "Barney Frank"),
    ("GOP nominee Mitt Romney said he would cut import duties.", "Mitt Romney"),
    ("Activist Jane Holloway said the port workers would strike.", "Jane Holloway"),
    ("Lt. Gov. Dan Patrick said the border crossings stayed open.", "Dan Patrick"),
]


@pytest.mark.parametrize(("text", "name"), NAMED_WITH_TITLES)
def test_a_canonical_name_never_carries_a_title_or_role(nlp, text, name):
    speaker = _speaker(text, nlp, name)
    assert all(name.split()[-1] in alias for alias in speaker.aliases)


SURNAMES = [
    # (text, the full name every quote goes to)
    (
        "“The inquiry heard every voice,” said Murray Sinclair, who chaired it. Sinclair's"
        " report ran to six volumes. “It took years,” Sinclair said.",
        "Murray Sinclair",
    ),
    (
        "Organizer Dwayne Croteau said the rally would go ahead. “We march on Saturday,”"
        " Croteau said.",
        "Dwayne Croteau",
    ),
    (
        "“Quotas are coming,” said Sen. Tammy Okafor. Okafor’s staff said the vote was close."
        " “We have the numbers,” Okafor said.",
        "Tammy Okafor",
    ),
]


@pytest.mark.parametrize(("text", "name"), SURNAMES)
def test_a_surname_alone_is_the_full_name_the_article_gave(nlp, text, name):
    _speaker(text, nlp, name)


# A title is an office, read in full -----------------------------------------------------------

TITLES = [
    # (text, speaker, the title a reader sees; None: a description, no title)
    ("Republican front-runner Donald Trump said the wall would be paid for.", "Donald Trump", None),
    ("Democratic rival Hillary Clinton said the trade pact was flawed.", "Hillary Clinton", None),
    ("Internet pioneer Vint Cerf said the cables were fragile.", "Vint Cerf", None),
    ("Billionaire Warren Buffett said the tariffs were a tax.", "Warren Buffett", None),
    ("“We will pass it,” said Speaker of the House Paul Ryan.", "Paul Ryan",
     "Speaker of the House"),
    ("“Exports will fall,” said James Knightley, chief economist at ING.", "James Knightley",
     "chief economist"),
    ("“The deal is done,” said Commerce Secretary Wilbur Ross.", "Wilbur Ross",
     "Commerce Secretary"),
    ("“This is wrong,” said Sen. Marco Rubio.", "Marco Rubio", "Senator"),
    ("“We have the votes,” said Rep. Nancy Pelosi.", "Nancy Pelosi", "Representative"),
    ("“Stay calm,” said Lt. Gov. Dan Patrick.", "Dan Patrick", "Lieutenant Governor"),
    ("“We are ready,” said Gen. Mark Milley.", "Mark Milley", "General"),
    ("“It is a good plan,” said Former Gov. Jeb Bush.", "Jeb Bush", "Former Governor"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "title"), TITLES)
def test_a_title_is_an_office_read_in_full_never_a_description(nlp, text, name, title):
    assert _speaker(text, nlp, name).title == title


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Sen.", "Senator"),
        ("Rep.", "Representative"),
        ("Lt. Gov.", "Lieutenant Governor"),
        ("Gen.", "General"),
        ("Sec.", "Secretary"),
        ("Vice-President", "Vice-President"),
        ("Secretary of State", "Secretary of State"),
        ("front-runner", None),  # a compound whose head is no office
        ("runner", None),
        ("rival", None),
        ("Mr.", None),  # a form of address
        ("Former", None),
        (None, None),
    ],
)
def test_office_title_reads_abbreviations_in_full_and_refuses_descriptions(written, shown):
    assert office_title(written) == shown


@pytest.mark.parametrize(
    ("speaker", "name", "title"),
    [
        (Speaker("Organizer Dwayne Croteau"), "Dwayne Croteau", "Organizer"),
        (Speaker("Sen. Marco Rubio"), "Marco Rubio", "Senator"),
        (Speaker("Donald Trump", title="front-runner"), "Donald Trump", None),
        (Speaker("Nancy Pelosi", title="Rep."), "Nancy Pelosi", "Representative"),
        (Speaker("General Assembly"), "General Assembly", None),  # a body carries no title
    ],
)
def test_the_directory_files_names_without_titles_and_titles_that_are_offices(speaker, name, title):
    [mention] = article_mentions(Extraction((), (speaker,), ()))
    assert (mention.name, mention.title) == (name, title)


# A byte-order mark is never part of a name ----------------------------------------------------

BOM = "\ufeff"
STORY = (
    "Ross said the duties on steel would stay. “We will not let dumping continue,” Ross said."
    " Beijing said it would answer with duties of its own."
)


@pytest.mark.parametrize("text", [BOM + STORY, BOM + BOM + STORY, STORY + "\n\n" + BOM + STORY])
def test_a_byte_order_mark_is_never_part_of_a_speaker(nlp, text):
    extraction = extract(text, nlp)
    named = {q.speaker for q in extraction.quotes} | {
        n for s in extraction.speakers for n in (s.name, *s.aliases)
    }
    assert named == {"Ross", "Beijing"}


@pytest.fixture
def web():
    with running() as web:
        yield web


@pytest.fixture
def setup(config):
    """A config reading one source, every article kept, and its store."""

    def make(source: SourceConfig):
        made = replace(
            config,
            sources=(source,),
            ingest=FAST,
            relevance=replace(config.relevance, min_mentions=0),
        )
        return made, store.open_store(made.db_path)

    return make


def _stored_speakers(db) -> set[str]:
    return {row["speaker"] for row in db["quotes"].rows} | {
        row["name"] for row in db["speakers"].rows
    }


def test_a_folder_file_starting_with_a_byte_order_mark_names_its_speakers_cleanly(
    setup, nlp, tmp_path
):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "story.txt").write_bytes((BOM + STORY).encode("utf-8"))
    config, db = setup(SourceConfig("desk", "folder", path=folder))
    ingest.run(config, db, nlp, NOW)
    assert _stored_speakers(db) == {"Ross", "Beijing"}


def test_a_feed_item_starting_with_a_byte_order_mark_names_its_speakers_cleanly(web, setup, nlp):
    url = web.serve("/feed", rss(item(1, BOM + STORY)), "application/rss+xml")
    config, db = setup(SourceConfig("wire", "feed", url=url))
    ingest.run(config, db, nlp, NOW)
    assert _stored_speakers(db) == {"Ross", "Beijing"}


def test_a_web_page_starting_with_a_byte_order_mark_names_its_speakers_cleanly(web, setup, nlp):
    page = BOM + article_page("Steel duties stay", BOM + STORY)
    url = web.serve("/story", page.encode("utf-8"))
    config, db = setup(SourceConfig("site", "page", url=url))
    ingest.run(config, db, nlp, NOW)
    assert _stored_speakers(db) == {"Ross", "Beijing"}
