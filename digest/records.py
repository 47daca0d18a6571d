"""Records passed between extraction, the store, the digest and Slack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest.compose import Digest


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker; offsets index the article text as read."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    direct: bool
    # The share of quotes attributed this way that had the right speaker (0-1); None when not
    # measured (a quote recorded elsewhere): shown as before.
    confidence: float | None = None
    kind: str = "speech"  # speech, writing, belief or finding


@dataclass(frozen=True)
class Speaker:
    """A person or body quoted in one article, with every name it went by there."""

    name: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    organization: str | None = None
    # "body" when the text names a group (`Republicans`, `PolitiFact`); "person" is also the
    # answer when the text does not tell, and the directory reads the name.
    kind: str = "person"


@dataclass(frozen=True)
class Figure:
    """A number that measures something: `value` in `unit`, measuring `about`."""

    text: str
    start: int
    end: int
    kind: str
    value: float | None
    unit: str | None
    about: str | None
    salience: float = 0.0


@dataclass(frozen=True)
class FigurePoint:
    """A stored figure with the article that gave it: one point of a figure's history.

    `published` is the article's date, or when it was fetched when it gives none."""

    text: str
    value: float | None
    unit: str | None
    kind: str
    about: str
    published: str
    source: str
    url: str
    title: str | None


@dataclass(frozen=True)
class Extraction:
    """Everything the NLP pipeline finds in one article; `gave_up` says why nothing was, when
    the article was past the size or time budget."""

    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    figures: tuple[Figure, ...] = ()
    gave_up: str | None = None


@dataclass(frozen=True)
class Article:
    """One article as fetched from a source, before extraction."""

    url: str
    title: str
    text: str
    source: str
    published: str | None = None
    author: str | None = None
    site: str | None = None
    guid: str | None = None


# What the store keeps and hands back ------------------------------------------------------------


@dataclass(frozen=True)
class ArticleRecord:
    """An article ready to store: as fetched, what extraction found, and how ingestion judged
    it (`status` "extracted" or "skipped", a duplicate of a stored article or not)."""

    article: Article
    extraction: Extraction
    canonical_url: str
    content_hash: str
    fetched: str
    status: str = "extracted"
    skip_reason: str | None = None
    duplicate_of: int | None = None
    minhash: bytes | None = None


@dataclass(frozen=True)
class StoredArticle:
    """The latest version of a stored article."""

    id: int
    source: str
    url: str
    canonical_url: str
    title: str | None
    text: str
    fetched: str
    content_hash: str
    status: str
    published: str | None = None
    author: str | None = None
    site: str | None = None
    guid: str | None = None
    skip_reason: str | None = None
    duplicate_of: int | None = None
    version: int = 1


@dataclass(frozen=True)
class StoredQuote:
    """A stored quote; `speaker_id` is its speaker's directory record, when filed."""

    id: int
    article_id: int
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_id: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    direct: bool = True
    confidence: float | None = None
    kind: str = "speech"


@dataclass(frozen=True)
class StoredFigure:
    """A stored figure of an article, with how much it matters (`salience`)."""

    id: int
    article_id: int
    text: str
    start: int
    end: int
    kind: str
    value: float | None = None
    unit: str | None = None
    about: str | None = None
    salience: float = 0.0


@dataclass(frozen=True)
class SourceHealth:
    """How a source's runs went: the latest, the last success and error, failures in a row."""

    name: str
    kind: str | None
    location: str | None
    last_run: str | None
    last_success: str | None
    last_error: str | None
    consecutive_failures: int = 0
    articles_seen: int = 0
    articles_new: int = 0


@dataclass(frozen=True)
class Delivery:
    """One stored digest in one channel (or the terminal): posted, posting or failed; `parts`
    of its messages are posted, the first one's `ts` is the thread."""

    digest_id: int
    channel: str
    status: str
    ts: str | None = None
    attempts: int = 0
    error: str | None = None
    updated: str | None = None
    owner: str | None = None
    lease_until: str | None = None
    parts: int = 0


@dataclass(frozen=True)
class SpeakerEvidence:
    """What the directory knows of one speaker record, for the rules to weigh a mention by."""

    speaker_id: int
    name: str
    kind: str
    quote_count: int
    aliases: tuple[tuple[str, str, bool], ...]  # (alias as written, folded, pinned)
    roles: tuple[tuple[str | None, str | None], ...]  # distinct (title, organization)


@dataclass(frozen=True)
class SpeakerLink:
    """One article's mention filed under a speaker, with the rule and the reason."""

    article_id: int
    name: str
    speaker_id: int
    seen: str
    rule: str
    reason: str | None
    article_title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class StoredSpeaker:
    """A record of the speaker directory: one person or body across all articles."""

    id: int
    name: str
    kind: str = "person"
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    surname: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    quote_count: int = 0


@dataclass(frozen=True)
class CardQuote:
    text: str
    date: str | None  # the article's published date when known, else when it was fetched
    url: str
    article_title: str | None
    direct: bool = True  # words in quotation marks; else paraphrase, never shown as a quote


@dataclass(frozen=True)
class FoundQuote:
    """A quote `/quotes` found, with the article it is in."""

    text: str
    direct: bool  # words in quotation marks; else paraphrase, never shown as a quote
    speaker: str | None
    confidence: float | None  # how sure its speaker is; None when stored before it was measured
    url: str
    article_title: str | None
    date: str | None  # the article's published date when known, else when it was fetched


@dataclass(frozen=True)
class CardRole:
    title: str | None
    organization: str | None
    first_seen: str
    last_seen: str


@dataclass(frozen=True)
class StoredDigest:
    """A stored digest: its period, the `Digest` (numbered by `id`) and, once rendered, its
    Slack messages, the main one then the thread replies, kept so every delivery posts the same."""

    id: int
    period_start: str
    period_end: str
    created: str
    digest: Digest
    messages: list[list[dict]] | None = None

    @property
    def empty(self) -> bool:
        """A period with no new articles: its message says there is nothing new."""
        return self.digest.articles == 0
