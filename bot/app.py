"""The Slack app: its Web API client, the Bolt app, and the two ways Slack reaches it.

Socket Mode when an app-level token is configured (no public URL needed); otherwise HTTP on a
waitress server at /slack/events, every request verified with the signing secret.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Callable, Iterable

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from sqlite_utils import Database
from waitress.server import BaseWSGIServer, create_server

from bot import commands, follows
from bot.retries import retry_handlers
from digest.config import Config, ConfigError

log = logging.getLogger(__name__)


class _SameTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself, then warns that the client's token wins: it is the
    same token, so the warning only confuses."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


class Redacted(logging.Filter):
    """No request body and nothing token-shaped reaches a log. Bolt logs a request it refuses
    with its body, which holds the slash command's `token=`; Bolt's loggers take this filter from
    ours, and `serve` puts it on every handler too."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        return True


# Whatever follows "body:" (Bolt's refused-request line) is the body.
BODY = re.compile(r"[,;]?\s*\bbody\b\s*[:=].*", re.IGNORECASE | re.DOTALL)
TOKEN = re.compile(
    r"\bx(?:ox[a-z]|app)-[\w-]+"  # Slack tokens: bot, user, app-level
    r"|(?<=token=)[^&\s]+|(?<=token\": \")[^\"]+"  # a token field, form- or JSON-encoded
    r"|(?<=secret=)[^&\s]+|(?<=signature: )v0=\w+",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """`text` without any request body, and any token-shaped string replaced."""
    return TOKEN.sub("[redacted]", BODY.sub(" (body not logged)", text))


log.addFilter(_SameTokenWarning())
log.addFilter(Redacted())

EVENTS_PATH = "/slack/events"
TIMESTAMP = re.compile(r"[0-9]{1,12}")


def slack_client(config: Config) -> WebClient:
    """The Web API client, retrying as `bot.retries` says."""
    return WebClient(
        token=config.slack.bot_token,
        base_url=config.slack.api_url,
        retry_handlers=retry_handlers(),
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
    """A waitress server for `app` on the configured address, refusing oversized bodies; an
    address it cannot listen on is a configuration error naming the setting."""
    try:
        listener = socket.create_server((config.slack.host, config.slack.port))
    except OSError as error:
        raise ConfigError(
            f"slack.port = {config.slack.port}: cannot listen on {config.slack.host} "
            f"({error.strerror or error}); stop what uses it or set another slack.port"
        ) from None
    return create_server(
        signed_only(SlackRequestHandler(app, path=EVENTS_PATH)),
        sockets=[listener],
        max_request_body_size=config.slack.max_body_bytes,
        threads=8,
        ident="tradedigest",
        # Whole seconds: waitress reads this as an integer, and 0 would make its loop spin a core.
        # Stopping does not wait on it: `stop_http` wakes the loop.
        asyncore_loop_timeout=1,
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
