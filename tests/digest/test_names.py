"""What a speaker is called and how their title reads: names never carry titles, a surname is
the full name the article gave, a title is an office, abbreviations read in full, and a
byte-order mark is never part of a name, however the text came in."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from digest import ingest, jobs, store
from digest.cli import main
from digest.config import SourceConfig
from digest.nlp import extract
from digest.records import Extraction, Quote, Speaker
from digest.speakers._resolve import article_mentions
from digest.words import office_title
from tests.conftest import SAMPLES
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
        "“Quotas are coming,” said Sen. Tammy Okafor. Okafor’s staff counted the votes."
        " “We have the numbers,” Okafor said.",
        "Tammy Okafor",
    ),
]


@pytest.mark.parametrize(("text", "name"), SURNAMES)
def test_a_surname_alone_is_the_full_name_the_article_gave(nlp, text, name):
    _speaker(text, nlp, name)


# People sharing a surname: each keeps the title written next to them ---------------------------

NAMESAKES = [
    # (text, each quote's speaker in order, {speaker: the title a reader sees})
    (
        # A bare surname is the namesake the sentences were last about, not the latest named.
        "Sen. Marcus Vale voted on the trade bill on Tuesday. Vale has long chaired the"
        " panel. Critics shared a photo of his wife, Irene Vale, on social media. “I will not be"
        " bullied,” Vale said on Wednesday. Irene Vale told reporters that the family was proud.",
        ["Marcus Vale", "Irene Vale"],
        {"Marcus Vale": "Senator", "Irene Vale": None},
    ),
    (
        # A titled surname before anyone of that name is named in full is a person of its
        # own, not the relative named later with no office.
        "President Brandt signed new tariffs on Monday. Mr. Brandt spoke for an hour in"
        " Toledo. The crowd also cheered the first lady, Clara Brandt, who said that she was"
        " proud. “We will win this fight,” Mr. Brandt said.",
        ["Clara Brandt", "Brandt"],
        {"Brandt": "President", "Clara Brandt": None},
    ),
    (
        # `Mrs.` rules out a namesake addressed as `Mr.`, and the other way round.
        "Mr. Lionel Pike keeps the books of the mill in Dayton. Dora Pike runs it. Mrs. Pike"
        " said the orders had doubled. “We hired ten people,” Mr. Pike said.",
        ["Dora Pike", "Lionel Pike"],
        {"Dora Pike": None, "Lionel Pike": None},
    ),
    (
        # With no `Mr.` written, the given name tells that `Mrs. Crane` is not Bill Crane.
        "Susan Crane spoke in Ohio on Monday. Bill Crane campaigned in Iowa on Tuesday. “Our"
        " steel mills deserve a fair deal,” Mrs. Crane said.",
        ["Susan Crane"],
        {"Susan Crane": None},
    ),
]


@pytest.mark.parametrize(("text", "said", "titles"), NAMESAKES)
def test_a_surname_goes_to_the_namesake_it_can_be_with_their_own_title(nlp, text, said, titles):
    extraction = extract(text, nlp)
    assert [q.speaker for q in extraction.quotes] == said
    assert {s.name: s.title for s in extraction.speakers} == titles


POSSESSED = [
    # (text, the speaker: the person described, never the owner in front of the description)
    ("“That was outrageous,” Obama's former campaign strategist said.",
     "Obama's former campaign strategist"),
    ("“That was outrageous,” Barack Obama's former campaign strategist said.",
     "Barack Obama's former campaign strategist"),
    ("Lena Hart's partner, Jason Louth, said the shop would close.", "Jason Louth"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name"), POSSESSED)
def test_the_owner_in_front_of_a_description_is_not_the_speaker(nlp, text, name):
    assert [q.speaker for q in extract(text, nlp).quotes] == [name]


# Pronouns: the person last introduced, of the gender the text gave them ------------------------

PRONOUNS = [
    # (text, the speaker of the last quote)
    (
        # Someone introduced with an office is who `he` is next, over an older subject.
        "Gwen Porter, president of the Valley Growers Association, was at the hearing. Senator"
        " Dale Rix spoke first and attacked the tariffs. Farmers have lost their best market,"
        " which worries Tom Ashby, director of the Plains Grain Council. “We cannot wait"
        " another season,” he said.",
        "Tom Ashby",
    ),
    (
        # `his aides` tells that Pete Lund is no `she`; `her staff`, that Alma Reyes can be.
        "Mayor Alma Reyes toured the port with her staff on Friday. Governor Pete Lund joined"
        " the tour with his aides. “The cranes are idle,” she said.",
        "Alma Reyes",
    ),
    (
        # What someone told reporters may be about anyone: `she` there is not Victor Hale.
        "Hugo Lamb runs the plant. Victor Hale told reporters that she had left the plant in"
        " May. “Nobody replaced her,” he said.",
        "Victor Hale",
    ),
    (
        # `his` after another person named in between may be theirs: Rita Moss stays a `she`.
        "Rita Moss criticised Owen Tate for his vote on the tariff bill. “That vote was a"
        " mistake,” she said.",
        "Rita Moss",
    ),
    (
        # Nothing in the text tells a gender: the given names do. `she` is not David Gorski.
        "Senator Claire Hadley questioned David Gorski, a supplier of steel pipe, at the hearing."
        " “Your figures on imports do not add up,” she said.",
        "Claire Hadley",
    ),
    (
        "Trade envoy Laura Brandt met Michael Osei, the port director, on Monday. “The cranes"
        " have been idle since the tariff came in,” she said.",
        "Laura Brandt",
    ),
    (
        # The parser hangs the clause before the quote under it: it is still the narration's,
        # and its subject the one the sentence is about.
        "Dr. Mehmet Oz appeared before the Senate trade panel in 2014.\n\nDemocratic Sen. Laura"
        " Whitcomb (D-Vt.) scolded him: “The scientific community is almost monolithic against"
        " you,” she said.",
        "Laura Whitcomb",
    ),
    (
        # No woman is named: `she` is nobody the article gave, not the last man named.
        "Robert Klein and Steven Marsh run the mill. “We have not sold a coil to Canada since"
        " spring,” she said.",
        None,
    ),
]


@pytest.mark.parametrize(("text", "name"), PRONOUNS)
def test_a_pronoun_is_the_person_last_introduced_of_its_gender(nlp, text, name):
    assert extract(text, nlp).quotes[-1].speaker == name


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
    ("“Stay calm,” said Ada Brooks, a North Dakota-based director of the Prairie Farmers Union.",
     "Ada Brooks", "director"),
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


# A description finds its person without being a title ------------------------------------------

DESCRIBED = [
    # (text, who the description in the last sentence is)
    (
        "Actress Mara Quill spoke at the port rally. “We will not stop,” the actress said.",
        "Mara Quill",
    ),
    (
        "Billionaire Hal Brandt bought the steel mill. “Prices will rise,” the billionaire said.",
        "Hal Brandt",
    ),
    (
        "Commerce Secretary Wilbur Ross met the unions. “Dumping ends now,” the secretary said.",
        "Wilbur Ross",
    ),
]


SIDES = [
    # (text, who the description in the last sentence is: a party or nation must not clash)
    (
        "Republican nominee Dale Hobart spoke at the mill. “Steel is back,” the Democratic"
        " nominee said.",
        "the Democratic nominee",
    ),
    (
        "Republican nominee Dale Hobart spoke at the mill. “Steel is back,” the Republican"
        " nominee said.",
        "Dale Hobart",
    ),
]


@pytest.mark.parametrize(("text", "name"), SIDES)
def test_a_description_naming_another_party_is_not_the_person(nlp, text, name):
    assert [q.speaker for q in extract(text, nlp).quotes] == [name]


@pytest.mark.parametrize(("text", "name"), DESCRIBED)
def test_a_description_is_the_person_it_described_though_no_title_is_shown(nlp, text, name):
    extraction = extract(text, nlp)
    assert [q.speaker for q in extraction.quotes] == [name]


@pytest.mark.parametrize(
    ("description", "linked"),
    [("the state", False), ("state officials", False), ("the secretary of state", True)],
)
def test_the_directory_links_a_description_to_a_person_only_when_it_names_an_office(
    description, linked
):
    husted = Speaker("Jon Husted", title="Secretary of State")
    quote = Quote("the rolls were clean", 0, 20, description, 30, 40, "said", False)
    mentions = article_mentions(Extraction((quote,), (husted,), ()))
    [person] = [m for m in mentions if m.name == "Jon Husted"]
    assert (description in person.written) is linked


# The bundled samples: every quotation with the right canonical name ------------------------------

SAMPLE_QUOTES = {
    "us-china-dialogue-preview.txt": [
        ("There remains serious imbalances", "Wilbur Ross"),
        ("It is time to re-balance", "Wilbur Ross"),
        ("What matters most", "He Weiwen"),
        ("The dialogue should cover", "He Weiwen"),
        ("China is in the midst", "Steven Mnuchin"),
        ("We still have work", "Steven Mnuchin"),
        ("The Chinese economy will continue", "Wang Yang"),
        ("in no way targeting China", "Steven Mnuchin"),
        ("North Korea’s external enablers", "Steven Mnuchin"),
        ("different only in how", "Anka Lee"),
        ("some of the broader", "Anka Lee"),
        ("fundamentally shared objectives", "Wilbur Ross"),
    ],
    "us-china-trade-talks-open.txt": [
        ("more fair, equitable and reciprocal", "Washington"),
        ("We must create more balance", "Wilbur Ross"),
        ("is a realistic choice", "Wang Yang"),
        ("confrontation will immediately", "Wang Yang"),
        ("if there is a more fair", "Steven Mnuchin"),
        ("This means providing access", "Steven Mnuchin"),
        ("It means addressing", "Steven Mnuchin"),
        ("are different in terms", "Wang Yang"),
        ("We are not choosing", "Wang Yang"),
        ("This is what drives", "Wang Yang"),
        ("dialogue and negotiation are different", "Wang Yang"),
        ("having dialogue, not confrontation", "Wang Yang"),
    ],
}


def test_extract_gives_every_quotation_of_the_samples_its_canonical_speaker(config):
    runner = CliRunner(env={"TRADEDIGEST_CONFIG": str(config.config_path)})
    paths = [SAMPLES / name for name in SAMPLE_QUOTES]
    result = runner.invoke(main, ["extract", *map(str, paths)])
    assert result.exit_code == 0, result.output
    for path, line in zip(paths, result.stdout.splitlines(), strict=True):
        found = [(q["text"], q["speaker"]) for q in json.loads(line)["quotes"] if q["direct"]]
        wanted = SAMPLE_QUOTES[path.name]
        assert len(found) == len(wanted)  # 24 quotations in all
        for (text, speaker), (start, name) in zip(found, wanted, strict=True):
            assert (text.startswith(start), speaker) == (True, name)


CAMPAIGN = (
    "DES MOINES (Wire) — Republican front-runner Donald Trump said on Monday he would put"
    " tariffs of 45 percent on Chinese imports to cut the trade deficit. “We are going to bring"
    " the jobs back from China,” Trump said.\n\n"
    "Democratic rival Hillary Clinton said the tariffs would start a trade war that hurts"
    " exports. “A trade war is not a plan for American workers,” Clinton said.\n\n"
    "“Tariffs are a tax on American families,” said Sen. Marco Rubio, who opposes the plan."
)


def test_the_digest_labels_speakers_with_offices_only_read_in_full(config, nlp, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "campaign.txt").write_text(CAMPAIGN, encoding="utf-8")
    config = replace(config, sources=(SourceConfig("desk", "folder", path=folder),))
    db = store.open_store(config.db_path)
    jobs.ingest(config, db, nlp, NOW)
    built = jobs.build_digest(config, db, NOW)
    labels = {(q.speaker, q.title) for story in built.digest.stories for q in story.quotes}
    assert labels == {
        ("Donald Trump", None),  # never `runner`, from front-runner
        ("Hillary Clinton", None),  # never `rival`
        ("Marco Rubio", "Senator"),
    }


# Headline words are no part of a name ---------------------------------------------------------

HEADLINES = [
    # (a text whose first line is a title-case headline, the one person who speaks)
    (
        "Derelict Johnson and Corbyn;\n\n"
        "Boris Johnson said on Monday that the duties would cost jobs. “The mills cannot wait,”"
        " Johnson said.",
        "Boris Johnson",
    ),
    (
        "Furious Macron Demands Answers on Beef Quotas.\n\n"
        "“We will not back down,” Macron said in Paris. Macron spoke after the vote.",
        "Macron",
    ),
    (
        "Xi Hits Back at Biden Over Chip Curbs.\n\n"
        "“Curbs hurt everyone,” Xi said in Beijing. Biden did not answer.",
        "Xi",
    ),
]


@pytest.mark.parametrize(("text", "name"), HEADLINES)
def test_a_capitalised_headline_word_next_to_a_name_is_no_part_of_it(nlp, text, name):
    extraction = extract(text, nlp)
    named = {n for s in extraction.speakers for n in (s.name, *s.aliases)}
    assert {q.speaker for q in extraction.quotes} == {name}
    assert all(len(n.split()) == len(name.split()) or n == name.split()[-1] for n in named), named


# Groups are bodies, not persons ---------------------------------------------------------------

GROUPS = [
    # (text, the group that speaks)
    ("Republicans said the steel duties would hurt farmers in Iowa.", "Republicans"),
    ("“This levy is a tax on families,” Democrats said in a statement.", "Democrats"),
    ("“Exports will fall by a fifth,” Oxfam said on Tuesday.", "Oxfam"),
    ("Canadians told pollsters that the lumber dispute should end.", "Canadians"),
    # Capitalised by the writer mid-sentence: the model takes the first for a person.
    ("“The levy is a tax on families,” Campaigners said on Monday.", "Campaigners"),
    ("Speaking in Ottawa, Observers said the pact was fragile.", "Observers"),
    # The person named in front of a group is not who speaks.
    (
        "Senator Jane Holloway spoke in Ohio on Monday. Holloway supporters said the levy was"
        " unfair.",
        "Holloway supporters",
    ),
]


@pytest.mark.parametrize(("text", "name"), GROUPS)
def test_a_party_nation_or_organisation_that_speaks_is_filed_as_a_body(nlp, text, name):
    mentions = {m.name: m.kind for m in article_mentions(extract(text, nlp))}
    assert mentions == {name: "body"}


# Nor is the person named in front of a body: a campaign's statement is not the candidate's.
BODIES_OF_A_PERSON = [
    (
        "Senator Jane Holloway spoke in Ohio on Monday. Later, the Holloway campaign said the"
        " levy was unfair.",
        "the Holloway campaign",
    ),
    (
        "President Dale Rix signed the order. Last month, the Rix administration announced it"
        " had met its export goal.",
        "the Rix administration",
    ),
]


@pytest.mark.parametrize(("text", "body"), BODIES_OF_A_PERSON)
def test_a_body_named_after_a_person_speaks_for_itself(nlp, text, body):
    extraction = extract(text, nlp)
    assert [q.speaker for q in extraction.quotes] == [body]
    assert not [m for m in article_mentions(extraction) if m.kind == "person"]


# A proper name whose last word no one in the article has (`Foundation`) is someone else's name:
# its first words are not the person named before.
NAMED_LIKE_A_PERSON = [
    (
        "Jane Holloway spoke at the rally on Monday.\n\nThe Jane Holloway Foundation said the levy"
        " “would hurt every family farm in the state.”",
        "Jane Holloway Foundation",
    ),
    (
        "Bill Clinton spoke at the rally on Monday.\n\nThe Clinton Foundation said the levy “would"
        " hurt every family farm in the state.”",
        "Clinton Foundation",
    ),
]


@pytest.mark.parametrize(("text", "body"), NAMED_LIKE_A_PERSON)
def test_a_name_ending_in_a_word_no_one_has_is_not_the_person(nlp, text, body):
    assert [q.speaker for q in extract(text, nlp).quotes] == [body]


PEOPLE_GROUPS = [
    # (text, the group as a reader reads it mid-sentence: its capital was the sentence's)
    ("Critics say the new steel quota will raise car prices.", "critics"),
    ("Police said the container terminal was closed on Friday.", "police"),  # no plural ending
    ("Analysts expect soybean exports to fall this quarter.", "analysts"),
    ("Economists warned that the lumber levy would slow growth.", "economists"),
    ("Farmers said the dairy quota came too late.", "farmers"),  # taken for an organisation
    ("Officials said the customs talks would resume in May.", "officials"),
    ("Exporters complained that the new paperwork was unclear.", "exporters"),  # by its ending
    ("Some analysts said the peso would weaken further.", "some analysts"),
    ("Growers Say Quota Will Ruin Harvest\n\nThe quota starts in June.", "growers"),  # headline
    ("Aides to Senator Jane Holloway said the levy was unfair.", "aides"),  # not Holloway
    (
        "Critics say the quota is a tax. Critics said it would hurt growers. Later, critics said"
        " the ministry had ignored them.",
        "critics",  # one group however the sentence writes it
    ),
    ("Six in 10 farmers said the dairy quota came too late.", "six in 10 farmers"),  # counted
]


@pytest.mark.parametrize(("text", "name"), PEOPLE_GROUPS)
def test_a_group_of_people_is_a_body_never_a_person(nlp, text, name):
    extraction = extract(text, nlp)
    assert [(s.name, s.kind) for s in extraction.speakers] == [(name, "body")]
    assert {q.speaker for q in extraction.quotes} == {name}
    # Written in lower case, it is a description the directory files under no one.
    assert article_mentions(extraction) == ()


UNNAMED = [
    # (text, the description as the quote's speaker)
    ("One critic said the quota was a tax on the poor.", "one critic"),
    ("A spokesman said the terminal would reopen on Monday.", "A spokesman"),
    ("The analyst said copper exports would fall.", "The analyst"),
]


@pytest.mark.parametrize(("text", "name"), UNNAMED)
def test_someone_described_but_not_named_is_filed_under_no_one(nlp, text, name):
    extraction = extract(text, nlp)
    assert {q.speaker for q in extraction.quotes} == {name}
    assert article_mentions(extraction) == ()


def test_a_surname_that_reads_like_a_plural_stays_the_person_named(nlp):
    text = "Senator Ada Rogers toured the port on Monday. Rogers said the fees would rise."
    assert _speaker(text, nlp, "Ada Rogers").kind == "person"


# An organisation is one the person works for ------------------------------------------------------

ORGANIZATIONS = [
    # (text, speaker, organisation; None: no organisation is named)
    ("“We will appeal,” said Sarah Lindqvist, a lawyer at Baker & McKenzie.", "Sarah Lindqvist",
     "Baker & McKenzie"),
    ("“Prices will rise,” said Tomas Berger, chief economist at Deutsche Bank.", "Tomas Berger",
     "Deutsche Bank"),
    ("“Seoul will wait,” said Daniel Osei, a Korea scholar at the Brookings Institution.",
     "Daniel Osei", "Brookings Institution"),
    ("“The port is quiet,” said Maria Olsen, 61, of Duluth, Minn.", "Maria Olsen", None),
    ("“It is a bad deal,” said Rep. Anna Keller of Ohio.", "Anna Keller", None),
    ("“Farmers are angry,” said Paul Granger, 2019 winner of the Pulitzer Prize.",
     "Paul Granger", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "organization"), ORGANIZATIONS)
def test_an_organisation_is_one_the_person_works_for_never_a_place_or_prize(
    nlp, text, name, organization
):
    assert _speaker(text, nlp, name).organization == organization


# A hyphenated given name is one word of the name, whatever the entity tagger took it for.
def test_a_hyphenated_given_name_is_kept_whole(nlp):
    text = (
        "Jean-Marc Ayrault, the foreign minister, said the council “cannot leave this without"
        " consequences.”"
    )
    assert [q.speaker for q in extract(text, nlp).quotes] == ["Jean-Marc Ayrault"]


# A given name that is also a peerage (`Earl`) is a name when a whole name follows it.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "West Virginia Gov. Earl Ray Tomblin said the mine “will not reopen this year.”",
            "Earl Ray Tomblin",
        ),
        ("Lord Frost said the deal “is done and will not be reopened.”", "Lord Frost"),
    ],
)
def test_a_given_name_that_is_also_a_title_stays_in_the_name(nlp, text, name):
    assert [q.speaker for q in extract(text, nlp).quotes] == [name]
