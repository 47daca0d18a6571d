"""/follow, /unfollow, /following and their buttons: each user sees and changes only their own
follows; every reply is ephemeral.

Answers are functions `(db, user, text, now) -> replies` over the store, like the other
commands', so they are tested without Slack.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime

from slack_bolt import Ack, App
from sqlite_utils import Database

from bot import blocks
from bot.commands import Usage, send
from digest import follows, speakers
from digest.render.blockkit import Mrkdwn, action_ids
from digest.speakers._names import fold
from digest.store import follows as follow_store

log = logging.getLogger(__name__)

Answer = Callable[[Database, str, str, datetime], list[dict]]

USAGE = {
    "/follow": Mrkdwn(
        "`/follow NAME` follows a speaker (a surname or a title works: `/follow commerce "
        'secretary`); `/follow "soybean tariffs"` or `/follow topic soybean tariffs` follows a '
        "topic. You get a direct message when they are quoted or the topic comes up."
    ),
    "/unfollow": Mrkdwn(
        '`/unfollow NAME` or `/unfollow "topic words"` stops a follow; `/following` '
        "lists yours with buttons to remove them."
    ),
    "/following": Mrkdwn("`/following` lists what you follow, with buttons to remove each."),
}
QUOTED = re.compile(r'^\s*["“”](.+?)["“”]\s*$')
TOPIC_PREFIX = re.compile(r"^\s*topic\s+", re.IGNORECASE)
REMOVE = re.compile(r"^follow_remove:\d+$")
# /following shows every follow, one block each, in one message of at most 50 blocks.
MAX_FOLLOWS = 45


def register(app: App, connect: Callable[[], Database]) -> None:
    answers: dict[str, Answer] = {"/follow": follow, "/unfollow": unfollow, "/following": following}
    for name, answer in answers.items():
        app.command(name)(_command(name, answer, connect))
    app.action(REMOVE)(_button(remove, connect))
    app.action(action_ids("follow_pick"))(_button(follow, connect))
    app.action(action_ids("follow_topic"))(_button(follow_topic, connect))


def _command(name: str, answer: Answer, connect: Callable[[], Database]):
    def handle(ack: Ack, command: dict) -> None:
        ack()
        text = command.get("text", "").strip()
        for reply in replies(name, answer, connect(), command["user_id"], text):
            send(command["response_url"], reply, f"{name} {text!r}")

    return handle


def replies(name: str, answer: Answer, db: Database, user: str, text: str) -> list[dict]:
    """The answer to `name text` for `user`, its usage when asked or misused, an apology when
    it fails."""
    try:
        if text.lower() == "help":
            raise Usage()
        return answer(db, user, text, datetime.now(UTC))
    except Usage as error:
        lead = error.why + Mrkdwn("\n") if error.why else Mrkdwn()
        return [blocks.reply(lead + USAGE[name])]
    except Exception:
        log.exception("%s %r failed", name, text)
        return [blocks.problem("Sorry, that failed. The error is logged; try again in a moment.")]


def _button(answer: Answer, connect: Callable[[], Database]):
    def handle(ack: Ack, body: dict) -> None:
        ack()
        value = body["actions"][0]["value"]
        for reply in replies("/follow", answer, connect(), body["user"]["id"], value):
            send(body["response_url"], {**reply, "replace_original": True}, f"button {value!r}")

    return handle


def topic_text(text: str) -> str | None:
    """The topic words of `"soybean tariffs"` or `topic soybean tariffs`; None for a name."""
    quoted = QUOTED.match(text)
    if quoted:
        return quoted.group(1)
    if TOPIC_PREFIX.match(text):
        return TOPIC_PREFIX.sub("", text)
    return None


def follow(db: Database, user: str, text: str, now: datetime) -> list[dict]:
    if not text:
        raise Usage()
    if len(follow_store.follows_of(db, user)) >= MAX_FOLLOWS:
        return [_too_many()]
    words = topic_text(text)
    if words is not None:
        return follow_topic(db, user, words, now)
    try:
        card = speakers.lookup(db, text)
    except speakers.UnknownSpeaker as unknown:
        return [_did_you_mean(text, unknown.suggestions)]
    found, new = follow_store.add_follow(
        db,
        user,
        follows.SPEAKER,
        card.name,
        now,
        speaker_id=card.speaker_id,
        query=text,
    )
    role = ", ".join(r for r in (card.title, card.organization) if r)
    who = Mrkdwn("*{}*").format(found.label) + (Mrkdwn(" ({})").format(role) if role else "")
    if not new:
        return [blocks.reply(Mrkdwn("You already follow {}.").format(who))]
    said = Mrkdwn("You now follow {}: a direct message tells you when they speak.")
    return [blocks.reply(said.format(who))]


def follow_topic(db: Database, user: str, text: str, now: datetime) -> list[dict]:
    topic = follows.parse_topic(text)
    if topic is None:
        raise Usage(Mrkdwn("“{}” has no words to follow.").format(text))
    if len(follow_store.follows_of(db, user)) >= MAX_FOLLOWS:
        return [_too_many()]
    found, new = follow_store.add_follow(
        db, user, follows.TOPIC, topic.label, now, terms=topic.terms
    )
    if not new:
        return [blocks.reply(Mrkdwn("You already follow the topic *{}*.").format(found.label))]
    said = Mrkdwn(
        "You now follow the topic *{}*: a direct message tells you of new articles "
        "whose headline, lead or quotes have all its words."
    )
    return [blocks.reply(said.format(found.label))]


def _too_many() -> dict:
    return blocks.reply(
        Mrkdwn(
            "You follow {} speakers and topics, the most one person can. "
            "`/following` lists them, with buttons to remove some."
        ).format(MAX_FOLLOWS)
    )


def _did_you_mean(text: str, suggestions: list[str]) -> dict:
    buttons = [blocks.button(f"Follow {name}", "follow_pick", name) for name in suggestions[:4]]
    buttons.append(blocks.button(f"Follow “{text}” as a topic", "follow_topic", text[:2000]))
    hint = "Did you mean one of these, or the topic?" if suggestions else "Follow it as a topic?"
    said = Mrkdwn("No speaker matches “{}”. {}").format(text, hint)
    return blocks.reply(said, [blocks.section(said), _actions(buttons)])


def _actions(elements: list[dict]) -> dict:
    return {"type": "actions", "elements": elements}


def unfollow(db: Database, user: str, text: str, now: datetime) -> list[dict]:
    if not text:
        raise Usage()
    mine = follow_store.follows_of(db, user)
    target = _which(db, mine, text)
    if target is None:
        [listing] = following(db, user, "", now)
        return [_with_note(listing, Mrkdwn("You do not follow “{}”.").format(text))]
    follow_store.remove_follow(db, user, target.id)
    return [blocks.reply(Mrkdwn("You no longer follow {}.").format(_label(target)))]


def _which(db: Database, mine: list[follows.Follow], text: str) -> follows.Follow | None:
    """The user's follow `text` names: a topic by its words, a speaker by the name followed or
    any name the directory finds them by."""
    words = topic_text(text)
    topic = follows.parse_topic(words if words is not None else text)
    for follow_ in mine:
        if follow_.kind == follows.TOPIC and topic and follow_.terms == topic.terms:
            return follow_
        if follow_.kind == follows.SPEAKER and words is None and fold(follow_.label) == fold(text):
            return follow_
    if words is not None:
        return None
    matches = {m.speaker_id for m in speakers.find_speakers(db, text, limit=3)}
    return next((f for f in mine if f.kind == follows.SPEAKER and f.speaker_id in matches), None)


def following(db: Database, user: str, text: str, now: datetime) -> list[dict]:
    mine = follow_store.follows_of(db, user)
    if not mine:
        return [
            blocks.reply(
                "You follow nothing yet. `/follow NAME` follows a speaker, "
                '`/follow "words"` a topic.'
            )
        ]
    rows = [
        {
            **blocks.section(_label(f)),
            "accessory": blocks.button("Remove", f"follow_remove:{f.id}", str(f.id)),
        }
        for f in mine
    ]
    head = blocks.section(f"*What you follow ({len(mine)})*")
    return [blocks.reply(f"You follow {len(mine)}", [head, *rows])]


def remove(db: Database, user: str, value: str, now: datetime) -> list[dict]:
    """The remove button: only the presser's own follow goes; the list is shown again."""
    gone = follow_store.remove_follow(db, user, int(value))
    [listing] = following(db, user, "", now)
    if gone is None:
        return [listing]
    return [_with_note(listing, Mrkdwn("You no longer follow {}.").format(_label(gone)))]


def _with_note(reply: dict, note: Mrkdwn) -> dict:
    return blocks.reply(note, [blocks.context(note), *reply["blocks"]])


def _label(follow_: follows.Follow) -> Mrkdwn:
    label = "*{}*" if follow_.kind == follows.SPEAKER else "the topic *{}*"
    return Mrkdwn(label).format(follow_.label)
