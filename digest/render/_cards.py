"""Cards for the terminal: a speaker's (`tradedigest speaker`) and a figure's history
(`tradedigest figures`); article text without control characters or escape sequences, and only
web addresses."""

from __future__ import annotations

from digest.figures.history import Series, amount
from digest.render._parts import counted
from digest.render._safe import terminal_safe, web_url
from digest.speakers import SpeakerCard


def card_text(card: SpeakerCard) -> str:
    """A speaker's card for the terminal: who, since when, and their latest quotes."""
    role = ", ".join(filter(None, (card.title, card.organization, card.country)))
    # The #id is what `speakers merge` and `split` take when a name is shared.
    lines = [f"{card.name} (#{card.speaker_id})" + (f" — {role}" if role else "")]
    if card.aliases:
        lines.append(f"  also: {', '.join(card.aliases)}")
    lines.append(
        f"  {counted(card.quote_count, 'quote')}, seen {(card.first_seen or '?')[:10]}"
        f" → {(card.last_seen or '?')[:10]}"
    )
    earlier = [r for r in card.roles[1:] if r.title]
    if earlier:
        lines.append("  earlier: " + "; ".join(f"{r.title} ({r.last_seen[:10]})" for r in earlier))
    for quote in card.quotes:
        url = quote.url if web_url(quote.url) else ""
        lines += [
            f"  “{quote.text}”" if quote.direct else f"  said {quote.text}",
            f"    {(quote.date or '')[:10]} {quote.article_title or ''} {url}".rstrip(),
        ]
    return terminal_safe("\n".join(lines)) + "\n"


def history_text(series: list[Series]) -> str:
    """A figure's history for the terminal: what is measured, then one dated line a figure."""
    lines = []
    for one in series:
        lines.append(f"{one.measures}" + (f" ({one.unit})" if one.unit else ""))
        for point in one.points:
            url = point.url if web_url(point.url) else ""
            value = amount(point.value, point.unit) if point.value is not None else point.text
            value += " (change)" if point.kind == "change" else ""
            lines.append(f"  {point.published[:10]}  {value:<22} {point.source}  {url}".rstrip())
        if one.more:
            lines.append(f"  … {counted(one.more, 'earlier figure')}")
    return terminal_safe("\n".join(lines)) + "\n"
