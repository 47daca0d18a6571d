"""A digest rendered for Slack (Block Kit), Markdown and the terminal."""

from __future__ import annotations

from digest.compose import Digest
from digest.speakers import SpeakerCard

EMPTY = "No new trade news since the last digest."


def slack_escape(text: str) -> str:
    """Slack's escaping for text from articles: no mention, channel ping or link can get through."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quote_line(text: str, speaker: str | None, title: str | None) -> str:
    who = speaker or "unknown speaker"
    return f"“{text}” — {who}" + (f", {title}" if title else "")


def to_text(digest: Digest) -> str:
    lines = [f"Trade digest {digest.period_start[:16]} → {digest.period_end[:16]}", ""]
    if not digest.stories:
        return "\n".join([*lines, EMPTY])
    for story in digest.stories:
        lines += [story.headline, f"  {story.url}"]
        lines += [f"  {_quote_line(q.text, q.speaker, q.title)}" for q in story.quotes]
        lines += [f"  • {f.text}" + (f" — {f.about}" if f.about else "") for f in story.figures]
        lines.append("")
    if digest.more_stories:
        lines.append(f"…and {digest.more_stories} more")
    return "\n".join(lines).rstrip() + "\n"


def to_blocks(digest: Digest) -> list[dict]:
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Trade digest"}},
    ]
    if not digest.stories:
        return [*blocks, _section(EMPTY)]
    for story in digest.stories:
        lines = [f"*<{story.url}|{slack_escape(story.headline)}>*"]
        lines += [
            "> " + slack_escape(_quote_line(q.text, q.speaker, q.title)) for q in story.quotes
        ]
        lines += [
            "• " + slack_escape(f.text + (f" — {f.about}" if f.about else ""))
            for f in story.figures
        ]
        blocks += [_section("\n".join(lines)[:3000]), {"type": "divider"}]
    return blocks[:50]


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def card_text(card: SpeakerCard) -> str:
    """A speaker's card for the terminal: who, since when, and their latest quotes."""
    role = ", ".join(filter(None, (card.title, card.organization, card.country)))
    lines = [card.name + (f" — {role}" if role else "")]
    if card.aliases:
        lines.append(f"  also: {', '.join(card.aliases)}")
    lines.append(
        f"  {card.quote_count} quote(s), seen {(card.first_seen or '?')[:10]}"
        f" → {(card.last_seen or '?')[:10]}"
    )
    earlier = [r for r in card.roles[1:] if r.title]
    if earlier:
        lines.append("  earlier: " + "; ".join(f"{r.title} ({r.last_seen[:10]})" for r in earlier))
    for quote in card.quotes:
        lines += [
            f"  “{quote.text}”",
            f"    {(quote.date or '')[:10]} {quote.article_title} {quote.url}",
        ]
    return "\n".join(lines) + "\n"
