"""The bot's replies, built with `digest.render.blockkit`: each returns the plain dict
`respond(**reply)` sends, all ephemeral. Everything from the store goes in as plain text, which
the toolkit escapes; a quote is never cut from its speaker and link."""

from __future__ import annotations

from collections.abc import Iterable

from bot.delivery import Outcome
from digest.figures.history import Series, amount
from digest.records import FoundQuote
from digest.render._parts import counted
from digest.render.blockkit import (
    MAX_BLOCKS,
    TEXT_CHARS,
    Mrkdwn,
    actions,
    button,
    context,
    link,
    message,
    plain,
    section,
)
from digest.speakers import CardQuote, SpeakerCard

# A quote's words are cut (marked …) to fit a section beside its speaker, link and date.
QUOTE_CHARS = TEXT_CHARS - 600
LABEL_CHARS = 150
# Block Kit allows five suggestions' worth of buttons comfortably in one row.
SUGGESTIONS = 5


def reply(text: str, blocks: Iterable[dict] | None = None) -> dict:
    """An answer only the asker sees; `text` is the notification and screen-reader fallback."""
    shown = Mrkdwn() + text
    return {
        "response_type": "ephemeral",
        "text": shown,
        "blocks": message(blocks or [section(shown)]),
    }


def problem(text: str) -> dict:
    return reply(Mrkdwn(":warning: ") + text)


def quote_results(
    query: str, total: int, found: list[FoundQuote], min_confidence: float = 0.0
) -> dict:
    """The quotes found, each with its speaker and link; one whose speaker is less sure than
    `min_confidence` (the digest would leave it out) is marked as uncertain."""
    if not found:
        return reply(Mrkdwn("No quotes match “{}”. Try fewer or different words.").format(query))
    said = Mrkdwn("{} “{}”").format(counted(total, "quote matches", "quotes match"), query)
    lines = (_found(quote, _uncertain(quote, min_confidence)) for quote in found)
    blocks = [section(Mrkdwn("*{}*").format(said)), *_quotes(lines)]
    if total > len(found):
        more = f"Showing the best {len(found)}, {total - len(found)} more. Add words to narrow it."
        blocks.append(context(more))
    return reply(said, blocks)


# Our own markup after the link: never part of the article's words, which are escaped.
UNCERTAIN = Mrkdwn(" · :grey_question: _speaker uncertain_")


def _uncertain(quote: FoundQuote, min_confidence: float) -> bool:
    return quote.confidence is not None and quote.confidence < min_confidence


def _found(quote: FoundQuote, uncertain: bool) -> Mrkdwn:
    who = plain(quote.speaker or "unknown speaker", LABEL_CHARS)
    where = link(quote.url, quote.article_title or quote.url, LABEL_CHARS)
    date = (quote.date or "")[:10]
    # Paraphrase is told as what was said, never set out as a quotation.
    said = "*{}* said {}\n{} {}" if not quote.direct else "> {1}\n— *{0}*, {2} {3}"
    line = Mrkdwn(said).format(who, plain(quote.text, QUOTE_CHARS), where, date)
    return line + UNCERTAIN if uncertain else line


def _quotes(lines: Iterable[Mrkdwn]) -> list[dict]:
    """A section a quote: its words are cut to fit, never its speaker and link."""
    return [section(line) for line in lines]


def speaker_card(card: SpeakerCard, offset: int) -> dict:
    """Who they are, how often quoted, a page of quotes and a button for older ones."""
    role = ", ".join(r for r in (card.title, card.organization, card.country) if r)
    facts = [counted(card.quote_count, "quote")]
    if card.first_seen:
        facts.append(f"seen {card.first_seen[:10]} → {(card.last_seen or '')[:10]}")
    if card.aliases:
        facts.append("also " + ", ".join(card.aliases[:8]))
    name = Mrkdwn("*{}*").format(plain(card.name, LABEL_CHARS))
    blocks = [
        section(name + Mrkdwn(" — ") + role if role else name),
        context(" · ".join(facts)),
        *_quotes(_card_quote(q) for q in card.quotes),
    ]
    if not card.quotes:
        blocks.append(section("No quotes stored." if not offset else "No older quotes."))
    shown = offset + len(card.quotes)
    if shown < card.quote_count:
        value = f"{card.speaker_id}:{shown}"
        blocks.append(actions(button("Older quotes", "speaker_quotes", value)))
    return reply(f"{card.name}: {counted(card.quote_count, 'quote')}", blocks)


def _card_quote(quote: CardQuote) -> Mrkdwn:
    # Paraphrase is told as what was said, never set out as a quotation.
    said = "> {}\n{} {}" if quote.direct else "said {}\n{} {}"
    return Mrkdwn(said).format(
        plain(quote.text, QUOTE_CHARS),
        (quote.date or "")[:10],
        link(quote.url, quote.article_title or quote.url, LABEL_CHARS),
    )


def did_you_mean(query: str, suggestions: list[str]) -> dict:
    if not suggestions:
        return reply(
            Mrkdwn("No speaker called “{}” is stored. `/speakers month` lists who is.").format(
                query
            )
        )
    picks = [button(name, "speaker_pick", name) for name in suggestions[:SUGGESTIONS]]
    blocks = [
        section(Mrkdwn("No speaker called “{}”. Did you mean:").format(query)),
        actions(*picks),
    ]
    names = ", ".join(suggestions)
    return reply(Mrkdwn("No speaker called “{}”. Did you mean {}?").format(query, names), blocks)


def ranking(label: str, counts: list[tuple[str, int]]) -> dict:
    if not counts:
        return reply(f"Nobody was quoted {label}.")
    lines = Mrkdwn("\n").join(
        Mrkdwn("{}. *{}* — {}").format(rank, plain(name, LABEL_CHARS), counted(count, "quote"))
        for rank, (name, count) in enumerate(counts, 1)
    )
    blocks = [
        section(Mrkdwn("*Most quoted {}*\n{}").format(label, lines)),
        context(Mrkdwn("`/speaker NAME` shows what any of them said.")),
    ]
    return reply(f"Most quoted {label}: {counts[0][0]}", blocks)


def figure_history(query: str, series: list[Series]) -> dict:
    """Each thing measured with its dated figures, newest first: value, source and link."""
    if not series:
        return reply(Mrkdwn("No stored figure measures “{}”. Try a shorter term.").format(query))
    blocks = [section(_series(one)) for one in series[: MAX_BLOCKS - 1]]
    blocks.append(
        context(Mrkdwn("Figures whose subject matches “{}”, newest first.").format(query))
    )
    return reply(Mrkdwn("Figures on “{}”: {}").format(query, series[0].measures), blocks)


def _series(one: Series) -> Mrkdwn:
    title = Mrkdwn("*{}*").format(plain(one.measures, LABEL_CHARS))
    if one.unit:
        title += Mrkdwn(" ({})").format(one.unit)
    lines = [
        Mrkdwn("{} — *{}*{} — {}").format(
            point.published[:10],
            amount(point.value, point.unit) if point.value is not None else point.text,
            " (change)" if point.kind == "change" else "",
            link(point.url, point.source, LABEL_CHARS),
        )
        for point in one.points
    ]
    if one.more:
        lines.append(Mrkdwn("…and {}").format(counted(one.more, "earlier figure")))
    return title + Mrkdwn("\n") + Mrkdwn("\n").join(lines)


def digest_preview(digest_id: int, messages: list[dict], max_replies: int = 5) -> list[dict]:
    """The digest's messages as ephemeral replies, then a button to post it to the channel.

    A response URL takes five replies, so a longer digest is cut, saying how much is left.
    The messages are the digest's own, rendered and escaped by `digest.render`."""
    shown = messages[: max_replies - 1]
    replies = [reply(Mrkdwn(m["text"]), m["blocks"]) for m in shown]
    left = len(messages) - len(shown)
    more = f" {counted(left, 'more message')} when posted." if left else ""
    closing = [
        context("Only you can see this." + more),
        actions(button("Post to channel", "digest_post", str(digest_id), primary=True)),
    ]
    if len(replies[-1]["blocks"]) + len(closing) <= MAX_BLOCKS:
        replies[-1] = reply(Mrkdwn(shown[-1]["text"]), [*replies[-1]["blocks"], *closing])
    else:
        replies.append(reply("Post this digest to the channel?", closing))
    return replies


def posted(outcome: Outcome) -> dict:
    channel = (
        Mrkdwn() + outcome.channel
        if outcome.channel.startswith("#")
        else Mrkdwn("<#{}>").format(outcome.channel)
    )
    said = {
        "posted": Mrkdwn("Posted to {}.").format(channel),
        "already posted": Mrkdwn("This digest is already in {}.").format(channel),
        "busy": Mrkdwn("This digest is being posted right now."),
    }
    return reply(said.get(outcome.status) or f":warning: Not posted: {outcome.detail}.")
