"""The `tradedigest` command line."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from rich.console import Console
from sqlite_utils import Database

from digest import __version__, follows, jobs, speakers, store
from digest.compose import Digest
from digest.config import Config, ConfigError, load_config
from digest.delivery import Outlet, TerminalOutlet
from digest.figures.history import history, terms
from digest.nlp import ModelMissing, extract_many, load_nlp
from digest.records import Extraction, StoredDigest
from digest.render import (
    IngestProgress,
    card_text,
    history_text,
    ingest_table,
    problems,
    sources_table,
    summary_line,
    to_console,
    to_markdown,
    to_messages,
    to_text,
)
from digest.render._safe import terminal_safe
from digest.sources import SourceUnavailable
from digest.store import follows as follow_store

# Errors a user can fix: shown as one line and exit status 1, never a traceback.
USER_ERRORS = (
    ConfigError,
    ModelMissing,
    SourceUnavailable,
    store.StoreError,
    OSError,
    speakers.UnknownSpeaker,
    speakers.SpeakerError,
)


class Commands(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except USER_ERRORS as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=Commands)
@click.version_option(__version__, prog_name="tradedigest")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Configuration file (default: $TRADEDIGEST_CONFIG or config/tradedigest.toml).",
)
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """tradedigest: who said what about trade, and which numbers matter."""
    ctx.obj = {"config_path": config_path}


def _config(ctx: click.Context) -> Config:
    return load_config(path=ctx.obj["config_path"])


@main.command()
@click.option(
    "--once",
    is_flag=True,
    required=True,
    help="Run ingest, digest and delivery one time, then exit.",
)
@click.pass_context
def run(ctx: click.Context, once: bool) -> None:
    """Ingest the sources, compose the digest and deliver it (to the terminal without a token)."""
    config = _config(ctx)
    db = store.open_store(config.db_path)
    outlet = _outlet(config)
    done = jobs.run_digest(config, db, load_nlp(), datetime.now(UTC), outlet)
    for line in [*map(summary_line, done.reports), *problems(done.reports)]:
        click.echo(line, err=True)
    if not any(r.new or r.updated for r in done.reports):
        click.echo("Nothing new since the last run.", err=True)
    _warn_failing(config, db)
    for line in _alerts(config, db, outlet):
        click.echo(line, err=True)
    for outcome in done.outcomes:
        if outcome.channel != "terminal" or outcome.status not in ("posted", "already posted"):
            click.echo(str(outcome), err=True)
    failed = [o for o in done.outcomes if o.status == "failed"]
    if failed:
        raise click.ClickException(
            f"{len(failed)} of {len(done.outcomes)} deliveries failed; the next run retries them"
        )


def _alerts(config: Config, db: Database, outlet: Outlet) -> list[str]:
    """Each follower's alerts for what this run stored, with Slack."""
    from bot import alerts
    from bot.delivery import SlackOutlet

    if not isinstance(outlet, SlackOutlet):
        return []
    return [str(alert) for alert in alerts.run(config, db, outlet.client, datetime.now(UTC))]


def _outlet(config: Config) -> Outlet:
    """Slack with a bot token, else the terminal."""
    if not config.slack.bot_token:
        return TerminalOutlet(_print_digest)
    from bot.app import slack_client
    from bot.delivery import SlackOutlet

    return SlackOutlet(slack_client(config), config.slack.channels)


@main.command()
@click.pass_context
def serve(ctx: click.Context) -> None:
    """Run the schedule (ingest, digest) and the Slack bot until SIGTERM or Ctrl-C."""
    from bot.serve import serve as serve_forever

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Our own line per job run says what APScheduler's would, with the outcome.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    serve_forever(_config(ctx))


def _warn_failing(config: Config, db: Database) -> None:
    for row in store.failing_sources(db, config.ingest.failing_after):
        line = (
            f"warning: source {row.name!r} has failed {row.consecutive_failures} runs in a"
            f" row (last success: {row.last_success or 'never'}): {row.last_error}"
        )
        click.echo(terminal_safe(line), err=True)


def _reading(config: Config) -> Database:
    """The store for a command that only reads: a database file we may not write is opened
    read-only (it must then be up to date)."""
    path = Path(config.db_path)
    readonly = path.is_file() and not os.access(path, os.W_OK)
    return store.open_store(path, readonly=readonly)


@main.command()
@click.pass_context
def ingest(ctx: click.Context) -> None:
    """Fetch every source and extract what is new, with a progress bar and a summary table."""
    config = _config(ctx)
    db = store.open_store(config.db_path)
    nlp = load_nlp()
    with IngestProgress(Console(stderr=True)) as progress:
        reports = jobs.ingest(config, db, nlp, datetime.now(UTC), progress=progress)
    Console().print(ingest_table(reports))
    for line in problems(reports):
        click.echo(line, err=True)
    _warn_failing(config, db)


@main.command(name="sources")
@click.pass_context
def list_sources(ctx: click.Context) -> None:
    """List the configured sources and their health; failing sources are flagged."""
    config = _config(ctx)
    health = store.source_health(_reading(config))
    Console().print(sources_table(config.sources, health, config.ingest.failing_after))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.pass_context
def extract(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Print quotes, speakers and figures of each FILE as one JSON object a line ('-': stdin);
    speakers are named as the directory files them across all the FILEs."""
    rules = _config(ctx).speakers
    readable, unreadable = [], []
    for name in files:
        try:
            readable.append((name, _read(name)))
        except (OSError, UnicodeDecodeError) as error:
            unreadable.append(f"{name}: {_reason(error)}")
    extractions = speakers.across_articles(
        list(extract_many((text for _, text in readable), load_nlp())),
        rules,
        datetime.now(UTC).isoformat(),
    )
    given_up = []
    for (name, _), extraction in zip(readable, extractions, strict=True):
        click.echo(json.dumps({"path": name, **_contract(extraction)}, ensure_ascii=False))
        if extraction.gave_up:
            given_up.append(f"{name}: {extraction.gave_up}")
    # The other files are printed all the same; one bad file costs only itself.
    problems = (["cannot read " + "; ".join(unreadable)] if unreadable else []) + (
        ["gave up on " + "; ".join(given_up)] if given_up else []
    )
    if problems:
        raise click.ClickException("; ".join(problems))


def _contract(extraction: Extraction) -> dict:
    """The `extract` contract exactly: the store's ranking field `salience` stays internal."""
    record = asdict(extraction)
    del record["gave_up"]
    for figure in record["figures"]:
        del figure["salience"]
    return record


def _reason(error: OSError | UnicodeDecodeError) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte {error.start})"
    return error.strerror or str(error)


def _read(name: str) -> str:
    if name == "-":
        # Bytes, not text mode, so "\r\n" survives and offsets index the input exactly.
        return sys.stdin.buffer.read().decode("utf-8")
    # newline="" keeps "\r\n" as is, so offsets index the file's text exactly.
    with open(name, encoding="utf-8", newline="") as handle:
        return handle.read()


@main.command(name="digest")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Show the digest whose period ended on this day (YYYY-MM-DD, schedule timezone).",
)
@click.option("--number", type=int, help="Show digest number N (see --list).")
@click.option("--list", "listing", is_flag=True, help="List the latest digests with their numbers.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "blocks"]),
    default="text",
    help="text (terminal), markdown, or blocks: Block Kit JSON for Slack's Block Kit Builder.",
)
@click.pass_context
def show_digest(
    ctx: click.Context, day: datetime | None, number: int | None, listing: bool, fmt: str
) -> None:
    """Show a stored digest: the latest with news, the one of --date or --number; or --list them."""
    config = _config(ctx)
    db = _reading(config)
    if listing:
        _list_digests(db)
        return
    stored = _stored_digest(db, day, number, config.schedule.timezone)
    if fmt == "blocks":
        main_message, *thread = stored.messages or to_messages(stored.digest)
        dump = {"blocks": main_message, **({"thread": thread} if thread else {})}
        click.echo(json.dumps(dump, indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(to_markdown(stored.digest))
    else:
        _print_digest(stored.digest)


def _list_digests(db: Database) -> None:
    found = store.list_digests(db)
    if not found:
        raise click.ClickException("no digest yet: run `tradedigest run --once` first")
    for stored in found:
        delivered = ", ".join(f"{d.channel} {d.status}" for d in store.deliveries_of(db, stored.id))
        news = f"{stored.digest.articles} articles" if not stored.empty else "nothing new"
        click.echo(
            f"#{stored.id:<4} {stored.period_start[:16]} → {stored.period_end[:16]} UTC"
            f"  {news}  ({delivered or 'not delivered'})"
        )


def _print_digest(digest: Digest) -> None:
    """In colour on a terminal; plain text, lines unwrapped, when piped."""
    if sys.stdout.isatty():
        Console().print(to_console(digest))
    else:
        click.echo(to_text(digest), nl=False)


def _stored_digest(
    db: Database, day: datetime | None, number: int | None, timezone: str
) -> StoredDigest:
    if number is not None:
        found = store.digest_by_id(db, number)
        if found is None:
            raise click.ClickException(
                f"no digest #{number}: `tradedigest digest --list` lists them"
            )
        return found
    if day is None:
        latest = store.last_digest(db)
        if latest is None:
            raise click.ClickException("no digest yet: run `tradedigest run --once` first")
        return latest
    # The day is the desk's: midnight to midnight in the schedule's timezone.
    start = day.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
    found_on = store.digests_ending_between(
        db, store.timestamp(start), store.timestamp(start + timedelta(days=1))
    )
    if not found_on:
        raise click.ClickException(f"no digest ended on {day:%Y-%m-%d} ({timezone})")
    return found_on[0]


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--quotes", "count", default=5, show_default=True, help="How many quotes to show.")
@click.option("--why", is_flag=True, help="Also show why each article's mention was filed here.")
@click.pass_context
def speaker(ctx: click.Context, name: tuple[str, ...], count: int, why: bool) -> None:
    """Show the speaker NAME (name, surname, alias or title; typos forgiven) and their quotes."""
    config = _config(ctx)
    db = _reading(config)
    found = speakers.lookup(db, " ".join(name))
    card = speakers.speaker_card(
        db, found.speaker_id, quotes=count, min_confidence=config.digest.min_confidence
    )
    click.echo(card_text(card), nl=False)
    if why:
        for link in store.directory.links_of(db, card.speaker_id):
            line = (
                f"  {link.seen[:10]} {link.name!r} in “{link.article_title or link.url}”"
                f" ({link.url}): {link.rule} — {link.reason}"
            )
            click.echo(terminal_safe(line))


@main.command(name="figures")
@click.argument("term", nargs=-1, required=True)
@click.option("--dates", default=8, show_default=True, help="Dates to show for each measure.")
@click.pass_context
def figures_history(ctx: click.Context, term: tuple[str, ...], dates: int) -> None:
    """List stored figures whose `about` matches TERM, newest first, grouped by what they
    measure: `tradedigest figures trade deficit`."""
    db = _reading(_config(ctx))
    text = " ".join(term)
    series = history(store.figures_about(db, terms(text)), text, points=dates)
    if not series:
        click.echo(f"No stored figure measures {_printable(text)!r}.", err=True)
        return
    click.echo(history_text(series), nl=False)


@main.group(name="speakers", invoke_without_command=True)
@click.option(
    "--days", default=7, show_default=True, help="List the most quoted of this many days."
)
@click.option("--limit", default=10, show_default=True, help="How many speakers to list.")
@click.pass_context
def speakers_group(ctx: click.Context, days: int, limit: int) -> None:
    """List the most quoted speakers of the last DAYS days; `merge` and `split` correct records."""
    if ctx.invoked_subcommand is not None:
        return
    db = _reading(_config(ctx))
    now = datetime.now(UTC)
    top = speakers.top_speakers(
        db, (now - timedelta(days=days)).isoformat(), now.isoformat(), limit
    )
    for name, quotes in top:
        click.echo(terminal_safe(f"{quotes:5d}  {name}"))
    if not top:
        click.echo(f"No quotes in the last {days} day(s).", err=True)


@speakers_group.command()
@click.argument("keep")
@click.argument("other")
@click.pass_context
def merge(ctx: click.Context, keep: str, other: str) -> None:
    """File everything of speaker OTHER under KEEP (names or #ids); OTHER's names stay tied to
    KEEP for future articles."""
    db = store.open_store(_config(ctx).db_path)
    keep_id, other_id = speakers.speaker_id_for(db, keep), speakers.speaker_id_for(db, other)
    speakers.merge_speakers(db, keep_id, other_id, datetime.now(UTC).isoformat())
    click.echo(card_text(speakers.speaker_card(db, keep_id, quotes=0)), nl=False)


@speakers_group.command()
@click.argument("speaker_ref", metavar="SPEAKER")
@click.argument("names", nargs=-1, required=True)
@click.pass_context
def split(ctx: click.Context, speaker_ref: str, names: tuple[str, ...]) -> None:
    """Move the articles where SPEAKER went by one of NAMES to a new speaker named after the first
    of NAMES; those names stay with the new speaker for future articles."""
    db = store.open_store(_config(ctx).db_path)
    speaker_id = speakers.speaker_id_for(db, speaker_ref)
    new_id = speakers.split_speaker(db, speaker_id, list(names), datetime.now(UTC).isoformat())
    for changed in (speaker_id, new_id):
        click.echo(card_text(speakers.speaker_card(db, changed, quotes=0)), nl=False)


@main.group(name="follows", invoke_without_command=True)
@click.pass_context
def follows_group(ctx: click.Context) -> None:
    """List every user's follows (speakers and topics); `remove USER` deletes a user's follows."""
    if ctx.invoked_subcommand is not None:
        return
    rows = follow_store.all_follows(_reading(_config(ctx)))
    user = None
    for follow in rows:
        if follow.user != user:
            user = follow.user
            click.echo(_printable(user))
        click.echo(f"  {follow.kind:8} {_printable(follow.label)}  (since {follow.created[:10]})")
    if not rows:
        click.echo("Nobody follows anything yet.", err=True)


@follows_group.command(name="remove")
@click.argument("user")
@click.pass_context
def remove_follows(ctx: click.Context, user: str) -> None:
    """Delete every follow of USER (a Slack user ID) and the alerts waiting for them."""
    removed = follow_store.remove_user(store.open_store(_config(ctx).db_path), user)
    click.echo(f"Removed {removed} follow{'s' * (removed != 1)} of {_printable(user)}.")


@main.command(name="alerts")
@click.option("--dry-run", is_flag=True, help="Print what would be sent, per user; send nothing.")
@click.pass_context
def send_alerts(ctx: click.Context, dry_run: bool) -> None:
    """Send each follower what is new for them now (the run after each ingest does this)."""
    config = _config(ctx)
    db = store.open_store(config.db_path)
    if dry_run:
        pending = follows.preview(db, config.alerts.max_items)
        for alert in pending:
            click.echo(follows.to_text(alert), nl=False)
        if not pending:
            click.echo("No alerts to send.", err=True)
        return
    if not config.slack.bot_token:
        raise click.ClickException("sending alerts needs SLACK_BOT_TOKEN; --dry-run prints them")
    from bot import alerts
    from bot.app import slack_client

    outcomes = alerts.run(config, db, slack_client(config), datetime.now(UTC))
    for outcome in outcomes:
        click.echo(str(outcome), err=True)
    if any(o.status == "failed" for o in outcomes):
        raise click.ClickException("some alerts failed; the next run sends them")


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)
