"""Block Kit builders: plain dicts within Slack's limits, article text unable to ping or link."""

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import blocks
from digest.records import FoundQuote
from digest.speakers import CardQuote, SpeakerCard
from tests.hostile import assert_safe_mrkdwn, hostile_text, urls

NASTY = "<!channel> <@U123> <http://evil.example|click> & more"
URL = "https://news.example.com/a"
DAY = "2026-11-20"


def _card(quotes: int, count: int) -> SpeakerCard:
    quote = CardQuote(NASTY, "2026-11-20", "https://news.example.com/a|b>c", "Talks <b>")
    return SpeakerCard(
        name="Wilbur <!here> Ross",
        title="Commerce Secretary",
        organization=None,
        aliases=("Ross",),
        quote_count=count,
        first_seen="2026-11-01T00:00:00+00:00",
        last_seen="2026-11-20T00:00:00+00:00",
        quotes=(quote,) * quotes,
        speaker_id=7,
    )


def test_article_text_in_a_card_cannot_ping_mention_or_forge_a_link():
    text = json.dumps(blocks.speaker_card(_card(5, 12), offset=0))
    assert "<!channel>" not in text and "<!here>" not in text and "<@U123>" not in text
    assert "<http://evil" not in text
    assert "&lt;!channel&gt;" in text
    assert "<https://news.example.com/a%7Cb%3Ec|Talks &lt;b&gt;>" in text


@pytest.mark.parametrize(
    ("offset", "count", "button"), [(0, 12, "7:5"), (5, 12, "7:10"), (10, 15, None)]
)
def test_the_older_quotes_button_points_at_the_next_page_while_there_is_one(offset, count, button):
    card = blocks.speaker_card(_card(5, count), offset=offset)
    actions = [b for b in card["blocks"] if b["type"] == "actions"]
    assert [a["elements"][0]["value"] for a in actions] == ([button] if button else [])


def test_a_long_quote_is_cut_with_an_ellipsis_and_keeps_its_speaker_link_and_date():
    found = FoundQuote("word " * 1000, True, "Wilbur Ross", None, URL, "Talks", "2026-11-20")
    reply = blocks.quote_results("word", 1, [found])
    [quote] = [b["text"]["text"] for b in reply["blocks"][1:]]
    assert len(quote) <= 3000
    assert "word…\n— *Wilbur Ross*, <https://news.example.com/a|Talks> 2026-11-20" in quote


@pytest.mark.parametrize("parts", [1, 3, 5, 9])
def test_a_digest_preview_fits_one_response_url_and_ends_with_the_post_button(parts):
    messages = [{"text": "digest", "blocks": [{"type": "divider"}] * 50}] * parts
    replies = blocks.digest_preview(42, messages)
    assert len(replies) <= 5
    assert all(len(r["blocks"]) <= blocks.MAX_BLOCKS for r in replies)
    assert all(r["response_type"] == "ephemeral" for r in replies)
    [button] = replies[-1]["blocks"][-1]["elements"]
    assert (button["action_id"], button["value"]) == ("digest_post#1", "42")
    if parts > 4:
        assert f"{parts - 4} more message{'s' * (parts > 5)} when posted" in json.dumps(replies[-1])


def test_a_short_digest_carries_its_button_in_the_same_message():
    [reply] = blocks.digest_preview(1, [{"text": "digest", "blocks": [{"type": "divider"}]}])
    assert [b["type"] for b in reply["blocks"]] == ["divider", "context", "actions"]


@pytest.mark.parametrize(
    "reply",
    [
        blocks.ranking("today", [(NASTY, 3)]),
        blocks.did_you_mean(NASTY, [NASTY]),
        blocks.quote_results(
            NASTY,
            1,
            [FoundQuote(NASTY, True, NASTY, 0.1, "https://x.example", NASTY, "2026-11-20")],
            0.85,
        ),
    ],
    ids=["ranking", "did you mean", "quotes"],
)
def test_names_and_queries_are_escaped_in_text_and_blocks(reply):
    shown = json.dumps({k: v for k, v in reply.items() if k != "blocks"}) + json.dumps(
        [b for b in reply["blocks"] if b["type"] != "actions"]
    )
    assert "<!channel>" not in shown and "<@U123>" not in shown


def assert_slack_takes_safely(reply: dict) -> None:
    """Every text of a reply, the notification too, is verbatim and pings, links nothing but
    allowed addresses; its action ids are distinct."""
    assert_safe_mrkdwn(reply["text"])
    ids = []
    for block in reply["blocks"]:
        for text in [block["text"]] if "text" in block else block.get("elements", []):
            if text.get("type") == "mrkdwn":
                assert text["verbatim"] is True
                assert len(text["text"]) <= 3000
                assert_safe_mrkdwn(text["text"])
        ids += [e["action_id"] for e in block.get("elements", []) if "action_id" in e]
    assert len(ids) == len(set(ids))


@settings(max_examples=60, deadline=None)
@given(
    query=hostile_text,
    text=hostile_text,
    name=hostile_text,
    date=hostile_text,
    url=urls,
    names=st.lists(hostile_text, max_size=6),
)
def test_any_stored_text_in_any_reply_pings_and_links_nothing(query, text, name, date, url, names):
    found = FoundQuote(text, True, name, 0.5, url, name, date)
    quote = CardQuote(text, date, url, name)
    card = SpeakerCard(name, name, name, (name,), 9, date, date, (quote,) * 3, 7, name)
    replies = [
        blocks.quote_results(query, 12, [found] * 3, 0.85),
        blocks.quote_results(query, 0, []),
        blocks.speaker_card(card, offset=0),
        blocks.did_you_mean(query, names),
        blocks.ranking("this week", [(n, 1) for n in names]),
    ]
    for reply in replies:
        assert_slack_takes_safely(reply)


def test_paraphrase_on_a_card_and_in_search_is_told_never_set_out_as_a_quote():
    told = CardQuote("the U.S. wants deliverables", "2026-11-20", "https://n.example/a", "T", False)
    card = replace(_card(0, 1), quotes=(told,))
    shown = json.dumps(blocks.speaker_card(card, 0), ensure_ascii=False)
    assert "said the U.S. wants deliverables" in shown
    assert "> the U.S." not in shown
    told = FoundQuote("the U.S. wants deliverables", False, "Steven Mnuchin", 0.9, URL, "T", DAY)
    found = json.dumps(blocks.quote_results("deliverables", 1, [told]), ensure_ascii=False)
    assert "*Steven Mnuchin* said the U.S. wants deliverables" in found
    assert "> the U.S." not in found


@pytest.mark.parametrize(
    ("confidence", "direct", "uncertain"),
    [
        (0.6, True, True),  # below the digest's bar: shown, marked
        (0.6, False, True),  # paraphrase below the bar: still told as paraphrase, marked
        (0.85, True, False),  # at the bar: what the digest would show
        (0.95, False, False),
        (None, True, False),  # stored before confidence was measured: shown as before
    ],
)
def test_search_marks_a_quote_whose_speaker_is_less_sure_than_the_digest_shows(
    confidence, direct, uncertain
):
    quote = FoundQuote("we will not back down", direct, "Wilbur Ross", confidence, URL, "T", DAY)
    [_, found] = blocks.quote_results("back down", 1, [quote], 0.85)["blocks"]
    shown = found["text"]["text"]
    assert shown.endswith(blocks.UNCERTAIN) is uncertain
    assert ("*Wilbur Ross* said we will not back down" in shown) is (not direct)
    assert ("> we will not back down" in shown) is direct


def test_words_in_a_quote_cannot_pass_for_the_uncertain_mark():
    forged = FoundQuote(f"sure{blocks.UNCERTAIN}", True, "Ross", 0.95, URL, "T", DAY)
    [_, found] = blocks.quote_results("sure", 1, [forged], 0.85)["blocks"]
    assert not found["text"]["text"].endswith(blocks.UNCERTAIN)
    assert found["text"]["text"].count(":grey_question:") == 1
