"""The Slack app: its Web API client, the Bolt app, and the two ways Slack reaches it.

Socket Mode when an app-level token is configured (no public URL needed); otherwise HTTP on a
waitress server at /slack/events, every request verified with the signing secret.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from sqlite_utils import Database
from waitress.server import BaseWSGIServer, create_server

from bot import commands, follows
from digest.config import Config

log = logging.getLogger(__name__)


class _SameTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself, then warns that the client's token wins: it is the
    same token, so the warning only confuses."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


log.addFilter(_SameTokenWarning())

EVENTS_PATH = "/slack/events"
TIMESTAMP = re.compile(r"[0-9]{1,12}")


class ServerErrorsRetryHandler(ServerErrorRetryHandler):
    """Retries every 5xx with backoff; the built-in handler retries only 500 and 503."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return response is not None and response.status_code >= 500


def slack_client(config: Config) -> WebClient:
    """The Web API client: retries 429 after Retry-After, and 5xx and lost connections with
    backoff."""
    return WebClient(
        token=config.slack.bot_token,
        base_url=config.slack.api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorsRetryHandler(
                max_retry_count=3,
                interval_calculator=BackoffRetryIntervalCalculator(backoff_factor=0.5),
            ),
        ],
    )


def socket_mode(config: Config) -> bool:
    return config.slack.app_token is not None


def build_app(config: Config, connect: Callable[[], Database], client: WebClient) -> App:
    """The Bolt app with every command and button; `connect()` gives the calling thread its
    store connection, since handlers run on worker threads."""
    app = App(
        client=client,
        # Passed explicitly: Bolt would otherwise read the environment itself.
        signing_secret=config.slack.signing_secret or "",
        request_verification_enabled=not socket_mode(config),
        logger=log,
    )
    commands.register(app, config, connect)
    follows.register(app, connect)
    app.error(_log_error)
    return app


def _log_error(error: Exception, body: dict) -> None:
    log.error("unhandled error for %s: %r", body.get("command") or body.get("type"), error)


def http_server(app: App, config: Config) -> BaseWSGIServer:
    """A waitress server for `app` on the configured address, refusing oversized bodies."""
    return create_server(
        signed_only(SlackRequestHandler(app, path=EVENTS_PATH)),
        host=config.slack.host,
        port=config.slack.port,
        max_request_body_size=config.slack.max_body_bytes,
        threads=8,
        ident="tradedigest",
        # The accept loop wakes this often, so a stopped server is gone within a quarter second.
        asyncore_loop_timeout=0.25,
    )


def stop_http(server: BaseWSGIServer) -> None:
    """Stop `server` from any thread: the close runs on its own loop thread, whose `run()` then
    returns once the open connections finish."""
    try:
        server.trigger.pull_trigger(server.close)
    except OSError as error:
        # The loop's wake-up pipe is already gone (waitress closes it when the loop fails on
        # it), so there is no loop left to wake; stopping must not fail on top of that.
        log.warning("HTTP server already stopping: %s", error)


def signed_only(wsgi: Callable) -> Callable:
    """Answer 401 to a request without both signature headers or with a timestamp that is not a
    number; Bolt checks the signature and age of the rest (and would fail with 500 on these)."""

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        if environ.get("HTTP_X_SLACK_SIGNATURE") and TIMESTAMP.fullmatch(stamp):
            return wsgi(environ, start_response)
        start_response("401 Unauthorized", [("Content-Type", "application/json")])
        return [b'{"error": "invalid request"}']

    return application


def socket_mode_handler(app: App, config: Config) -> SocketModeHandler:
    """Bolt's built-in Socket Mode client; acks stay small since it cannot send frames over
    64 KiB, and answers go through `respond`."""
    return SocketModeHandler(app, app_token=config.slack.app_token, web_client=app.client)
