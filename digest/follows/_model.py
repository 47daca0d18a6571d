"""Records of follows and alerts, passed between the store, the matcher and Slack."""

from __future__ import annotations

from dataclasses import dataclass

SPEAKER = "speaker"
TOPIC = "topic"


@dataclass(frozen=True)
class Follow:
    """One user's follow of a speaker (by id) or a topic (by its terms), since `created`."""

    id: int
    user: str
    kind: str  # SPEAKER or TOPIC
    label: str  # the speaker's name, or the topic as typed
    created: str
    speaker_id: int | None = None
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewArticle:
    """An article stored since the last alert run, as alerts read it."""

    id: int
    title: str
    url: str
    lead: str
    fetched: str


@dataclass(frozen=True)
class NewQuote:
    article_id: int
    speaker_id: int | None
    speaker: str  # the directory's name for the speaker
    speaker_title: str | None
    text: str


@dataclass(frozen=True)
class AlertItem:
    """One thing new for one follower: a quote by a followed speaker or an article on a topic."""

    key: str  # the same quote or article has the same key in every run and every version
    kind: str  # SPEAKER or TOPIC: which kind of follow it answers
    follow: str  # the follow's label
    article_title: str
    url: str
    text: str  # the quote, or the article's lead
    speaker: str | None = None
    speaker_title: str | None = None
    words: tuple[str, ...] = ()  # a topic's words as the article wrote them


@dataclass(frozen=True)
class Alert:
    """One direct message: the first items, and how many more there are."""

    user: str
    items: tuple[AlertItem, ...]
    more: int = 0
