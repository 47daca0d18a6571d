"""The `tradedigest` command line."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import click

from digest import __version__, jobs, store
from digest.compose import Digest
from digest.config import Config, ConfigError, load_config
from digest.nlp import ModelMissing, extract_many, load_nlp
from digest.render import to_blocks, to_text
from digest.sources import SourceUnavailable

# Errors a user can fix: shown as one line and exit status 1, never a traceback.
USER_ERRORS = (ConfigError, ModelMissing, SourceUnavailable, OSError)


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
    now = datetime.now(UTC)
    reports = jobs.ingest(config, db, load_nlp(), now)
    for report in reports:
        _echo_report(report)
    if not any(r.new for r in reports):
        click.echo("Nothing new since the last run.", err=True)
    digest = jobs.build_digest(config, db, now)
    if config.slack.bot_token:
        from slack_sdk import WebClient

        from bot.delivery import deliver

        client = WebClient(token=config.slack.bot_token, base_url=config.slack.api_url)
        for channel, outcome in deliver(db, digest, client, config.slack.channels, now).items():
            click.echo(f"{channel}: {outcome}", err=True)
    else:
        click.echo(to_text(Digest.from_body(digest["body"])))


def _echo_report(report: jobs.SourceReport) -> None:
    line = f"{report.name}: {report.seen} seen, {report.new} new"
    if report.error:
        line += f" — error: {report.error}"
    click.echo(line, err=True)
    for failure in report.failed_articles:
        click.echo(f"  skipped {failure}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
def extract(files: tuple[str, ...]) -> None:
    """Print quotes, speakers and figures of each FILE as one JSON object a line ('-': stdin)."""
    texts = [_read(name) for name in files]
    for name, extraction in zip(files, extract_many(texts, load_nlp()), strict=True):
        click.echo(json.dumps({"path": name, **asdict(extraction)}, ensure_ascii=False))


def _read(name: str) -> str:
    if name == "-":
        # Bytes, not text mode, so "\r\n" survives and offsets index the input exactly.
        return sys.stdin.buffer.read().decode("utf-8")
    # newline="" keeps "\r\n" as is, so offsets index the file's text exactly.
    with open(name, encoding="utf-8", newline="") as handle:
        return handle.read()


@main.command(name="digest")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "blocks"]),
    default="text",
    help="text for the terminal, blocks for Slack's Block Kit Builder (JSON).",
)
@click.pass_context
def show_digest(ctx: click.Context, fmt: str) -> None:
    """Show the latest stored digest."""
    db = store.open_store(_config(ctx).db_path)
    latest = store.last_digest(db)
    if latest is None:
        raise click.ClickException("no digest yet: run `tradedigest run --once` first")
    digest = Digest.from_body(latest["body"])
    if fmt == "blocks":
        click.echo(json.dumps({"blocks": to_blocks(digest)}, indent=2, ensure_ascii=False))
    else:
        click.echo(to_text(digest))
