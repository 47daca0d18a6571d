"""Block Kit builders: each returns the plain dict `respond(**reply)` sends, all ephemeral."""

from __future__ import annotations

from bot.delivery import Outcome
from digest.render import slack_escape

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
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value,
    }
    return {**element, "style": "primary"} if primary else element


def usage(command: str, lines: str) -> dict:
    return reply(f"How to use {command}:\n{lines}")


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
        f"> {slack_escape(row['text'])}\n— *{who}*, <{row['url']}|{title}> {date}".rstrip()
    )


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
    return reply(f"Most quoted {label}: {counts[0][0]}", blocks)


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
    channel = f"<#{outcome.channel}>"
    said = {
        "posted": f"Posted to {channel}.",
        "already posted": f"This digest is already in {channel}.",
        "busy": "This digest is being posted right now.",
    }
    return reply(said.get(outcome.status) or f":warning: Not posted: {outcome.detail}.")
