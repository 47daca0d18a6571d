"""The HTTP edge: only requests signed as Slack signs them get through, and never a 500."""

import logging
import re
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import commands, follows
from bot.app import build_app, http_server, slack_client, stop_http
from digest.cli import main
from tests.bot.conftest import SECRET
from tests.bot.fake_slack import form, send, sign, slash_command

BODY = form(slash_command("/quotes", "tariffs", "http://127.0.0.1:9/unused"))


def _headers(**changes):
    headers = sign(SECRET, BODY)
    for name, value in changes.items():
        header = "X-Slack-" + name.replace("_", "-").title()
        if value is None:
            del headers[header]
        else:
            headers[header] = value
    return headers


@pytest.mark.parametrize(
    "headers",
    [
        sign("not-the-secret", BODY),
        sign(SECRET, BODY, timestamp=int(time.time()) - 5 * 60 - 30),
        sign(SECRET, BODY + "&text=more"),
        _headers(request_timestamp="yesterday"),
        _headers(request_timestamp=""),
        _headers(request_timestamp=None),
        _headers(signature=None),
        _headers(signature="v0=", request_timestamp=None),
    ],
    ids=[
        "bad signature",
        "stale timestamp",
        "body changed after signing",
        "non-numeric timestamp",
        "empty timestamp",
        "missing timestamp",
        "missing signature",
        "no headers",
    ],
)
def test_requests_not_signed_by_slack_are_refused_with_401(bot_url, slack, headers):
    status, _ = send(bot_url, BODY, headers)
    assert status == 401
    assert not [c for c in slack.calls if c.method.startswith("/respond/")]


def test_a_body_over_the_limit_is_refused_before_the_bot_sees_it(bot_url, bot_config):
    body = BODY + "&pad=" + "x" * bot_config.slack.max_body_bytes
    status, _ = send(bot_url, body, sign(SECRET, body))
    assert status == 413


def test_other_paths_are_not_found(bot_url):
    status, _ = send(bot_url.replace("/slack/events", "/admin"), BODY, sign(SECRET, BODY))
    assert status == 404


def test_the_manifest_declares_exactly_the_commands_the_bot_answers():
    manifest = (Path(__file__).parents[2] / "config" / "slack-manifest.yaml").read_text()
    declared = re.findall(r"- command: (/\w+)", manifest)
    assert sorted(declared) == sorted([*commands.USAGE, *follows.USAGE])
    assert "socket_mode_enabled: true" in manifest


def test_stopping_a_server_whose_wake_up_pipe_is_gone_does_not_fail(bot_config, connect):
    app = build_app(bot_config, connect, slack_client(bot_config))
    server = http_server(app, bot_config)
    server.trigger.close()
    stop_http(server)
    server.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.effective_port), timeout=1)


def test_a_refused_request_is_logged_without_its_body_or_any_token(bot_url, caplog):
    body = BODY.replace("legacy-unused", "xoxb-1234-abcd") + "&secret=hunter2"
    with caplog.at_level(logging.DEBUG):
        assert send(bot_url, body, sign("not-the-secret", body))[0] == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Invalid request signature" in logged
    for secret in ("token=", "xoxb-1234", "hunter2", "tariffs", "team_id"):
        assert secret not in logged


def idle_cpu_seconds(seconds: float = 2.0) -> float:
    """CPU time this process spends while nothing is asked of it."""
    time.sleep(0.3)
    start = time.process_time()
    time.sleep(seconds)
    return time.process_time() - start


def test_an_idle_http_server_does_not_spin(bot_url):
    assert idle_cpu_seconds() < 0.1


def serve_fails(slack, write_config, tmp_path, port: int = 3000, **environ) -> list[str]:
    """`tradedigest serve` against the fake Slack: its exit status and output lines."""
    path = write_config(f'[database]\npath = "{tmp_path / "td.db"}"\n[slack]\nport = {port}\n')
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test-token",
        "SLACK_API_URL": slack.api_url,
        "SLACK_APP_TOKEN": None,
        "SLACK_SIGNING_SECRET": SECRET,
        "TRADEDIGEST_DB": None,
        **environ,
    }
    result = CliRunner().invoke(main, ["--config", str(path), "serve"], env=env)
    assert result.exit_code == 1
    return result.output.splitlines()


def test_a_port_in_use_is_one_line_naming_slack_port(slack, write_config, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        [line] = serve_fails(slack, write_config, tmp_path, port)
    assert line.startswith(f"Error: slack.port = {port}: cannot listen on 127.0.0.1")
