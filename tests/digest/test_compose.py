from datetime import UTC, datetime
from itertools import count

import pytest

from digest import jobs, render, store
from digest.compose import compose
from digest.config import DigestConfig, load_config
from digest.records import StoredArticle, StoredFigure, StoredQuote, StoredSpeaker

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
START, END = "2026-11-19T13:00:00+00:00", NOW.isoformat()
ids = count(1)

TALKS = (
    "U.S. Commerce Secretary Wilbur Ross and Chinese Vice Premier Wang Yang opened the "
    "Comprehensive Economic Dialogue in Washington with Treasury Secretary Steven Mnuchin."
)
ELECTION = "Senator Bernie Sanders won the Michigan primary over Hillary Clinton in Detroit."


def article(
    title: str | None, text: str, source: str = "wire", published: str | None = END
) -> StoredArticle:
    n = next(ids)
    url = f"https://news.example/{n}"
    return StoredArticle(n, source, url, url, title, text, END, str(n), "extracted", published)


def quote(
    of: StoredArticle, text: str, speaker: str | None, speaker_id=None, direct=True
) -> StoredQuote:
    return StoredQuote(next(ids), of.id, text, 0, len(text), speaker, speaker_id, direct=direct)


def figure(
    of: StoredArticle, text: str, value, about=None, salience=0.0, unit="USD"
) -> StoredFigure:
    return StoredFigure(next(ids), of.id, text, 0, len(text), "money", value, unit, about, salience)


def person(speaker_id: int, name: str, title: str | None = None, quotes=0, kind="person"):
    return StoredSpeaker(speaker_id, name, kind, title, quote_count=quotes)


def digest_of(articles, quotes=(), figures=(), speakers=None, **settings):
    return compose(
        START, END, articles, list(quotes), list(figures), speakers or {}, DigestConfig(**settings)
    )


def test_articles_about_the_same_talks_are_one_story_with_every_source():
    a = article("Ross and Wang open trade talks", TALKS, source="Bloomberg")
    b = article("China, U.S. start economic dialogue", TALKS.replace("opened", "began"), "VOA")
    other = article("Sanders wins Michigan", ELECTION)
    digest = digest_of([a, b, other])
    [talks] = [s for s in digest.stories if len(s.sources) > 1]
    assert {s.name for s in talks.sources} == {"Bloomberg", "VOA"}
    assert {s.url for s in talks.sources} == {a.url, b.url}
    assert len(digest.stories) == 2


def test_the_same_names_a_week_apart_are_two_stories():
    a = article("Talks open", TALKS, published="2026-11-20T09:00:00+00:00")
    b = article("Talks open again", TALKS, published="2026-11-12T09:00:00+00:00")
    assert len(digest_of([a, b]).stories) == 2


def test_a_quote_carried_by_two_outlets_is_shown_once_with_its_count():
    a = article("Ross: rebalance trade", TALKS)
    b = article("Washington demands fair trade", TALKS)
    long_words = (
        "It is time to re-balance our trade and investment relationship in a more fair, "
        "equitable and reciprocal direction."
    )
    quotes = [
        quote(a, long_words, "Wilbur Ross", 1),
        quote(b, "more fair, equitable and reciprocal", "Washington", 2),
        quote(b, "We must create more balance in our trade.", "Wilbur Ross", 1),
    ]
    speakers = {
        1: person(1, "Wilbur Ross", "Commerce Secretary", quotes=2),
        2: person(2, "Washington", kind="body"),
    }
    [story] = digest_of([a, b], quotes, speakers=speakers).stories
    repeated = [q for q in story.quotes if "equitable and reciprocal" in q.text]
    assert len(repeated) == 1
    assert repeated[0].sources == 2
    assert (repeated[0].speaker, repeated[0].title) == ("Wilbur Ross", "Commerce Secretary")


def test_key_quotes_favour_senior_speakers_one_each_and_skip_repeats():
    a = article("Talks", TALKS)
    quotes = [
        quote(a, "Trade between our countries must be fair to American workers.", "Wilbur Ross", 1),
        quote(a, "Trade between our countries must be fair to American workers!", "Wilbur Ross", 1),
        quote(
            a, "We want deliverables on financial services and market access.", "Steve Mnuchin", 2
        ),
        quote(a, "Cooperation is a realistic choice for both sides on trade.", "Wang Yang", 3),
        quote(a, "Trade volumes at the port went up a great deal this year.", "Joe Dock", None),
        quote(a, "Tariffs will hurt exports.", None),
    ]
    speakers = {
        1: person(1, "Wilbur Ross", "Commerce Secretary", quotes=5),
        2: person(2, "Steve Mnuchin", "Treasury Secretary", quotes=5),
        3: person(3, "Wang Yang", "Vice Premier", quotes=5),
    }
    [story] = digest_of([a], quotes, speakers=speakers).stories
    assert {(q.speaker, q.title) for q in story.quotes} == {
        ("Wilbur Ross", "Commerce Secretary"),
        ("Steve Mnuchin", "Treasury Secretary"),
        ("Wang Yang", "Vice Premier"),
    }
    assert all(q.url == a.url for q in story.quotes)


def test_a_quote_the_last_digest_showed_gives_way_to_new_ones():
    a = article("Talks", TALKS)
    old = "Trade between our countries must be fair to American workers and farmers."
    quotes = [
        quote(a, old, "Wilbur Ross", 1),
        quote(a, "We expect progress.", "Joe Dock", None),
    ]
    speakers = {1: person(1, "Wilbur Ross", "Commerce Secretary", quotes=5)}
    fresh = digest_of([a], quotes, speakers=speakers, quotes_per_story=1)
    assert [q.speaker for q in fresh.stories[0].quotes] == ["Wilbur Ross"]
    again = compose(START, END, [a], quotes, [], speakers, DigestConfig(quotes_per_story=1), [old])
    assert [q.speaker for q in again.stories[0].quotes] == ["Joe Dock"]


def test_a_speaker_gets_a_second_quote_only_when_nobody_else_is_left():
    a = article("Talks", TALKS)
    quotes = [
        quote(a, "Trade between our countries must be fair to workers.", "Wilbur Ross"),
        quote(a, "Exports of beef to China will double next year.", "Wilbur Ross"),
    ]
    [story] = digest_of([a], quotes).stories
    assert len(story.quotes) == 2


def test_key_figures_rank_by_salience_and_a_figure_given_twice_counts_its_sources():
    a, b = article("Talks", TALKS), article("Talks again", TALKS)
    figures = [
        figure(a, "$309 billion", 309e9, "trade deficit", 0.9),
        figure(b, "$309bn", 309e9, "trade deficit", 0.9),
        figure(a, "6.5 percent", 6.5, "average economic growth", 0.7, unit="%"),
        figure(a, "$3..5bn", None, "nothing", 1.0),
        figure(a, "$20", 20, None, 0.1),
        figure(b, "200", 200, "American companies", 0.5, unit=None),
    ]
    [story] = digest_of([a, b], figures=figures).stories
    assert [(f.text, f.about, f.sources) for f in story.figures] == [
        ("$309 billion", "trade deficit", 2),
        ("6.5 percent", "average economic growth", 1),
        ("200", "American companies", 1),
    ]


def test_stories_are_ordered_by_weight_and_capped_with_the_rest_counted():
    talks = [article("Talks", TALKS, source=s) for s in ("Bloomberg", "VOA", "Reuters")]
    others = [
        article(title, text)
        for title, text in (
            ("Bridge opens", "Mayor Alice Smith opened the river crossing in Springfield."),
            ("Storm hits coast", "Hurricane winds cut power to 200,000 homes in Florida."),
            ("Lakers win", "Los Angeles beat Boston in game seven of the finals."),
            ("Rover finds lake", "Scientists said the Martian rocks formed in standing water."),
        )
    ]
    digest = digest_of([*others, *talks], max_stories=3)
    assert len(digest.stories) == 3
    assert digest.more_stories == 2
    assert len(digest.stories[0].sources) == 3
    weights = [s.weight for s in digest.stories]
    assert weights == sorted(weights, reverse=True)


def test_headline_and_summary_come_from_the_leads_never_from_a_headline():
    a = article("Ross and Wang open talks;", "Ross and Wang open talks;\n\n" + TALKS)
    b = article("Talks begin in Washington", "Talks begin in Washington\n\n" + TALKS)
    [story] = digest_of([a, b]).stories
    assert story.headline in ("Ross and Wang open talks", "Talks begin in Washington")
    assert story.summary == TALKS


def test_speakers_today_counts_quotes_per_speaker_record_and_leaves_out_bodies():
    # The store's record joins spellings; a quote without one joins the record its name matches.
    a, b = article("Talks", TALKS), article("Talks again", TALKS)
    quotes = [
        quote(a, "Deliverables matter most in these talks.", "Steven Mnuchin", 1),
        quote(b, "We want access for American firms.", "Steve Mnuchin", 1),
        quote(b, "Balance is what trade needs.", "Wilbur Ross", 3),
        quote(b, "Washington wants a fair deal.", "Washington", 4),
        quote(b, "Reciprocity is what we want.", "Wilbur Ross", None),
    ]
    speakers = {
        1: person(1, "Steven Mnuchin", "Treasury Secretary"),
        3: person(3, "Wilbur Ross", "Commerce Secretary"),
        4: person(4, "Washington", kind="place"),
    }
    digest = digest_of([a, b], quotes, speakers=speakers)
    assert [(s.name, s.title, s.quotes) for s in digest.speakers] == [
        ("Steven Mnuchin", "Treasury Secretary", 2),
        ("Wilbur Ross", "Commerce Secretary", 2),
    ]


def test_articles_without_title_text_or_a_readable_date_still_make_stories():
    blank = article(None, "", published="yesterday")
    odd = article(None, "Tariffs rose.", published=None)
    digest = digest_of([blank, odd], [quote(blank, "", "Wilbur Ross")])
    assert sorted(s.headline for s in digest.stories) == sorted([blank.url, "Tariffs rose."])


def test_a_period_without_articles_is_an_empty_digest():
    digest = digest_of([])
    assert (digest.stories, digest.more_stories, digest.speakers) == ((), 0, ())
    assert (digest.period_start, digest.period_end) == (START, END)


@pytest.fixture(scope="module")
def samples_digest(nlp, tmp_path_factory):
    """The two bundled samples through the real pipeline, the store and compose."""
    folder = tmp_path_factory.mktemp("samples")
    path = folder / "tradedigest.toml"
    path.write_text(f'[database]\npath = "{folder / "td.db"}"\n', encoding="utf-8")
    config = load_config(environ={}, path=path)
    db = store.open_store(config.db_path)
    jobs.ingest(config, db, nlp, NOW)
    return jobs.compose_period(db, START, END, config.digest, config.ingest.failing_after)


def test_the_two_samples_are_one_story_with_its_key_quotes_and_figures(samples_digest):
    [story] = samples_digest.stories
    assert len(story.sources) == 2
    # Neither sample has a title: the headline is the opening that names the event best, the
    # summary another opening sentence.
    assert "opened trade talks" in story.headline
    assert story.summary.startswith("As the talks started in Washington")
    by_speaker = {q.speaker: q for q in story.quotes}
    assert set(by_speaker) == {"Wilbur Ross", "Steven Mnuchin", "Wang Yang"}
    assert by_speaker["Wilbur Ross"].title == "Commerce Secretary"
    assert by_speaker["Steven Mnuchin"].title == "Secretary, U.S. Treasury"
    assert by_speaker["Wang Yang"].title == "Vice Premier"
    [repeated] = [q for q in story.quotes if "more fair, equitable and reciprocal" in q.text]
    assert repeated.sources == 2
    [deficit] = [f for f in story.figures if f.text == "$309 billion"]
    assert "trade deficit" in deficit.about
    assert "in 2 sources" in render.to_text(samples_digest)
    [slack] = render.to_messages(samples_digest)
    assert any("_in 2 sources_" in b.get("text", {}).get("text", "") for b in slack)
