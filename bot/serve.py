"""`tradedigest serve`: the scheduler and the Slack bot in one process, until SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.app import (
    Redacted,
    build_app,
    http_server,
    slack_client,
    socket_mode,
    socket_mode_handler,
    stop_http,
)
from bot.scheduler import Jobs, build_scheduler, catch_up
from digest import store
from digest.config import Config, ConfigError
from digest.nlp import load_nlp

log = logging.getLogger(__name__)


def serve(config: Config) -> None:
    """Run until a stop signal; every job run and the state at start are logged, tokens never."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(Redacted())
    _check(config)
    client = slack_client(config)
    workspace = _workspace(client)
    connect = store.connector(config.db_path)
    db = connect()  # migrations run here, before worker threads open the store concurrently
    # The bot first: a port in use stops `serve` before any job starts.
    stop_bot, where = _start_bot(build_app(config, connect, client), config)
    work = Jobs(config, connect, load_nlp(), client)
    scheduler = build_scheduler(config, work)
    scheduler.start()
    catch_up(scheduler, config, work, db)
    jobs = {job.id: job.next_run_time for job in scheduler.get_jobs()}
    log.info(
        "serving %s on %s; channels %s; next ingest %s, next digest %s",
        workspace,
        where,
        ", ".join(config.slack.channels),
        _when(jobs.get("ingest")),
        _when(jobs.get("digest")),
    )
    _wait_for_stop_signal()
    log.info("stopping")
    stop_bot()
    scheduler.shutdown(wait=True)
    work.close()
    log.info("stopped")


def _check(config: Config) -> None:
    if not config.slack.bot_token:
        raise ConfigError("serve needs SLACK_BOT_TOKEN (the bot token, xoxb-…)")
    if not (config.slack.app_token or config.slack.signing_secret):
        raise ConfigError(
            "serve needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)"
        )


def _workspace(client: WebClient) -> str:
    try:
        identity = client.auth_test()
    except SlackApiError as error:
        raise ConfigError(
            f"Slack refused the bot token: {error.response.get('error')} (check SLACK_BOT_TOKEN)"
        ) from None
    return f"workspace {identity['team']} ({identity.get('url', '?')}) as {identity['user']}"


def _start_bot(app: App, config: Config) -> tuple[Callable[[], None], str]:
    """Start the bot's listener; returns how to stop it and where it listens."""
    if socket_mode(config):
        handler = socket_mode_handler(app, config)
        try:
            handler.connect()
        except SlackApiError as error:
            raise ConfigError(
                f"Slack refused the app-level token: {error.response.get('error')} (check "
                "SLACK_APP_TOKEN: an xapp-… token with connections:write)"
            ) from None
        return handler.close, "Socket Mode"
    server = http_server(app, config)
    thread = threading.Thread(target=server.run, name="http", daemon=True)
    thread.start()

    def stop() -> None:
        stop_http(server)
        thread.join(10)

    return stop, f"http://{config.slack.host}:{server.effective_port}/slack/events"


def _wait_for_stop_signal() -> None:
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    while not stopping.wait(1):  # a timeout keeps the main thread responsive to signals
        pass


def _when(moment) -> str:
    return moment.isoformat(timespec="minutes") if moment else "not scheduled"
