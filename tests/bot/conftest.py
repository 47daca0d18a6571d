"""A fake Slack on loopback and a configuration pointing the bot at it."""

from __future__ import annotations

import threading
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
def bot_url(bot_config: Config, connect) -> str:
    """The bot in HTTP mode on a real waitress server; its events URL."""
    app = build_app(bot_config, connect, slack_client(bot_config))
    server = http_server(app, bot_config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/slack/events"
    stop_http(server)
    thread.join(5)
    server.task_dispatcher.shutdown()
