"""One handler per slash command and button: ack at once, answer with a function, send.

Answers are functions `(db, text, now) -> replies` over the store, testable without Slack; every
reply is ephemeral and a failing answer becomes a friendly message, never silence. Replies go to
the response URL with retries; one Slack still refuses is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackRequestError
from slack_sdk.webhook import WebhookClient
from sqlite_utils import Database

from bot import blocks, delivery
from bot.retries import retry_handlers
from digest import jobs, speakers, store
from digest.config import Config
from digest.figures.history import history, terms
from digest.records import StoredDigest
from digest.render.blockkit import Mrkdwn, action_ids

log = logging.getLogger(__name__)

Answer = Callable[[Database, str, datetime], list[dict]]
# The digest as a channel sees it (its topics' view, or the whole digest).
View = Callable[[Database, StoredDigest, str], StoredDigest]
# A button's answer to its value, in the message (body) it was pressed in.
ButtonAnswer = Callable[[Database, str, dict, WebClient], list[dict]]

QUOTE_RESULTS = 8
CARD_QUOTES = 5
TOP_SPEAKERS = 10
# Our own markup: the backticks show commands as code.
USAGE = {
    "/speaker": Mrkdwn(
        "`/speaker NAME` shows a speaker's card: title, organisation, quote count and latest "
        "quotes. A surname, a title or a misspelling works too: `/speaker commerce secretary`"
    ),
    "/speakers": Mrkdwn(
        "`/speakers [today|week|month]` lists who was quoted most (default: week)."
    ),
    "/quotes": Mrkdwn(
        '`/quotes TEXT` searches every stored quote; words in "double quotes" match as a phrase. '
        'Example: `/quotes "reciprocal" tariffs`'
    ),
    "/digest": Mrkdwn(
        "`/digest` or `/digest latest` shows the latest digest, `/digest 2026-11-20` the one of "
        "that day; only you see it, with a button to post it to the channel."
    ),
    "/figures": Mrkdwn(
        "`/figures TERM` lists the stored figures that measure TERM, newest first, grouped by "
        "what they measure, each with its date, source and link. Example: `/figures trade deficit`"
    ),
}


class Usage(Exception):
    """The command's text cannot be understood: the reply explains, then shows the usage."""

    def __init__(self, why: Mrkdwn | None = None) -> None:
        super().__init__(why)
        self.why = why


def register(app: App, config: Config, connect: Callable[[], Database]) -> None:
    zone = ZoneInfo(config.schedule.timezone)
    # The card shows what the digest would; search shows all, marking what the digest would not.
    sure = config.digest.min_confidence
    answers: dict[str, Answer] = {
        "/speaker": partial(speaker, min_confidence=sure),
        "/speakers": ranking,
        "/quotes": partial(quotes, min_confidence=sure),
        "/figures": figures,
    }
    for name, answer in answers.items():
        app.command(name)(_command(name, answer, connect, zone))
    view = partial(jobs.view_for, config)
    app.command("/digest")(_in_channel("/digest", digest, connect, zone, view, config))
    post = partial(post_digest, channels=config.slack.channels)
    buttons: dict[str, tuple[ButtonAnswer, bool]] = {
        "digest_post": (post, False),
        "speaker_quotes": (partial(older_quotes, min_confidence=sure), True),
        "speaker_pick": (partial(pick_speaker, min_confidence=sure), True),
    }
    for name, (on_click, replace) in buttons.items():
        app.action(action_ids(name))(_button(name, on_click, connect, replace=replace))


def _command(name: str, answer: Answer, connect: Callable[[], Database], zone: ZoneInfo):
    def handle(ack: Ack, command: dict) -> None:
        ack()
        text = command.get("text", "")
        for reply in replies(name, answer, connect(), text, datetime.now(zone)):
            send(command["response_url"], reply, f"{name} {text!r}")

    return handle


def _in_channel(
    name: str,
    answer: Callable[..., list[dict]],
    connect: Callable[[], Database],
    zone: ZoneInfo,
    view: View,
    config: Config,
):
    """A command whose answer depends on the channel it is typed in (`channel`, `view`)."""

    def handle(ack: Ack, command: dict) -> None:
        ack()
        text = command.get("text", "")
        channel = _configured(
            command.get("channel_name"), command["channel_id"], config.slack.channels
        )
        bound = partial(answer, channel=channel, view=view)
        for reply in replies(name, bound, connect(), text, datetime.now(zone)):
            send(command["response_url"], reply, f"{name} {text!r}")

    return handle


def _configured(name: str | None, channel_id: str, channels: tuple[str, ...]) -> str:
    """The channel as the configuration names it (`#trade-desk`), else its ID: a digest the
    schedule posted there is then known as posted."""
    return f"#{name}" if f"#{name}" in channels else channel_id


def send(response_url: str, reply: dict, what: str) -> bool:
    """Send `reply` to the response URL, retrying as the Web API client does; a reply Slack
    still refuses is logged, since the asker would otherwise wait for nothing."""
    webhook = WebhookClient(response_url, timeout=10, retry_handlers=retry_handlers(2))
    try:
        answer = webhook.send_dict(reply)
    except (OSError, SlackRequestError) as error:
        log.error("the answer to %s was not delivered: %s", what, error)
        return False
    if answer.status_code != 200:
        log.error(
            "the answer to %s was not delivered: HTTP %s %s", what, answer.status_code, answer.body
        )
        return False
    return True


def replies(name: str, answer: Answer, db: Database, text: str, now: datetime) -> list[dict]:
    """The answer to `name text`, its usage when asked or misused, an apology when it fails."""
    text = text.strip()
    try:
        if text.lower() == "help":
            raise Usage()
        return answer(db, text, now)
    except Usage as error:
        lead = error.why + Mrkdwn("\n") if error.why else Mrkdwn()
        return [blocks.reply(lead + USAGE[name])]
    except Exception:
        return _apology(f"{name} {text!r}")


def _apology(what: str) -> list[dict]:
    log.exception("%s failed", what)
    return [blocks.problem("Sorry, that failed. The error is logged; try again in a moment.")]


def speaker(db: Database, text: str, now: datetime, min_confidence: float) -> list[dict]:
    if not text:
        raise Usage()
    try:
        card = speakers.lookup(db, text, min_confidence=min_confidence)
    except speakers.UnknownSpeaker as unknown:
        return [blocks.did_you_mean(text, unknown.suggestions)]
    return [blocks.speaker_card(card, offset=0)]


PERIODS = {"today": None, "week": timedelta(days=7), "month": timedelta(days=30)}


def ranking(db: Database, text: str, now: datetime) -> list[dict]:
    period = text.lower() or "week"
    if period not in PERIODS:
        raise Usage(Mrkdwn("“{}” is not today, week or month.").format(text))
    length = PERIODS[period]
    since = now - length if length else datetime.combine(now.date(), time(), now.tzinfo)
    counts = speakers.top_speakers(db, since.isoformat(), now.isoformat(), limit=TOP_SPEAKERS)
    return [blocks.ranking("today" if period == "today" else f"this {period}", counts)]


def quotes(db: Database, text: str, now: datetime, min_confidence: float) -> list[dict]:
    if not text:
        raise Usage()
    if not store.fts_query(text):
        raise Usage(Mrkdwn("“{}” has no words to search for.").format(text))
    total, found = store.search_quotes(db, text, limit=QUOTE_RESULTS)
    return [blocks.quote_results(text, total, found, min_confidence)]


def digest(
    db: Database, text: str, now: datetime, channel: str = "", view: View | None = None
) -> list[dict]:
    if text.lower() in ("", "latest"):
        found, missing = store.last_digest(db), "No digest yet: the first comes at the set time."
    else:
        day = _date(text)
        found = next(iter(store.digests_ending_between(db, *_day_bounds(day, now.tzinfo))), None)
        missing = f"No digest was made on {day.isoformat()}. `/digest latest` shows the last one."
    if found is None:
        return [blocks.reply(missing)]
    shown = view(db, found, channel) if view else found
    return blocks.digest_preview(found.id, delivery.messages_of(shown))


def figures(db: Database, text: str, now: datetime) -> list[dict]:
    words = terms(text)
    if not words:
        raise Usage()
    return [blocks.figure_history(text, history(store.figures_about(db, words), text))]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Usage(Mrkdwn("“{}” is not a date like 2026-11-20.").format(text)) from None


def _day_bounds(day: date, zone) -> tuple[str, str]:
    """The local day as a UTC interval, in the store's timestamp format."""
    start = datetime.combine(day, time(), zone)
    end = start + timedelta(days=1)  # wall-clock arithmetic: a DST day has 23 or 25 hours
    return start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat()


def _button(name: str, answer: ButtonAnswer, connect: Callable[[], Database], replace: bool):
    def handle(ack: Ack, body: dict, client: WebClient) -> None:
        ack()
        value = body["actions"][0]["value"]
        what = f"button {name} {value!r}"
        try:
            answers = answer(connect(), value, body, client)
        except Exception:
            answers = _apology(what)
        for reply in answers:
            send(body["response_url"], {**reply, "replace_original": replace}, what)

    return handle


def post_digest(
    db: Database, value: str, body: dict, client: WebClient, channels: tuple[str, ...]
) -> list[dict]:
    """Post the digest shown to the channel it was asked for in. A configured channel is
    named as in the configuration, so a digest the schedule posted there is not posted again."""
    found = store.digest_by_id(db, int(value))
    if found is None:
        return [blocks.reply(f"Digest #{int(value)} is no longer stored.")]
    channel = _configured(body["channel"].get("name"), body["channel"]["id"], channels)
    [outcome] = delivery.deliver(db, found, client, (channel,), datetime.now(UTC))
    return [blocks.posted(outcome)]


def older_quotes(
    db: Database, value: str, body: dict, client: WebClient, min_confidence: float
) -> list[dict]:
    """The same speaker card, a page further back."""
    speaker_id, offset = map(int, value.split(":"))
    card = speakers.speaker_card(
        db, speaker_id, quotes=CARD_QUOTES, offset=offset, min_confidence=min_confidence
    )
    return [blocks.speaker_card(card, offset)]


def pick_speaker(
    db: Database, value: str, body: dict, client: WebClient, min_confidence: float
) -> list[dict]:
    """The card of the name picked from "did you mean"."""
    return speaker(db, value, datetime.now(UTC), min_confidence)
