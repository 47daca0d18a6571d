"""Follows and alerts: who follows which speaker or topic, and what is new for each of them.

Pure: follows, new articles and quotes in, (user, item) matches and alert messages out; the store
keeps follows and the alert queue, and `bot.alerts` sends the direct messages.
"""

from digest.follows._match import match, quote_key
from digest.follows._message import MOST_ITEMS, alerts_of, to_message, to_text
from digest.follows._model import (
    SPEAKER,
    TOPIC,
    Alert,
    AlertItem,
    Follow,
    NewArticle,
    NewQuote,
)
from digest.follows._queue import new_matches, preview, queue_new
from digest.follows._quiet import is_quiet
from digest.follows._topics import TextIndex, Topic, on_topics, parse_topic

__all__ = [
    "MOST_ITEMS",
    "SPEAKER",
    "TOPIC",
    "Alert",
    "AlertItem",
    "Follow",
    "NewArticle",
    "NewQuote",
    "TextIndex",
    "Topic",
    "alerts_of",
    "is_quiet",
    "match",
    "new_matches",
    "on_topics",
    "parse_topic",
    "preview",
    "queue_new",
    "quote_key",
    "to_message",
    "to_text",
]
