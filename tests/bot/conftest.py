"""A fake Slack on loopback and a configuration pointing the bot at it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest

from bot.app import build_app, http_server, slack_client, stop_http
from digest import store
from digest.config import Config
from tests.bot.fake_slack import FakeSlack, start

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@pytest.fixture
def slack():
    fake = FakeSlack()
    server = start(fake)
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def bot_config(config: Config, slack: FakeSlack) -> Config:
    return replace(
        config,
        slack=replace(
            config.slack,
            channels=("#trade-desk", "#markets"),
            api_url=slack.api_url,
            bot_token="xoxb-test-token",
            signing_secret=SECRET,
            port=0,
        ),
    )


@pytest.fixture
def connect(bot_config: Config):
    return store.connector(bot_config.db_path)


@pytest.fixture
def bot_url(bot_config: Config, connect) -> Iterator[str]:
    """The bot in HTTP mode on a real waitress server; its events URL."""
    with running_bot(bot_config, connect) as url:
        yield url


@contextlib.contextmanager
def running_bot(config: Config, connect) -> Iterator[str]:
    """The bot of `config` in HTTP mode on a real waitress server; its events URL."""
    app = build_app(config, connect, slack_client(config))
    server = http_server(app, config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/slack/events"
    finally:
        stop_http(server)
        thread.join(5)
        server.task_dispatcher.shutdown()
