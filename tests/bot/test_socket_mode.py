"""Socket Mode end to end: apps.connections.open on the fake API hands out a local WebSocket, which
plays Slack: says hello, sends a slash command and collects the bot's ack."""

import json
import queue
import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import serve

from bot.app import build_app, slack_client, socket_mode_handler
from tests.bot.fake_slack import slash_command
from tests.bot.seed import seed
from tests.bot.test_app import idle_cpu_seconds, serve_fails


@pytest.fixture
def socket_slack(slack):
    """A WebSocket that sends `/quotes reciprocal` once the bot connects; yields the acks."""
    acks: queue.Queue = queue.Queue()

    def session(websocket) -> None:
        command = slash_command("/quotes", "reciprocal", slack.response_url("socket"))
        websocket.send(json.dumps({"type": "hello", "num_connections": 1}))
        envelope = {
            "envelope_id": "envelope-1",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": command,
        }
        websocket.send(json.dumps(envelope))
        try:
            for message in websocket:
                acks.put(message)
        except ConnectionClosed:
            pass

    server = serve(session, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    slack.ws_url = f"ws://127.0.0.1:{server.socket.getsockname()[1]}/link"
    yield acks
    server.shutdown()


def test_a_command_over_socket_mode_is_acked_small_and_answered(
    bot_config, connect, slack, socket_slack
):
    seed(connect(), 6, datetime.now(UTC))
    config = replace(bot_config, slack=replace(bot_config.slack, app_token="xapp-test-token"))
    handler = socket_mode_handler(build_app(config, connect, slack_client(config)), config)
    handler.connect()
    try:
        ack = socket_slack.get(timeout=10)
        [answer] = slack.wait_for("/respond/socket", timeout=10)
    finally:
        handler.close()
    assert json.loads(ack) == {"envelope_id": "envelope-1"}
    assert "more fair, equitable and reciprocal" in json.dumps(answer.body["blocks"])
    [opened] = [c for c in slack.calls if c.method == "apps.connections.open"]
    assert opened.headers["Authorization"] == "Bearer xapp-test-token"


def test_an_idle_socket_mode_connection_does_not_spin(bot_config, connect, slack, socket_slack):
    config = replace(bot_config, slack=replace(bot_config.slack, app_token="xapp-test-token"))
    handler = socket_mode_handler(build_app(config, connect, slack_client(config)), config)
    handler.connect()
    try:
        socket_slack.get(timeout=10)
        assert idle_cpu_seconds() < 0.1
    finally:
        handler.close()


def test_a_wrong_app_token_is_one_line_naming_it(slack, write_config, tmp_path):
    [line] = serve_fails(slack, write_config, tmp_path, SLACK_APP_TOKEN="xapp-wrong")
    assert line.startswith("Error: Slack refused the app-level token: invalid_auth")
    assert "SLACK_APP_TOKEN" in line
