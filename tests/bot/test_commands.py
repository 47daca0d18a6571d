"""Slash commands and buttons end to end: signed HTTP requests into the bot on a real server,
answers caught at the fake Slack's response URLs."""

import itertools
import json
import logging
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot import blocks, commands, delivery
from bot.app import slack_client
from digest import dedupe, jobs, store
from digest.config import SpeakersConfig
from digest.records import Article, ArticleRecord, Extraction, Quote, Speaker
from digest.speakers import filer
from tests.bot.conftest import SECRET, running_bot
from tests.bot.fake_slack import form, send, sign, slash_command
from tests.bot.seed import seed

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
_names = itertools.count()


def ask(bot_url, slack, command, text, replies=1):
    """Run `command text` as Slack would; the bodies sent to its response URL, each checked
    to be a message Slack takes: verbatim text, distinct action ids."""
    name = f"answer-{next(_names)}"
    body = form(slash_command(command, text, slack.response_url(name)))
    status, ack = send(bot_url, body, sign(SECRET, body))
    assert (status, ack) == (200, "")
    answers = [c.body for c in slack.wait_for(f"/respond/{name}", replies)]
    for answer in answers:
        assert_slack_takes(answer)
    return answers


def assert_slack_takes(reply: dict) -> None:
    ids = []
    for block in reply["blocks"]:
        texts = [block["text"]] if "text" in block else block.get("elements", [])
        for text in texts:
            if text.get("type") == "mrkdwn":
                assert text["verbatim"] is True
        ids += [e["action_id"] for e in block.get("elements", []) if "action_id" in e]
    assert len(ids) == len(set(ids)), f"duplicate action_id in {ids}"


def buttons(reply: dict) -> list[dict]:
    return [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]


def click(bot_url, slack, action_id, value, channel="random"):
    """Press a button in an ephemeral message in channel C0DESK; the bodies sent back."""
    name = f"click-{next(_names)}"
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TRADE"},
        "user": {"id": "U0ASKER"},
        "channel": {"id": "C0DESK", "name": channel},
        "container": {"type": "message", "is_ephemeral": True},
        "response_url": slack.response_url(name),
        "actions": [{"type": "button", "action_id": action_id, "value": value}],
    }
    body = form({"payload": json.dumps(payload)})
    assert send(bot_url, body, sign(SECRET, body))[0] == 200
    return [c.body for c in slack.wait_for(f"/respond/{name}")]


@pytest.fixture
def seeded(connect):
    """20 articles over the last six days (the commands measure periods from the real now)."""
    seed(connect(), 20, datetime.now(UTC))


def _text(reply: dict) -> str:
    return json.dumps(reply["blocks"], ensure_ascii=False)


@pytest.mark.parametrize("name", ["Wilbur Ross", "ross", "Wilbr Ros", "commerce secretary"])
def test_speaker_card_has_role_count_quotes_and_older_quotes_button(bot_url, slack, seeded, name):
    [reply] = ask(bot_url, slack, "/speaker", name)
    card = _text(reply)
    assert "*Wilbur Ross* — Commerce Secretary, Department of Commerce" in card
    assert "8 quotes" in card
    assert card.count("https://news.example.com/trade/") == 5
    [older] = buttons(reply)
    assert older["action_id"].startswith("speaker_quotes")


def test_older_quotes_button_pages_back_through_the_card(bot_url, slack, seeded):
    [reply] = ask(bot_url, slack, "/speaker", "Ross")
    [older] = buttons(reply)
    [page] = click(bot_url, slack, older["action_id"], older["value"])
    assert page["replace_original"] is True
    links = [b["text"]["text"].rsplit("<", 1)[1] for b in page["blocks"][2:]]
    assert len(links) == 3  # 8 quotes: 5 first, then the 3 older ones, and no more button
    assert not set(links) & {b["text"]["text"].rsplit("<", 1)[1] for b in reply["blocks"][2:7]}


def test_an_unclear_name_gets_did_you_mean_buttons_that_open_the_card(bot_url, slack, seeded):
    [reply] = ask(bot_url, slack, "/speaker", "Lighthouse")
    assert "Did you mean" in reply["text"]
    [pick] = buttons(reply)
    assert pick["value"] == "Robert Lighthizer"
    [card] = click(bot_url, slack, pick["action_id"], pick["value"])
    assert "*Robert Lighthizer* — Trade Representative" in _text(card)


def test_several_did_you_mean_buttons_have_their_own_action_ids_and_each_opens_its_card(
    bot_url, slack, seeded
):
    [reply] = ask(bot_url, slack, "/speaker", "Wang He")
    picks = buttons(reply)
    assert len(picks) >= 2
    assert len({p["action_id"] for p in picks}) == len(picks)
    for pick in picks:
        [card] = click(bot_url, slack, pick["action_id"], pick["value"])
        assert f"*{pick['value']}*" in _text(card)


def test_an_article_date_cannot_ping_the_channel_through_quotes_or_speaker(bot_url, slack, connect):
    seed(connect(), 3, datetime.now(UTC), published="<!channel>")
    for command, text in (("/quotes", "reciprocal"), ("/speaker", "Wilbur Ross")):
        [reply] = ask(bot_url, slack, command, text)
        assert "more fair, equitable and reciprocal" in _text(reply)
        assert "<!channel>" not in json.dumps(reply)
        assert "&lt;!channel&gt;" in _text(reply)


# What Cecilia Malmström said in one article, each with how sure its speaker is and its kind.
SAID = [
    ("Quotas on steel hurt our carmakers", 0.97, True, "speech"),
    ("Steel quotas would start a spiral of retaliation", 0.88, True, "speech"),
    ("Steel tariffs are a risk the union can absorb", 0.6, True, "speech"),
    ("the steel safeguard must end by June", 0.6, False, "speech"),
    ("steel buyers fear the quotas", 0.97, False, "belief"),
]


def _store_said(db) -> None:
    name, url = "Cecilia Malmström", "https://news.example.com/steel"
    quotes = tuple(
        Quote(text, k * 100, k * 100 + len(text), name, None, None, "said", direct, sure, kind)
        for k, (text, sure, direct, kind) in enumerate(SAID)
    )
    speaker = Speaker(name, ("Malmström",), "Trade Commissioner", "European Commission")
    today = datetime.now(UTC).date().isoformat()
    article = Article(url, "Steel talks", "…", "wire", published=today)
    record = ArticleRecord(
        article,
        Extraction(quotes, (speaker,), ()),
        canonical_url=dedupe.canonical_url(url),
        content_hash=dedupe.content_hash(url),
        fetched=datetime.now(UTC).isoformat(),
    )
    store.save_article(db, record, filer(SpeakersConfig()))


@pytest.mark.parametrize(
    ("threshold", "shown"),
    [(0.5, [0, 1, 2, 3]), (0.85, [0, 1]), (0.95, [0])],
)
def test_speaker_shows_the_quotes_as_sure_as_the_configured_digest_threshold(
    bot_config, connect, slack, threshold, shown
):
    _store_said(connect())
    config = replace(bot_config, digest=replace(bot_config.digest, min_confidence=threshold))
    with running_bot(config, connect) as url:
        [card] = ask(url, slack, "/speaker", "Malmström")
    assert [k for k, (text, *_) in enumerate(SAID) if text in _text(card)] == shown


def test_quotes_shows_less_sure_quotes_marked_and_paraphrase_as_paraphrase(
    bot_config, connect, slack
):
    _store_said(connect())
    config = replace(bot_config, digest=replace(bot_config.digest, min_confidence=0.85))
    with running_bot(config, connect) as url:
        [found] = ask(url, slack, "/quotes", "steel")
    assert found["text"].startswith("4 quotes match")  # the belief is no one's words
    lines = {b["text"]["text"] for b in found["blocks"][1:]}
    marked = {line for line in lines if line.endswith(blocks.UNCERTAIN)}
    assert {text for text, *_ in SAID[:4] if any(text in line for line in marked)} == {
        SAID[2][0],
        SAID[3][0],
    }
    assert any(line.startswith("*Cecilia Malmström* said the steel safeguard") for line in marked)
    assert "&gt; the steel safeguard" not in _text(found)


def test_one_of_anything_is_singular(bot_url, slack, connect):
    seed(connect(), 1, datetime.now(UTC))
    [found] = ask(bot_url, slack, "/quotes", "reciprocal")
    assert found["text"].startswith("1 quote matches")
    [card] = ask(bot_url, slack, "/speaker", "Wilbur Ross")
    assert card["text"].endswith(": 1 quote")
    assert "1 quote ·" in _text(card)


def test_an_answer_refused_once_at_the_response_url_is_sent_again(bot_url, slack, seeded):
    slack.fail_next_responses(500)
    first, second = ask(bot_url, slack, "/quotes", "reciprocal", replies=2)
    assert first == second
    assert "more fair, equitable and reciprocal" in _text(second)


def test_an_answer_the_response_url_keeps_refusing_is_logged(bot_url, slack, seeded, caplog):
    slack.fail_next_responses(500, count=3)
    with caplog.at_level(logging.ERROR, logger="bot.commands"):
        ask(bot_url, slack, "/quotes", "reciprocal", replies=3)
        deadline = time.monotonic() + 5
        while not caplog.records and time.monotonic() < deadline:
            time.sleep(0.05)
    [logged] = [r.getMessage() for r in caplog.records]
    assert logged.startswith("the answer to /quotes 'reciprocal' was not delivered: HTTP 500")


def test_a_button_that_fails_gets_an_apology_not_silence(bot_url, slack, seeded):
    [reply] = click(bot_url, slack, "speaker_quotes", "999999:5")
    assert "Sorry, that failed" in reply["text"]


def test_an_unknown_name_says_so(bot_url, slack, seeded):
    [reply] = ask(bot_url, slack, "/speaker", "zzz")
    assert "No speaker called “zzz”" in reply["text"]


@pytest.mark.parametrize(("text", "label"), [("", "this week"), ("month", "this month")])
def test_speakers_ranks_who_was_quoted_most(bot_url, slack, seeded, text, label):
    [reply] = ask(bot_url, slack, "/speakers", text)
    ranking = reply["blocks"][0]["text"]["text"]
    assert ranking.startswith(f"*Most quoted {label}*")
    assert "1. *" in ranking
    assert " — 8 quotes" in ranking


def test_speakers_today_counts_only_today(bot_url, slack, connect):
    seed(connect(), 2, datetime.now(UTC))
    [reply] = ask(bot_url, slack, "/speakers", "today")
    assert reply["text"].startswith("Most quoted today")


def test_quotes_finds_matching_quotes_with_speaker_and_link(bot_url, slack, seeded):
    [reply] = ask(bot_url, slack, "/quotes", "reciprocal")
    assert reply["response_type"] == "ephemeral"
    assert "more fair, equitable and reciprocal" in _text(reply)
    assert "Wilbur Ross" in _text(reply)
    assert "https://news.example.com/trade/0" in _text(reply)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ('"more fair', "equitable and reciprocal"),
        ("tariffs AND OR NOT", "No quotes match"),
        ("NEAR(steel aluminum)", "No quotes match"),
        ("(steel aluminum)", "Tariffs on steel"),
        ("soybean*", "Soybean exports"),
        ('"', "no words to search for"),
        ("<!channel> ^-*", "&lt;!channel&gt;"),
    ],
)
def test_quotes_takes_any_text_without_an_error(bot_url, slack, seeded, query, said):
    [reply] = ask(bot_url, slack, "/quotes", query)
    assert said in reply["text"] + _text(reply)
    assert "Sorry" not in reply["text"]


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("/speaker", ""),
        ("/speaker", "help"),
        ("/speakers", "help"),
        ("/speakers", "yearly"),
        ("/quotes", ""),
        ("/quotes", "help"),
        ("/digest", "help"),
    ],
)
def test_usage_on_empty_text_or_help(bot_url, slack, command, text):
    [reply] = ask(bot_url, slack, command, text)
    assert commands.USAGE[command][:20] in reply["text"]


def test_digest_before_any_digest_says_so(bot_url, slack):
    [reply] = ask(bot_url, slack, "/digest", "")
    assert "No digest yet" in reply["text"]


def test_digest_is_shown_only_to_the_asker_and_posted_by_button(
    bot_url, slack, bot_config, connect
):
    digest = jobs.build_digest(bot_config, connect(), NOW)
    for text in ("", "latest", "2026-11-20"):
        [reply] = ask(bot_url, slack, "/digest", text)
        assert reply["response_type"] == "ephemeral"
        [button] = buttons(reply)
        assert button["value"] == str(digest.id)
    [posted] = click(bot_url, slack, button["action_id"], str(digest.id))
    assert "Posted to <#C0DESK>" in posted["text"]
    [again] = click(bot_url, slack, button["action_id"], str(digest.id))
    assert "already in <#C0DESK>" in again["text"]
    assert [p.body["channel"] for p in slack.posts()] == ["C0DESK"]


def test_the_button_in_a_configured_channel_does_not_repost_the_scheduled_digest(
    bot_url, slack, bot_config, connect
):
    outlet = delivery.SlackOutlet(slack_client(bot_config), bot_config.slack.channels)
    [posted] = jobs.run_digest(bot_config, connect(), None, NOW, outlet).outcomes[:1]
    assert posted.channel == "#trade-desk"
    [reply] = click(bot_url, slack, "digest_post", str(posted.digest_id), channel="trade-desk")
    assert "already in #trade-desk" in reply["text"]
    assert [p.body["channel"] for p in slack.posts()] == ["#trade-desk", "#markets"]


@pytest.mark.parametrize(
    ("text", "said"),
    [("2026-11-21", "No digest was made on 2026-11-21"), ("yesterday", "is not a date")],
)
def test_digest_of_a_day_without_one_or_a_bad_date_explains(bot_url, slack, text, said):
    [reply] = ask(bot_url, slack, "/digest", text)
    assert said in reply["text"]
