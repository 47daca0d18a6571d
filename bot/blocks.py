"""Block Kit builders: each returns the plain dict `respond(**reply)` sends, all ephemeral."""

from __future__ import annotations

import re

from bot.delivery import Outcome
from digest.render import slack_escape
from digest.speakers import CardQuote, SpeakerCard

MAX_BLOCKS = 50
SECTION_LIMIT = 3000


def reply(text: str, blocks: list[dict] | None = None) -> dict:
    """An answer only the asker sees; `text` is the notification and screen-reader fallback."""
    return {"response_type": "ephemeral", "text": text, "blocks": blocks or [section(text)]}


def section(mrkdwn: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn[:SECTION_LIMIT]}}


def context(mrkdwn: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn[:SECTION_LIMIT]}]}


def button(text: str, action_id: str, value: str, primary: bool = False) -> dict:
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": text[:75]},
        "action_id": action_id,
        "value": value,
    }
    return {**element, "style": "primary"} if primary else element


def link(url: str, label: str) -> str:
    """A mrkdwn link to an article; characters that would end the link early are
    percent-encoded, and anything but http(s) stays plain text."""
    if not re.match(r"https?://", url, re.IGNORECASE):
        return label
    safe = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"<{safe}|{label}>"


def problem(text: str) -> dict:
    return reply(f":warning: {text}")


def quote_results(query: str, total: int, rows: list[dict]) -> dict:
    shown = slack_escape(query)
    if not rows:
        return reply(f"No quotes match “{shown}”. Try fewer or different words.")
    blocks = [section(f"*{total} quote{'s' * (total != 1)} match “{shown}”*")]
    blocks += [_quote(row) for row in rows]
    if total > len(rows):
        blocks.append(context(f"Showing the best {len(rows)}. Add words to narrow the search."))
    return reply(f"{total} quotes match “{shown}”", blocks)


def _quote(row: dict) -> dict:
    who = slack_escape(row["speaker"] or "unknown speaker")
    date = (row["published"] or row["fetched"] or "")[:10]
    title = slack_escape(row["title"] or row["url"])
    return section(
        f"> {slack_escape(row['text'])}\n— *{who}*, {link(row['url'], title)} {date}".rstrip()
    )


def speaker_card(card: SpeakerCard, offset: int) -> dict:
    """Who they are, how often quoted, a page of quotes and a button for older ones."""
    role = ", ".join(slack_escape(r) for r in (card.title, card.organization, card.country) if r)
    facts = [f"{card.quote_count} quote{'s' * (card.quote_count != 1)}"]
    if card.first_seen:
        facts.append(f"seen {card.first_seen[:10]} → {(card.last_seen or '')[:10]}")
    if card.aliases:
        facts.append("also " + ", ".join(slack_escape(a) for a in card.aliases[:8]))
    blocks = [
        section(f"*{slack_escape(card.name)}*" + (f" — {role}" if role else "")),
        context(" · ".join(facts)),
    ]
    blocks += [_card_quote(q) for q in card.quotes]
    if not card.quotes:
        blocks.append(section("No quotes stored." if not offset else "No older quotes."))
    shown = offset + len(card.quotes)
    if shown < card.quote_count:
        value = f"{card.speaker_id}:{shown}"
        blocks.append(
            {"type": "actions", "elements": [button("Older quotes", "speaker_quotes", value)]}
        )
    return reply(f"{slack_escape(card.name)}: {card.quote_count} quotes", blocks)


def _card_quote(quote: CardQuote) -> dict:
    title = slack_escape(quote.article_title or quote.url)
    return section(
        f"> {slack_escape(quote.text)}\n{(quote.date or '')[:10]} {link(quote.url, title)}"
    )


def did_you_mean(query: str, suggestions: list[str]) -> dict:
    shown = slack_escape(query)
    if not suggestions:
        return reply(f"No speaker called “{shown}” is stored. `/speakers month` lists who is.")
    blocks = [
        section(f"No speaker called “{shown}”. Did you mean:"),
        {
            "type": "actions",
            "elements": [button(name, "speaker_pick", name) for name in suggestions[:5]],
        },
    ]
    names = ", ".join(map(slack_escape, suggestions))
    return reply(f"No speaker called “{shown}”. Did you mean {names}?", blocks)


def ranking(label: str, counts: list[tuple[str, int]]) -> dict:
    if not counts:
        return reply(f"Nobody was quoted {label}.")
    lines = [
        f"{rank}. *{slack_escape(name)}* — {count} quote{'s' * (count != 1)}"
        for rank, (name, count) in enumerate(counts, 1)
    ]
    blocks = [
        section(f"*Most quoted {label}*\n" + "\n".join(lines)),
        context("`/speaker NAME` shows what any of them said."),
    ]
    return reply(f"Most quoted {label}: {slack_escape(counts[0][0])}", blocks)


def digest_preview(digest_id: int, messages: list[dict], max_replies: int = 5) -> list[dict]:
    """The digest's messages as ephemeral replies, then a button to post it to the channel.

    A response URL takes five replies, so a longer digest is cut, saying how much is left."""
    shown = messages[: max_replies - 1]
    replies = [reply(m["text"], m["blocks"]) for m in shown]
    left = len(messages) - len(shown)
    actions = [
        context("Only you can see this." + (f" {left} more messages when posted." if left else "")),
        {
            "type": "actions",
            "elements": [button("Post to channel", "digest_post", str(digest_id), primary=True)],
        },
    ]
    if len(replies[-1]["blocks"]) + len(actions) <= MAX_BLOCKS:
        replies[-1] = {**replies[-1], "blocks": replies[-1]["blocks"] + actions}
    else:
        replies.append(reply("Post this digest to the channel?", actions))
    return replies


def posted(outcome: Outcome) -> dict:
    channel = outcome.channel if outcome.channel.startswith("#") else f"<#{outcome.channel}>"
    said = {
        "posted": f"Posted to {channel}.",
        "already posted": f"This digest is already in {channel}.",
        "busy": "This digest is being posted right now.",
    }
    return reply(said.get(outcome.status) or f":warning: Not posted: {outcome.detail}.")
