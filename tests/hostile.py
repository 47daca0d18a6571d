"""Article text at its worst, and the checks that a rendering of it pings, links and escapes
nothing: for Slack mrkdwn, Markdown and the terminal alike."""

from __future__ import annotations

import re

from hypothesis import strategies as st

# Pieces a hostile page puts in a title, a quote or a name: Slack mentions and links, Markdown
# and HTML links, script URLs, terminal escape sequences (7- and 8-bit), bidi overrides, odd
# spaces and any script.
ATOMS = [
    "<!channel>",
    "<!here>",
    "<@U1>",
    "<#C1>",
    "<http://evil.example|click>",
    "<javascript:alert(1)|x>",
    "[x](javascript:alert(1))",
    "![i](http://evil.example/i.png)",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "&lt;!channel&gt;",
    "\x1b]0;title\x07",
    "\x1b]8;;http://evil.example\x1b\\",
    "\x1b[2J",
    "\x9b2J",
    "\x00",
    "\r",
    "\u202e",
]
hostile_text = st.lists(
    st.one_of(st.sampled_from([*ATOMS, *"<>&|!@*_~`[]() \n\t\u00a0aZ9é漢"]), st.text(max_size=3)),
    max_size=60,
).map("".join)
# Addresses as articles give them: good, with characters that would end a link, and not web.
urls = st.sampled_from(
    [
        "https://ok.example/a?b=1&c=2",
        "https://ok.example/<x>|y z",
        "HTTPS://ok.example/(paren)",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/passwd",
        "",
    ]
)
ALLOWED_LINK = re.compile(r"https://ok\.example/\S*\Z", re.IGNORECASE)
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_safe_mrkdwn(text: str) -> None:
    """Slack mrkdwn: every `<...>` is one of our links to an allowed address, with a clean
    label; nothing else can mention, ping or link."""
    for inside in re.findall(r"<([^>]*)>", text):
        address, bar, label = inside.partition("|")
        assert bar and ALLOWED_LINK.match(address), inside
        assert not re.search(r"[\s<>|]", address), inside
        assert "<" not in label, inside
    assert "<" not in re.sub(r"<[^>]*>", "", text)


def assert_safe_markdown(markdown: str) -> None:
    """Markdown: no raw HTML, and every link (an unescaped `](`) goes to an allowed address."""
    assert "<" not in markdown and ">" not in markdown.replace("\n> ", "\n")
    for address in re.findall(r"(?<!\\)\]\(([^)\s]*)\)", markdown):
        assert ALLOWED_LINK.match(address), address
    assert not TERMINAL_CONTROL.search(markdown)


def assert_safe_terminal(shown: str) -> None:
    """Plain terminal text: no control character but newline and tab."""
    assert not TERMINAL_CONTROL.search(shown), repr(TERMINAL_CONTROL.search(shown))


def assert_safe_colour_terminal(shown: str) -> None:
    """A colour terminal's stream: rich's own styles and links to allowed addresses, nothing
    else that a terminal would act on."""
    links = re.findall(r"\x1b\]8;[^;]*;([^\x1b\x07]*)(?:\x1b\\|\x07)", shown)
    assert all(not link or ALLOWED_LINK.match(link) for link in links), links
    rest = re.sub(r"\x1b\]8;[^;]*;[^\x1b\x07]*(?:\x1b\\|\x07)", "", shown)
    rest = re.sub(r"\x1b\[[0-9;]*m", "", rest)
    assert_safe_terminal(rest)
