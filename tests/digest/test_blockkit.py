"""The Block Kit toolkit: outside text escaped and verbatim by construction, our markup kept,
links only to the web, lengths within Slack's, and a message's action ids distinct."""

import pytest

from digest.render import blockkit
from digest.render.blockkit import Mrkdwn

NASTY = "<!channel> <@U123> <http://evil.example|click> & more"
ESCAPED = "&lt;!channel&gt; &lt;@U123&gt; &lt;http://evil.example|click&gt; &amp; more"


def test_fields_are_escaped_and_the_template_is_kept():
    line = Mrkdwn("*{}* said {}").format(NASTY, blockkit.link("https://ok.example/a", NASTY, 500))
    assert line == f"*{ESCAPED}* said <https://ok.example/a|{ESCAPED}>"
    assert isinstance(line, Mrkdwn)


def test_plain_text_is_escaped_but_our_markup_is_not():
    assert blockkit.section(NASTY)["text"] == {"type": "mrkdwn", "text": ESCAPED, "verbatim": True}
    assert blockkit.section(Mrkdwn("<#C0DESK>"))["text"]["text"] == "<#C0DESK>"
    assert Mrkdwn(", ").join(["<!here>", Mrkdwn("*ok*")]) == "&lt;!here&gt;, *ok*"
    assert Mrkdwn("> ") + "<!here>" == "> &lt;!here&gt;"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", " https://x.example", ""],
)
def test_only_web_addresses_are_linked(url):
    assert blockkit.link(url, "label", 100) == "label"


def test_a_link_address_cannot_end_or_split_the_link():
    link = blockkit.link("HTTPS://a.example/b c|d>e", "x", 100)
    assert link == "<HTTPS://a.example/b%20c%7Cd%3Ee|x>"


@pytest.mark.parametrize("filler", ["word ", "<a> & ", "xy"])
def test_a_text_over_slack_limit_is_cut_outside_any_link_or_entity(filler):
    long = Mrkdwn("{} {}").format(filler * 2000, blockkit.link("https://ok.example", "end", 10))
    text = blockkit.text(long)["text"]
    assert len(text) <= blockkit.TEXT_CHARS
    assert text.endswith("…")
    assert "<" not in text and ">" not in text
    assert "&" not in text.rsplit(";", 1)[-1]


def test_every_button_of_a_message_gets_its_own_action_id_its_handler_matches():
    pick = [blockkit.button(name, "speaker_pick", name) for name in ("A", "B", "C")]
    blocks = blockkit.message([blockkit.actions(*pick), blockkit.actions(pick[0])])
    ids = [e["action_id"] for b in blocks for e in b["elements"]]
    assert len(set(ids)) == 4
    assert all(blockkit.action_ids("speaker_pick").match(i) for i in ids)
    assert not blockkit.action_ids("speaker").match(ids[0])
    assert blockkit.message(blocks) == blocks


def test_labels_fit_buttons_and_headers():
    assert len(blockkit.button("x" * 200, "a", "v")["text"]["text"]) <= blockkit.BUTTON_CHARS
    assert len(blockkit.header("y " * 200)["text"]["text"]) <= blockkit.HEADER_CHARS
