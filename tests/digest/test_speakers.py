"""The speaker directory: merging across articles, keeping namesakes apart, corrections, lookups."""

from __future__ import annotations

import itertools

import pytest

from digest import speakers, store
from digest.config import SpeakersConfig
from digest.nlp import extract
from digest.records import Article, ArticleRecord, Extraction, Quote, Speaker
from digest.store import follows

_urls = itertools.count()


@pytest.fixture
def db(tmp_path):
    return store.open_store(tmp_path / "td.db")


NO_RULES = SpeakersConfig()


def file(db, *people: Speaker, quotes=(), rules=NO_RULES, day="2026-03-01"):
    """Store an article whose speakers are `people`, each quoted once unless `quotes` is given."""
    quotes = quotes or tuple(
        Quote(f"words of {p.name}", 0, 1, p.name, None, None, "said", True) for p in people
    )
    article = Article(
        url=f"https://news.example/{next(_urls)}",
        title=f"Story of {day}",
        text="…",
        source="wire",
        published=f"{day}T12:00:00+00:00",
    )
    record = ArticleRecord(
        article,
        Extraction(quotes=quotes, speakers=people),
        canonical_url=article.url,
        content_hash=article.url,
        fetched=f"{day}T13:00:00+00:00",
    )
    return store.save_article(db, record, speakers.filer(rules))


def records(db) -> dict[str, int]:
    return dict(db.execute("select name, quote_count from speakers order by name").fetchall())


def rules_of(db) -> list[tuple[str, str]]:
    return db.execute("select name, rule from speaker_links order by article_id, name").fetchall()


# Merging across articles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Steven Mnuchin", "Steve Mnuchin"),
        ("William Clinton", "Bill Clinton"),
        ("Robert Lighthizer", "Bob Lighthizer"),
        ("Bob Lighthizer", "Robert E. Lighthizer"),
    ],
)
def test_nicknames_of_one_person_make_one_record(db, first, second):
    file(db, Speaker(first))
    file(db, Speaker(second))
    assert records(db) == {first: 2}
    assert rules_of(db)[1] == (second, "nickname")


def test_full_name_surname_and_titled_mentions_are_one_person(db):
    file(db, Speaker("Commerce Secretary Wilbur Ross"))
    file(db, Speaker("Wilbur Ross", ("Ross",), "U.S. Commerce Secretary"))
    file(db, Speaker("Ross", title="Commerce Secretary"), day="2026-03-02")
    assert records(db) == {"Wilbur Ross": 3}
    assert [rule for _, rule in rules_of(db)] == ["new", "same full name", "surname and title"]
    row = db["speakers"].get(1)
    # The title most articles give wins; the country stays known from the one that said it.
    assert (row["title"], row["country"]) == ("Commerce Secretary", "United States")
    assert (row["first_seen"][:10], row["last_seen"][:10]) == ("2026-03-01", "2026-03-02")


def test_the_quote_of_a_titled_name_goes_to_the_bare_name_record(db):
    quote = Quote("x", 0, 1, "Commerce Secretary Wilbur Ross", None, None, "said", True)
    file(db, Speaker("Commerce Secretary Wilbur Ross"), quotes=(quote,))
    assert records(db) == {"Wilbur Ross": 1}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Speaker("Anka Lee", title="senior director"), Speaker("Mike Lee", title="Senator")),
        (Speaker("Wang Yang", title="Vice Premier"), Speaker("Wang Yi", title="Foreign Minister")),
        (Speaker("He Weiwen"), Speaker("He Yafei")),
        (Speaker("Wilbur Ross", title="Commerce Secretary"), Speaker("Ross", title="Senator")),
        (Speaker("Anka Lee", title="senior director"), Speaker("Lee")),
        (Speaker("Steven Mnuchin"), Speaker("Stephanie Mnuchin")),
        (Speaker("George H.W. Bush"), Speaker("George W. Bush")),
        (Speaker("George W.H. Bush"), Speaker("George (W. Bush")),
        (Speaker("Donald Trump"), Speaker("Donald Trump Jr.")),
        (Speaker("Charles Elliott III"), Speaker("Charles Elliott Jr.")),
    ],
)
def test_namesakes_stay_apart_when_the_evidence_is_weak(db, first, second):
    file(db, first)
    file(db, second)
    assert records(db) == {first.name: 1, second.name: 1}


@pytest.mark.parametrize(
    ("title", "filed_under"), [(None, "Chris Smith"), ("Treasury official", "Christine Smith")]
)
def test_a_nickname_two_people_fit_is_kept_apart_unless_a_title_tells(db, title, filed_under):
    file(db, Speaker("Christopher Smith", title="Senator"))
    file(db, Speaker("Christine Smith", title="Treasury official"))
    file(db, Speaker("Chris Smith", title=title))
    filed = db.execute(
        "select s.name from speaker_links l join speakers s on s.id = l.speaker_id "
        "where l.name = 'Chris Smith'"
    ).fetchone()
    assert filed == (filed_under,)


def test_a_surname_alone_says_why_it_was_kept_apart(db):
    file(db, Speaker("Anka Lee"))
    file(db, Speaker("Mike Lee"))
    file(db, Speaker("Lee"))
    reason = db.execute("select reason from speaker_links where name = 'Lee'").fetchone()[0]
    assert "kept apart" in reason and "2 namesake" in reason


def test_an_initial_merges_only_when_one_person_fits(db):
    file(db, Speaker("Wilbur Ross"))
    file(db, Speaker("W. Ross"))
    assert records(db) == {"Wilbur Ross": 2}
    file(db, Speaker("Walter Ross"))
    file(db, Speaker("W. L. Ross"))
    assert records(db)["W. L. Ross"] == 1


def test_a_title_only_reference_goes_to_the_person_holding_that_title(db):
    quotes = (
        Quote("a", 0, 1, "Steve Mnuchin", None, None, "said", True),
        Quote("b", 2, 3, "The Treasury chief", None, None, "said", True),
        Quote("c", 4, 5, "officials", None, None, "said", True),
    )
    people = (Speaker("Steve Mnuchin", title="Treasury Secretary"), Speaker("Wilbur Ross"))
    file(db, *people, quotes=quotes)
    assert records(db) == {"Steve Mnuchin": 2, "Wilbur Ross": 0}
    assert db.execute("select count(*) from quotes where speaker_id is null").fetchone()[0] == 1


def test_a_lone_name_is_the_person_named_in_full_in_the_same_article(db):
    file(db, Speaker("Lee"), Speaker("Anka Lee"), Speaker("Xi"), Speaker("Xi Jinping"))
    assert records(db) == {"Anka Lee": 2, "Xi Jinping": 2}


def test_a_lone_name_two_people_of_the_article_share_is_kept_apart(db):
    file(db, Speaker("Anka Lee"), Speaker("Mike Lee"), Speaker("Lee"))
    assert records(db) == {"Anka Lee": 1, "Lee": 1, "Mike Lee": 1}


def test_bodies_merge_by_name_only(db):
    file(db, Speaker("Industrial Bank Co. economists"), Speaker("Commerce Ministry"))
    file(db, Speaker("Industrial Bank Co. economists"), Speaker("Washington"))
    assert records(db) == {
        "Commerce Ministry": 1,
        "Industrial Bank Co. economists": 2,
        "Washington": 1,
    }
    kinds = {r[0] for r in db.execute("select kind from speakers")}
    assert kinds == {"body"}


def test_a_title_with_its_organisation_names_the_office(db):
    quotes = (
        Quote("a", 0, 1, "Steve Mnuchin", None, None, "said", True),
        Quote("b", 2, 3, "The Treasury chief", None, None, "said", True),
    )
    file(
        db, Speaker("Steve Mnuchin", title="Secretary", organization="U.S. Treasury"), quotes=quotes
    )
    file(db, Speaker("Mnuchin", title="Treasury Secretary"))
    assert records(db) == {"Steve Mnuchin": 3}
    assert speakers.find_speakers(db, "treasury secretary")[0].name == "Steve Mnuchin"


def test_every_role_is_kept_with_its_article_and_date(db):
    file(db, Speaker("Wilbur Ross", title="Commerce Secretary nominee"), day="2017-01-10")
    file(db, Speaker("Wilbur Ross", title="U.S. Commerce Secretary"), day="2017-07-18")
    card = speakers.speaker_card(db, 1)
    assert [(r.title, r.last_seen[:10]) for r in card.roles] == [
        ("U.S. Commerce Secretary", "2017-07-18"),
        ("Commerce Secretary nominee", "2017-01-10"),
    ]
    assert (card.title, card.country) == ("U.S. Commerce Secretary", "United States")


def test_a_titled_surname_is_not_the_untitled_namesake_of_its_article(db):
    file(db, Speaker("Tom Harlan", title="Governor"), day="2026-03-01")
    file(db, Speaker("Ruth Harlan"), Speaker("Harlan", title="Governor"), day="2026-03-02")
    file(db, Speaker("Ruth Harlan"), Speaker("Harlan"), day="2026-03-03")
    assert records(db) == {"Tom Harlan": 2, "Ruth Harlan": 3}
    assert [rule for name, rule in rules_of(db) if name == "Harlan"] == [
        "surname and title",
        "same article",
    ]


def test_a_description_owned_by_someone_is_no_person_of_its_own(db):
    file(db, Speaker("Obama's old friend"), Speaker("Gary Lin’s doctor"), Speaker("Dana Whitfield"))
    assert records(db) == {"Dana Whitfield": 1}


# A store written before titles were read as offices (`Sen.`, `runner` from `front-runner`)
# shows each title as a reader should see it, without filing the speaker again.
@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Sen.", "Senator"),
        ("Lt. Gov.", "Lieutenant Governor"),
        ("runner", None),
        ("rival", None),
    ],
)
def test_titles_stored_by_an_older_version_are_shown_as_offices(db, stored, shown):
    file(db, Speaker("Dana Whitfield", title="Senator"), day="2019-04-01")
    file(db, Speaker("Dana Whitfield", organization="Harbor Mills"), day="2019-04-02")
    db.execute("update speaker_roles set title = ? where title is not null", [stored])
    db.execute("update speakers set title = ?", [stored])
    card = speakers.speaker_card(db, 1)
    assert card.title == shown
    assert [r.title for r in card.roles] == [None, shown] if shown else [None]
    assert speakers.find_speakers(db, "Whitfield")[0].title == shown
    _, quotes = follows.articles_after(db, "2019-01-01")  # what an alert shows
    assert {q.speaker_title for q in quotes} == {shown}


# Overrides and corrections ------------------------------------------------------------------


def test_config_alias_files_a_bare_surname_under_the_named_person(db):
    rules = SpeakersConfig(aliases=(("Wilbur Ross", ("Ross", "Treasury pick")),))
    file(db, Speaker("Wilbur Ross"))
    file(db, Speaker("Ross"), rules=rules)
    assert records(db) == {"Wilbur Ross": 2}
    assert rules_of(db)[1] == ("Ross", "config alias")


def test_never_merge_keeps_apart_what_the_rules_would_join(db):
    rules = SpeakersConfig(never_merge=(("Steven Smith", "Steve Smith"),))
    file(db, Speaker("Steven Smith"), rules=rules)
    file(db, Speaker("Steve Smith"), rules=rules)
    file(db, Speaker("Steven Smith"), rules=rules)
    assert records(db) == {"Steve Smith": 1, "Steven Smith": 2}


def test_merge_moves_everything_and_ties_the_names_for_later_articles(db):
    file(db, Speaker("Wilbur Ross"))
    file(db, Speaker("Ross"))
    speakers.merge_speakers(db, 1, 2, "2026-03-05T00:00:00+00:00")
    assert records(db) == {"Wilbur Ross": 2}
    file(db, Speaker("Ross"))
    assert records(db) == {"Wilbur Ross": 3}
    assert rules_of(db)[-1] == ("Ross", "manual alias")
    assert db["speaker_corrections"].count == 1


def test_split_moves_the_articles_of_a_name_to_a_new_record(db):
    file(db, Speaker("Steven Smith"), day="2026-03-01")
    file(db, Speaker("Steve Smith"), day="2026-03-02")
    new_id = speakers.split_speaker(db, 1, ["Steve Smith"], "2026-03-05T00:00:00+00:00")
    assert records(db) == {"Steve Smith": 1, "Steven Smith": 1}
    assert speakers.speaker_card(db, new_id).first_seen[:10] == "2026-03-02"
    file(db, Speaker("Steve Smith"))
    assert records(db) == {"Steve Smith": 2, "Steven Smith": 1}


def test_split_of_a_name_never_used_is_refused(db):
    file(db, Speaker("Steven Smith"))
    with pytest.raises(speakers.SpeakerError, match="never filed under 'Wang Yi'"):
        speakers.split_speaker(db, 1, ["Wang Yi"], "now")


# Lookups ------------------------------------------------------------------------------------


@pytest.fixture
def directory(db):
    file(db, Speaker("Wilbur Ross", ("Ross",), "Commerce Secretary"))
    file(db, Speaker("Steven Mnuchin", title="Treasury Secretary"))
    file(db, Speaker("Steve Mnuchin", ("Mnuchin",)))
    file(db, Speaker("Anka Lee", title="senior director"))
    file(db, Speaker("Mike Lee", title="Senator"), Speaker("Mike Lee"))
    file(db, Speaker("José Ángel Gurría", title="OECD Secretary-General"))
    return db


@pytest.mark.parametrize(
    ("query", "name", "matched_on"),
    [
        ("Wilbur Ross", "Wilbur Ross", "name"),
        ("ROSS", "Wilbur Ross", "surname"),
        ("steve mnuchin", "Steven Mnuchin", "alias"),
        ("Mnuchn", "Steven Mnuchin", "surname"),
        ("wilbur rss", "Wilbur Ross", "name"),
        ("commerce secretary", "Wilbur Ross", "title"),
        ("treasury chief", "Steven Mnuchin", "title"),
        ("jose angel gurria", "José Ángel Gurría", "name"),
        ("Mnuchin Steve", "Steven Mnuchin", "alias"),
        ("Lee", "Mike Lee", "surname"),
    ],
)
def test_find_speakers_by_each_key(directory, query, name, matched_on):
    best = speakers.find_speakers(directory, query)[0]
    assert (best.name, best.matched_on) == (name, matched_on)
    assert best.score >= 80


def test_find_speakers_ranks_namesakes_by_quotes(directory):
    names = [m.name for m in speakers.find_speakers(directory, "lee", limit=5)]
    assert names[:2] == ["Mike Lee", "Anka Lee"]


def test_lookup_of_an_unknown_name_suggests_the_nearest(directory):
    with pytest.raises(speakers.UnknownSpeaker) as raised:
        speakers.lookup(directory, "Wilbert Rose")
    assert raised.value.suggestions[0] == "Wilbur Ross"
    with pytest.raises(speakers.UnknownSpeaker) as raised:
        speakers.lookup(directory, "Zhou Xiaochuan")
    assert raised.value.suggestions == []


def test_lookup_returns_the_card_with_the_latest_quotes(directory):
    file(directory, Speaker("Wilbur Ross"), day="2026-04-01")
    card = speakers.lookup(directory, "commerce secretary")
    assert (card.name, card.title, card.quote_count) == ("Wilbur Ross", "Commerce Secretary", 2)
    assert card.aliases == ("Ross",)
    assert [q.date[:10] for q in card.quotes] == ["2026-04-01", "2026-03-01"]
    assert card.quotes[0].url.startswith("https://news.example/")
    older = speakers.speaker_card(directory, card.speaker_id, quotes=1, offset=1)
    assert [q.date[:10] for q in older.quotes] == ["2026-03-01"]


def test_lookups_see_speakers_filed_after_the_first_lookup(directory):
    speakers.find_speakers(directory, "ross")
    file(directory, Speaker("Katherine Tai", title="Trade Representative"))
    assert speakers.lookup(directory, "katherine tai").name == "Katherine Tai"


def test_top_speakers_counts_quotes_of_articles_fetched_in_the_period(directory):
    file(directory, Speaker("Anka Lee"), day="2026-04-01")
    file(directory, Speaker("Anka Lee"), day="2026-04-02")
    file(directory, Speaker("Wilbur Ross"), day="2026-04-02")
    top = speakers.top_speakers(directory, "2026-04-01T00:00:00Z", "2026-04-30T00:00:00Z")
    assert top == [("Anka Lee", 2), ("Wilbur Ross", 1)]


# Groups and people described without a name --------------------------------------------------

GROUP_ARTICLES = [
    "Critics say the new steel quota will raise car prices. Police said the terminal was shut.",
    "Critics warned that the quota would hurt growers. One critic said it was a tax on the poor."
    " Analysts expect soybean exports to fall.",
    "“The levy is a tax on families,” Campaigners said on Monday.",
]


def test_groups_and_people_described_without_a_name_are_never_filed_as_persons(db, nlp):
    for number, text in enumerate(GROUP_ARTICLES):
        article = Article(url=f"file:///groups{number}", title="Quota", text=text, source="wire")
        record = ArticleRecord(
            article, extract(text, nlp), article.url, article.url, "2026-03-01T00:00:00+00:00"
        )
        store.save_article(db, record, speakers.filer(NO_RULES))
    filed = [(s.name, s.kind) for s in store.directory.all_speakers(db)]
    # Only the group its writer capitalised mid-sentence is filed, as a body; `critics` of two
    # articles are no one to follow, and `/speakers` lists none of them as a person.
    assert filed == [("Campaigners", "body")]
    quoted = {name for name, _ in speakers.top_speakers(db, "2026-02-28", "2026-03-02")}
    assert quoted == {"Campaigners"}


# The sample articles ------------------------------------------------------------------------


def test_sample_articles_give_one_record_per_person(db, nlp, sample_texts):
    for name, text in sample_texts.items():
        article = Article(url=f"file:///{name}", title=name, text=text, source="samples")
        record = ArticleRecord(
            article,
            extract(text, nlp),
            canonical_url=article.url,
            content_hash=name,
            fetched="2026-03-01T00:00:00+00:00",
        )
        store.save_article(db, record, speakers.filer(SpeakersConfig()))
    names = [r[0] for r in db.execute("select name from speakers")]
    for person in ("Ross", "Mnuchin", "Wang", "He Weiwen", "Anka Lee"):
        assert sum(person in n for n in names) == 1, (person, names)
    for person, office in (
        ("Wilbur Ross", "Commerce"),
        ("Steven Mnuchin", "Treasury"),
        ("Wang Yang", "Premier"),
    ):
        card = speakers.lookup(db, person)
        assert card.name == person
        assert office in f"{card.title} {card.organization}", card
        links = store.directory.links_of(db, card.speaker_id)
        assert len({link.article_id for link in links}) == 2
    for person in ("He Weiwen", "Anka Lee"):
        card = speakers.lookup(db, person)
        assert (card.name, len(store.directory.links_of(db, card.speaker_id))) == (person, 1)
        assert card.title and card.organization
    assert speakers.lookup(db, "commerce secretary").name == "Wilbur Ross"
    assert speakers.lookup(db, "treasury chief").name == "Steven Mnuchin"


def test_an_alias_that_cannot_be_the_same_person_is_kept_apart(db):
    quotes = (Quote("x", 0, 1, "Hillary Clinton’s", None, None, "said", True),)
    file(db, Speaker("Hillary Clinton’s", ("Bill Clinton", "Clinton", "Roberts")), quotes=quotes)
    assert records(db) == {"Bill Clinton": 0, "Hillary Clinton": 1}
    assert speakers.speaker_card(db, 1).aliases == ("Clinton",)


@pytest.mark.parametrize(
    ("name", "filed_as", "title"),
    [
        ("Mr. Trump", "Trump", None),
        ("Sen. Elizabeth Warren", "Elizabeth Warren", "Senator"),
        ("Donald Trump’s", "Donald Trump", None),
    ],
)
def test_forms_of_address_and_possessives_are_not_part_of_the_name(db, name, filed_as, title):
    file(db, Speaker(name))
    row = db.execute("select name, title from speakers").fetchone()
    assert row == (filed_as, title)


@pytest.mark.parametrize(
    ("lone", "merged"),
    [
        (Speaker("Sanders", title="Sen."), True),
        (Speaker("Sanders", title="Mr."), False),
        (Speaker("Sanders", title=" "), False),
    ],
)
def test_a_form_of_address_is_no_title_to_tell_a_surname_by(db, lone, merged):
    file(db, Speaker("Bernie Sanders", title="Senator"))
    file(db, lone)
    assert (len(records(db)) == 1) is merged


def test_a_name_with_a_number_is_no_person(db):
    file(db, Speaker("Some 55 percent"))
    file(db, Speaker("Some 20 percent"))
    assert records(db) == {"Some 20 percent": 1, "Some 55 percent": 1}


def test_a_title_alone_is_not_taken_for_a_person(db):
    quote = Quote("x", 0, 1, "Treasury Secretary", None, None, "said", True)
    file(db, Speaker("Treasury Secretary"), quotes=(quote,))
    assert records(db) == {}


def test_records_stored_before_the_directory_are_carried_over(tmp_path):
    from sqlite_utils import Database

    old = Database(tmp_path / "old.db")
    store.migrations.apply(old, stop_before="m003_speaker_directory")
    old["articles"].insert(
        {"id": 1, "url": "u", "canonical_url": "u", "text": "t", "content_hash": "h"}
        | {"fetched": "2017-07-18T00:00:00+00:00", "status": "extracted"}
    )
    old["speakers"].insert_all(
        [{"id": 1, "name": "Wilbur Ross"}, {"id": 2, "name": "Commerce Ministry"}]
    )
    old["speaker_aliases"].insert({"speaker_id": 1, "alias": "Wilbur Ross", "article_id": 1})
    db = store.open_store(tmp_path / "old.db")
    assert db.execute("select name, kind, surname from speakers order by id").fetchall() == [
        ("Wilbur Ross", "person", "ross"),
        ("Commerce Ministry", "body", None),
    ]
    file(db, Speaker("Wilbur Ross"))
    assert records(db) == {"Commerce Ministry": 0, "Wilbur Ross": 1}
    assert speakers.speaker_card(db, 1).first_seen[:10] == "2017-07-18"


# Corrections undone, and lookups by any name ------------------------------------------------


@pytest.mark.parametrize("by", ["Xi", "Xi Jinping", "Jinping"])
def test_merge_then_split_by_any_name_on_the_card_restores_both_people(db, by):
    trump = file(db, Speaker("Donald Trump", ("Trump",)))
    file(db, Speaker("Xi Jinping", ("Xi", "Jinping")), day="2026-03-02")
    trump_id, xi_id = (speakers.lookup(db, n).speaker_id for n in ("Donald Trump", "Xi Jinping"))
    xi_names = ("Xi Jinping", *speakers.speaker_card(db, xi_id).aliases)
    speakers.merge_speakers(db, trump_id, xi_id, "2026-03-05T00:00:00+00:00")
    card = speakers.speaker_card(db, trump_id)
    assert by in (card.name, *card.aliases)
    new_id = speakers.split_speaker(db, trump_id, [by], "2026-03-06T00:00:00+00:00")
    assert records(db) == {"Donald Trump": 1, "Xi Jinping": 1}
    for name in xi_names:
        assert speakers.lookup(db, name).speaker_id == new_id, name
    assert speakers.lookup(db, "Trump").speaker_id == trump_id
    assert speakers.speaker_card(db, trump_id).aliases == ("Trump",)
    assert {link.article_id for link in store.directory.links_of(db, trump_id)} == {trump}


def test_a_given_name_written_first_finds_its_person(db):
    file(db, Speaker("He Weiwen", title="former commerce official"))
    file(db, Speaker("Wilbur Ross", ("Ross",)))
    assert speakers.lookup(db, "He").name == "He Weiwen"
    assert speakers.lookup(db, "he weiwen").name == "He Weiwen"


def test_a_name_nobody_is_close_to_says_so(db):
    file(db, Speaker("Wilbur Ross"))
    with pytest.raises(speakers.UnknownSpeaker) as raised:
        speakers.lookup(db, "Zorblax Quux")
    assert raised.value.suggestions == []
    assert "none are close" in str(raised.value)


def test_a_surname_filed_first_takes_the_full_name_when_it_comes(db):
    file(db, Speaker("Okafor", title="Trade Minister"))
    file(db, Speaker("Ngozi Okafor", title="Trade Minister"), day="2026-03-02")
    file(db, Speaker("Okafor", title="Trade Minister"), day="2026-03-03")
    assert records(db) == {"Ngozi Okafor": 3}
    assert [rule for _, rule in rules_of(db)] == [
        "new",
        "surname named in full",
        "surname and title",
    ]
    assert speakers.lookup(db, "Ngozi Okafor").aliases == ("Okafor",)


@pytest.mark.parametrize(
    ("surname", "full"),
    [
        # Another title: the surname may have been someone else of the family.
        (Speaker("Okafor", title="Trade Minister"), Speaker("Ngozi Okafor", title="governor")),
        # No title to tell by.
        (Speaker("Okafor"), Speaker("Ngozi Okafor", title="Trade Minister")),
    ],
)
def test_a_surname_filed_first_stays_apart_when_nothing_says_it_is_the_full_name(db, surname, full):
    file(db, surname)
    file(db, full)
    assert records(db) == {"Okafor": 1, "Ngozi Okafor": 1}
