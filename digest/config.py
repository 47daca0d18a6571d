"""The one place that reads configuration: the TOML file and the environment."""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.words import trade_words

DEFAULT_PATH = Path("config/tradedigest.toml")
BUNDLED_PREFIX = "bundled:"
SOURCE_KINDS = ("feed", "page", "folder")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(ValueError):
    """The configuration cannot be used: the message names the key, its value and what is
    expected."""


def within(default: Any, low: float, high: float) -> Any:
    """A numeric setting's default and the range a value must fall in (checked by `_section`)."""
    return field(default=default, metadata={"range": (low, high)})


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# Whole-number settings with no range of their own are counts: never negative.
COUNT_RANGE = (0, 1_000_000)


@dataclass(frozen=True)
class SourceConfig:
    name: str
    kind: str
    url: str | None = None
    path: Path | None = None
    keywords: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        return self.url or str(self.path)


@dataclass(frozen=True)
class ScheduleConfig:
    ingest_every_minutes: int = within(30, 1, 7 * 24 * 60)
    digest_time: str = "08:00"
    digest_days: str = "mon-fri"
    timezone: str = "America/New_York"

    @property
    def hour_minute(self) -> tuple[int, int]:
        hour, minute = self.digest_time.split(":")
        return int(hour), int(minute)


@dataclass(frozen=True)
class SlackConfig:
    channels: tuple[str, ...] = ("#trade-desk",)
    host: str = "127.0.0.1"
    port: int = within(3000, 1, 65535)
    # Slash commands are a few hundred bytes; under 1 KiB nothing Slack sends would fit.
    max_body_bytes: int = within(64 * 1024, 1024, 10_000_000)
    bot_token: str | None = None
    app_token: str | None = None
    signing_secret: str | None = None
    api_url: str = "https://slack.com/api/"
    # (channel, topics): a channel listed here gets only the digest stories matching a topic.
    channel_topics: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def topics_of(self, channel: str) -> tuple[str, ...]:
        return dict(self.channel_topics).get(channel, ())


@dataclass(frozen=True)
class IngestConfig:
    """How sources are fetched: one HTTP client's limits, retries and politeness."""

    timeout_seconds: float = within(15.0, 0.01, 600)
    retries: int = within(2, 0, 10)
    backoff_seconds: float = within(1.0, 0, 600)
    max_bytes: int = within(10_000_000, 1, 2_000_000_000)
    per_host: int = within(2, 1, 64)
    fetchers: int = within(8, 1, 64)
    # Processes extracting new articles at once: every core by default.
    workers: int = within(min(cores(), 64), 1, 64)
    max_links: int = within(30, 0, 10_000)
    batch_size: int = within(64, 1, 10_000)
    failing_after: int = within(3, 1, 1000)
    near_duplicate: float = within(0.8, 0, 1)


# Words and names whose mention makes an article trade news; matched whole, any case.
TRADE_KEYWORDS = trade_words("keywords")


@dataclass(frozen=True)
class RelevanceConfig:
    """An article is trade news when these keywords occur at least `min_mentions` times."""

    keywords: tuple[str, ...] = TRADE_KEYWORDS
    min_mentions: int = within(2, 0, 1000)


@dataclass(frozen=True)
class DigestConfig:
    # Up to a year back: further than that is no digest, and dates would overflow.
    first_period_hours: int = within(24, 1, 366 * 24)
    max_stories: int = within(8, 1, 1000)
    quotes_per_story: int = within(3, 0, 100)
    # A quote is shown only when its attribution is at least this sure (0-1).
    min_confidence: float = within(0.85, 0.0, 1.0)
    figures_per_story: int = within(3, 0, 100)


@dataclass(frozen=True)
class AlertsConfig:
    """Direct messages to followers after each ingest run."""

    max_items: int = 10
    # "HH:MM-HH:MM" in the schedule's timezone (may cross midnight); "" for none.
    quiet_hours: str = ""

    def quiet_span(self) -> tuple[tuple[int, int], tuple[int, int]] | None:
        if not self.quiet_hours:
            return None
        start, end = (tuple(map(int, part.split(":"))) for part in self.quiet_hours.split("-"))
        return (start[0], start[1]), (end[0], end[1])


@dataclass(frozen=True)
class SpeakersConfig:
    # (canonical name, other names that always mean that person)
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Groups of names that must never be filed as one person.
    never_merge: tuple[tuple[str, ...], ...] = ()


def _bundled_samples() -> Path:
    return Path(str(files("digest") / "samples"))


@dataclass(frozen=True)
class Config:
    db_path: Path = Path("data/tradedigest.db")
    sources: tuple[SourceConfig, ...] = (
        SourceConfig(name="samples", kind="folder", path=_bundled_samples()),
    )
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    speakers: SpeakersConfig = field(default_factory=SpeakersConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    relevance: RelevanceConfig = field(default_factory=RelevanceConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    config_path: Path | None = None


def load_config(environ: Mapping[str, str] = os.environ, path: Path | None = None) -> Config:
    """Read the file named by `path`, else $TRADEDIGEST_CONFIG, else ./config/tradedigest.toml if
    present (built-in defaults otherwise), then apply the environment."""
    path = path or _config_path(environ)
    raw = _read_toml(path) if path else {}
    sections = {"database", "sources", "schedule", "slack", "digest", "speakers", "ingest"}
    _reject_unknown(raw, sections | {"relevance", "alerts"}, "")
    database = raw.get("database", {})
    _reject_unknown(database, {"path"}, "database.")
    path_in_file = _string(database, "path", "database.")
    if path_in_file is not None and not path_in_file.strip():
        raise ConfigError(
            f"database.path = {path_in_file!r}: expected a file path such as "
            f"'{Config.db_path}' (or leave the key out for that default)"
        )
    db_path = Path(environ.get("TRADEDIGEST_DB") or path_in_file or Config.db_path)
    return Config(
        db_path=db_path,
        sources=_sources(raw["sources"]) if "sources" in raw else Config().sources,
        schedule=_schedule(raw.get("schedule", {})),
        slack=_slack(raw.get("slack", {}), environ),
        digest=_section(DigestConfig, raw.get("digest", {}), "digest."),
        speakers=_speakers(raw.get("speakers", {})),
        ingest=_section(IngestConfig, raw.get("ingest", {}), "ingest."),
        relevance=_section(RelevanceConfig, raw.get("relevance", {}), "relevance."),
        alerts=_alerts(raw.get("alerts", {})),
        config_path=path,
    )


def _config_path(environ: Mapping[str, str]) -> Path | None:
    if environ.get("TRADEDIGEST_CONFIG"):
        return Path(environ["TRADEDIGEST_CONFIG"])
    return DEFAULT_PATH if DEFAULT_PATH.exists() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"config file {path} not found (set TRADEDIGEST_CONFIG or create it)"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from None


def _reject_unknown(table: Mapping[str, Any], known: set[str], prefix: str) -> None:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{prefix.rstrip('.')} = {table!r}: expected a table")
    for key in table:
        if key not in known:
            raise ConfigError(
                f"unknown key {prefix}{key}: expected one of {', '.join(sorted(known))}"
            )


def _string(table: Mapping[str, Any], key: str, prefix: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{prefix}{key} = {value!r}: expected a string")
    return value


def _section(kind: type, table: Mapping[str, Any], prefix: str, **extra: Any) -> Any:
    """Build dataclass `kind` from a TOML table, checking each value against the default's type."""
    known = {f.name: f for f in fields(kind)}
    _reject_unknown(table, set(known) - set(extra), prefix)
    defaults = kind()
    for key, value in table.items():
        expected = type(getattr(defaults, key))
        low, high = known[key].metadata.get("range", COUNT_RANGE)
        if expected is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{prefix}{key} = {value!r}: expected a list of strings")
            value = tuple(value)
        elif expected is int:
            if not _number(value, int) or not low <= value <= high:
                raise ConfigError(
                    f"{prefix}{key} = {value!r}: expected a whole number from {low} to {high}"
                )
        elif expected is float:
            if not _number(value, int | float) or not low <= value <= high:
                raise ConfigError(
                    f"{prefix}{key} = {value!r}: expected a finite number from {low:g} to {high:g}"
                )
            value = float(value)
        elif expected is str and not isinstance(value, str):
            raise ConfigError(f"{prefix}{key} = {value!r}: expected a string")
        extra[key] = value
    return kind(**extra)


def _number(value: Any, kind: Any) -> bool:
    """A TOML number of `kind`, never a boolean, NaN or infinity."""
    return isinstance(value, kind) and not isinstance(value, bool) and math.isfinite(value)


def _schedule(table: Mapping[str, Any]) -> ScheduleConfig:
    schedule = _section(ScheduleConfig, table, "schedule.")
    try:
        ZoneInfo(schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"schedule.timezone = {schedule.timezone!r}: expected an IANA timezone such as "
            "'America/New_York'"
        ) from None
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", schedule.digest_time):
        raise ConfigError(
            f"schedule.digest_time = {schedule.digest_time!r}: expected HH:MM on a 24-hour clock"
        )
    if not _valid_days(schedule.digest_days):
        raise ConfigError(
            f"schedule.digest_days = {schedule.digest_days!r}: expected day names such as "
            "'mon-fri' or 'mon,wed,fri'"
        )
    return schedule


def _valid_days(days: str) -> bool:
    day = "|".join(DAY_NAMES)
    return re.fullmatch(rf"\*|({day})(-({day}))?(,({day})(-({day}))?)*", days) is not None


def _alerts(table: Mapping[str, Any]) -> AlertsConfig:
    alerts = _section(AlertsConfig, table, "alerts.")
    clock = r"([01]\d|2[0-3]):[0-5]\d"
    if alerts.quiet_hours and not re.fullmatch(f"{clock}-{clock}", alerts.quiet_hours):
        raise ConfigError(
            f"alerts.quiet_hours = {alerts.quiet_hours!r}: expected HH:MM-HH:MM on a 24-hour "
            "clock, such as '22:00-07:00', or \"\" for none"
        )
    if alerts.max_items < 1:
        raise ConfigError("alerts.max_items = 0: expected a whole number >= 1")
    return alerts


def _slack(table: Mapping[str, Any], environ: Mapping[str, str]) -> SlackConfig:
    api_url = environ.get("SLACK_API_URL") or SlackConfig.api_url
    table, topics = _channel_topics(table)
    slack = _section(
        SlackConfig,
        table,
        "slack.",
        channel_topics=topics,
        bot_token=environ.get("SLACK_BOT_TOKEN") or None,
        app_token=environ.get("SLACK_APP_TOKEN") or None,
        signing_secret=environ.get("SLACK_SIGNING_SECRET") or None,
        # slack_sdk joins method names with urljoin, which drops a last path segment without "/".
        api_url=api_url if api_url.endswith("/") else api_url + "/",
    )
    return slack


def _channel_topics(table: Mapping[str, Any]) -> tuple[dict[str, Any], tuple]:
    """`channels` entries are names, or tables `{ name = "#ag", topics = ["soybeans"] }`: the
    table with names only, and each (channel, topics)."""
    entries = table.get("channels")
    if not isinstance(entries, list):
        return dict(table), ()
    names, topics = [], []
    for index, entry in enumerate(entries):
        if isinstance(entry, Mapping):
            prefix = f"slack.channels[{index}]."
            _reject_unknown(entry, {"name", "topics"}, prefix)
            name, words = _string(entry, "name", prefix), entry.get("topics", [])
            if not name:
                raise ConfigError(f"{prefix}name is missing: expected a channel name or ID")
            if not _names_list(words) or not words:
                raise ConfigError(
                    f"{prefix}topics = {words!r}: expected a list of topics such as "
                    '["soybean tariffs", "steel"]'
                )
            names.append(name)
            topics.append((name, tuple(words)))
        else:
            names.append(entry)
    return {**table, "channels": names}, tuple(topics)


def _sources(entries: Any) -> tuple[SourceConfig, ...]:
    if not isinstance(entries, list):
        raise ConfigError(f"sources = {entries!r}: expected [[sources]] tables")
    sources = tuple(_source(entry, i) for i, entry in enumerate(entries))
    names = [s.name for s in sources]
    for name in names:
        if names.count(name) > 1:
            raise ConfigError(f"sources.name = {name!r}: expected each source name once")
    return sources


def _source(entry: Any, index: int) -> SourceConfig:
    prefix = f"sources[{index}]."
    _reject_unknown(entry, {"name", "kind", "url", "path", "keywords"}, prefix)
    name, kind = _string(entry, "name", prefix), _string(entry, "kind", prefix)
    if not name:
        raise ConfigError(f"{prefix}name is missing: expected a name for the source")
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"{prefix}kind = {kind!r}: expected one of {', '.join(SOURCE_KINDS)}")
    keywords = entry.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError(f"{prefix}keywords = {keywords!r}: expected a list of strings")
    if kind == "folder":
        path = _string(entry, "path", prefix)
        if not path:
            raise ConfigError(f"{prefix}path is missing: expected a folder for kind 'folder'")
        return SourceConfig(name, kind, path=_folder(path), keywords=tuple(keywords))
    url = _string(entry, "url", prefix)
    if not url or not re.match(r"https?://", url):
        raise ConfigError(f"{prefix}url = {url!r}: expected an http(s) URL for kind {kind!r}")
    return SourceConfig(name, kind, url=url, keywords=tuple(keywords))


def _folder(path: str) -> Path:
    if path == BUNDLED_PREFIX + "samples":
        return _bundled_samples()
    # A relative folder is taken from the working directory, like database.path.
    return Path(path).expanduser()


def _speakers(table: Mapping[str, Any]) -> SpeakersConfig:
    _reject_unknown(table, {"aliases", "never_merge"}, "speakers.")
    aliases = table.get("aliases", {})
    if not isinstance(aliases, Mapping):
        raise ConfigError(
            f"speakers.aliases = {aliases!r}: expected a table of name = [other names]"
        )
    owner: dict[str, str] = {}
    for name, others in aliases.items():
        if not _names_list(others):
            raise ConfigError(
                f"speakers.aliases.{name!r} = {others!r}: expected a list of other names"
            )
        for other in (name, *others):
            if owner.setdefault(other.casefold(), name) != name:
                raise ConfigError(
                    f"speakers.aliases: {other!r} is listed under both {owner[other.casefold()]!r}"
                    f" and {name!r}: expected each name under one person"
                )
    groups = table.get("never_merge", [])
    if not isinstance(groups, list) or not all(_names_list(g) and len(g) >= 2 for g in groups):
        raise ConfigError(
            f"speakers.never_merge = {groups!r}: expected a list of name lists such as "
            '[["Wang Yang", "Wang Yi"]]'
        )
    return SpeakersConfig(
        aliases=tuple((name, tuple(others)) for name, others in aliases.items()),
        never_merge=tuple(tuple(group) for group in groups),
    )


def _names_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
