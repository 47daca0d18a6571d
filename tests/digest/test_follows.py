"""Follows and alerts, the pure part: topics, matching, alert messages, quiet hours."""

from datetime import datetime

import pytest

from digest import follows
from digest.follows import (
    SPEAKER,
    TOPIC,
    AlertItem,
    Follow,
    NewArticle,
    NewQuote,
    TextIndex,
    parse_topic,
)

EARLY, LATE = "2026-11-20T08:00:00+00:00", "2026-11-20T12:00:00+00:00"


@pytest.mark.parametrize(
    ("topic", "texts", "words"),
    [
        # every word, in any order and inflection, as the article wrote it
        ("soybean tariffs", ["Tariffs on soybeans rise"], ("soybeans", "Tariffs")),
        ("steel duty", ["New duties on Steel"], ("Steel", "duties")),
        ("taxes", ["a tax on imports"], ("tax",)),
        # the words may come from the headline, the lead or a quote
        ("soybean tariffs", ["Farmers worry", "“Soybean prices fall with tariffs”"], None),
        # one word missing is no match
        ("soybean tariffs", ["Tariffs on steel"], None),
        # filler words are not required
        ("tariffs on steel", ["Steel tariffs"], ("tariffs", "Steel")),
        # accents and case do not matter
        ("Malmström", ["malmstrom said"], ("malmstrom",)),
    ],
)
def test_a_topic_matches_when_the_text_has_all_its_words(topic, texts, words):
    found = TextIndex(texts).found(parse_topic(topic))
    if texts[0] == "Farmers worry":
        assert found == ("Soybean", "tariffs")
    else:
        assert found == words


def test_a_topic_without_words_is_none():
    assert parse_topic(" “” ! ") is None
    assert parse_topic("the of") is None


def _article(id_, title="Trade news", lead="", fetched=LATE):
    return NewArticle(id_, title, f"https://news.example.com/{id_}", lead, fetched)


def test_a_followed_speakers_quotes_match_only_articles_stored_after_the_follow():
    ross = Follow(1, "U1", SPEAKER, "Wilbur Ross", EARLY, speaker_id=7)
    late_follow = Follow(2, "U2", SPEAKER, "Wilbur Ross", "2026-11-21T00:00:00+00:00", 7)
    quotes = [
        NewQuote(10, 7, "Wilbur Ross", "Commerce Secretary", "Tariffs work"),
        NewQuote(10, 8, "Liu He", "Vice Premier", "We will respond"),
    ]
    found = follows.match([ross, late_follow], [_article(10)], quotes)
    assert [(user, item.text, item.speaker_title) for user, item in found] == [
        ("U1", "Tariffs work", "Commerce Secretary")
    ]


def test_a_topic_match_names_the_words_found_and_counts_once_per_topic():
    users = [
        Follow(i, f"U{i}", TOPIC, "soybean tariffs", EARLY, terms=("soybean", "tariff"))
        for i in range(3)
    ]
    article = _article(5, "China answers US tariffs", "Soybeans are the first target.")
    found = follows.match(users, [article, _article(6, "Steel")], [])
    assert [(user, item.key, item.words) for user, item in found] == [
        (f"U{i}", "article:5", ("Soybeans", "tariffs")) for i in range(3)
    ]


def test_a_quote_keeps_its_key_across_versions_of_the_article():
    assert follows.quote_key(3, "Tariffs  work") == follows.quote_key(3, "Tariffs work")
    assert follows.quote_key(3, "Tariffs work") != follows.quote_key(4, "Tariffs work")


def _item(n, **kw):
    fields = dict(
        key=f"quote:{n}",
        kind=SPEAKER,
        follow="Wilbur Ross",
        article_title=f"Story {n}",
        url=f"https://news.example.com/{n}",
        text=f"Quote {n}",
        speaker="Wilbur Ross",
    )
    return AlertItem(**{**fields, **kw})


def test_an_alert_shows_at_most_max_items_and_counts_the_rest():
    alert = follows.alerts_of("U1", [_item(n) for n in range(7)], max_items=3)
    message = follows.to_message(alert)
    text = str(message["blocks"])
    assert [i.key for i in alert.items] == ["quote:0", "quote:1", "quote:2"]
    assert alert.more == 4 and "and 4 more" in text
    assert message["text"].startswith("7 new for you")


def test_hostile_text_in_an_alert_cannot_ping_mention_or_link():
    hostile = _item(
        1,
        text="<!channel> see <https://evil.example|your bank> & <@U123>",
        article_title="<!here> news",
        speaker="<@U999>",
        url="javascript:alert(1)",
    )
    topic = _item(2, kind=TOPIC, follow="<!everyone>", words=("<b>",), text="<!subteam^S1>")
    message = follows.to_message(follows.alerts_of("U1", [hostile, topic], 10))
    texts = [
        e["text"] for b in message["blocks"] for e in [b.get("text"), *b.get("elements", [])] if e
    ]
    joined = " ".join(texts) + message["text"]
    assert "<!" not in joined and "<@" not in joined and "<https://evil" not in joined
    assert "<javascript" not in joined  # only http(s) links
    assert "&lt;!channel&gt;" in joined and "&amp;" in joined
    assert all(
        e.get("verbatim")
        for b in message["blocks"]
        for e in [b.get("text"), *b.get("elements", [])]
        if e
    )


def test_the_terminal_alert_has_no_control_characters():
    text = follows.to_text(follows.alerts_of("U1", [_item(1, text="bad\x1b[31m red\x07")], 5))
    assert "\x1b" not in text and "\x07" not in text and "bad" in text


@pytest.mark.parametrize(
    ("span", "clock", "quiet"),
    [
        (((22, 0), (7, 0)), "23:30", True),
        (((22, 0), (7, 0)), "06:59", True),
        (((22, 0), (7, 0)), "07:00", False),
        (((22, 0), (7, 0)), "12:00", False),
        (((12, 0), (13, 0)), "12:30", True),
        (((12, 0), (13, 0)), "13:30", False),
        (None, "03:00", False),
    ],
)
def test_quiet_hours_may_run_across_midnight(span, clock, quiet):
    local = datetime.fromisoformat(f"2026-11-20T{clock}")
    assert follows.is_quiet(span, local) is quiet
