"""Slash commands and buttons end to end: signed HTTP requests into the bot on a real server,
answers caught at the fake Slack's response URLs."""

import itertools
import json
from datetime import UTC, datetime

import pytest

from bot import commands
from digest import jobs
from tests.bot.conftest import SECRET
from tests.bot.fake_slack import form, send, sign, slash_command
from tests.bot.seed import seed

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
_names = itertools.count()


def ask(bot_url, slack, command, text, replies=1):
    """Run `command text` as Slack would; the bodies sent to its response URL."""
    name = f"answer-{next(_names)}"
    body = form(slash_command(command, text, slack.response_url(name)))
    status, ack = send(bot_url, body, sign(SECRET, body))
    assert (status, ack) == (200, "")
    return [c.body for c in slack.wait_for(f"/respond/{name}", replies)]


def click(bot_url, slack, action_id, value):
    """Press a button in an ephemeral message in channel C0DESK; the bodies sent back."""
    name = f"click-{next(_names)}"
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TRADE"},
        "user": {"id": "U0ASKER"},
        "channel": {"id": "C0DESK", "name": "trade-desk"},
        "container": {"type": "message", "is_ephemeral": True},
        "response_url": slack.response_url(name),
        "actions": [{"type": "button", "action_id": action_id, "value": value}],
    }
    body = form({"payload": json.dumps(payload)})
    assert send(bot_url, body, sign(SECRET, body))[0] == 200
    return [c.body for c in slack.wait_for(f"/respond/{name}")]


@pytest.fixture
def seeded(connect):
    seed(connect(), 6, NOW)


def _text(reply: dict) -> str:
    return json.dumps(reply["blocks"], ensure_ascii=False)


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


@pytest.mark.parametrize(("command", "text"), [("/quotes", ""), ("/quotes", "help")])
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
        [button] = next(b for b in reply["blocks"] if b["type"] == "actions")["elements"]
        assert button["value"] == str(digest["id"])
    [posted] = click(bot_url, slack, "digest_post", str(digest["id"]))
    assert "Posted to <#C0DESK>" in posted["text"]
    [again] = click(bot_url, slack, "digest_post", str(digest["id"]))
    assert "already in <#C0DESK>" in again["text"]
    assert [p.body["channel"] for p in slack.posts()] == ["C0DESK"]


@pytest.mark.parametrize(
    ("text", "said"),
    [("2026-11-21", "No digest was made on 2026-11-21"), ("yesterday", "is not a date")],
)
def test_digest_of_a_day_without_one_or_a_bad_date_explains(bot_url, slack, text, said):
    [reply] = ask(bot_url, slack, "/digest", text)
    assert said in reply["text"]
