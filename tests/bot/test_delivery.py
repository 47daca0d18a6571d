import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from bot import delivery
from bot.app import slack_client
from digest import jobs, store
from digest.cli import main
from digest.compose import Digest
from digest.delivery import post

NOW = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)
PARTS = [[{"type": "section", "text": {"type": "mrkdwn", "text": f"part {i}"}}] for i in range(3)]

# Posts the digest as another process would, to be killed between two messages.
POSTER = """
import sys
from datetime import datetime
from slack_sdk import WebClient

from bot.delivery import SlackOutlet
from digest import store
from digest.delivery import post
db_path, api_url, digest_id = sys.argv[1:]
db = store.open_store(db_path)
outlet = SlackOutlet(WebClient(token="xoxb-test", base_url=api_url), ("#trade-desk",))
post(db, store.digest_by_id(db, int(digest_id)), "#trade-desk", outlet, datetime.fromisoformat(%r))
"""


def _run(config, db, now=NOW):
    outlet = delivery.SlackOutlet(slack_client(config), config.slack.channels)
    return jobs.run_digest(config, db, None, now, outlet).outcomes


def test_a_digest_is_posted_once_per_channel_across_runs(bot_config, slack):
    db = store.open_store(bot_config.db_path)
    first, second = _run(bot_config, db), _run(bot_config, db)
    assert [o.status for o in first] == ["posted", "posted"]
    assert [o.status for o in second] == ["already posted", "already posted"]
    assert sorted(c.body["channel"] for c in slack.posts()) == ["#markets", "#trade-desk"]


def _three_parts(db):
    digest = store.save_digest(db, Digest("2026-11-19", NOW.isoformat()), created="c")
    return store.save_digest_messages(db, digest.id, PARTS)


def test_a_crash_between_two_messages_resumes_in_the_thread_without_reposting(bot_config, slack):
    db = store.open_store(bot_config.db_path)
    digest = _three_parts(db)
    poster = subprocess.Popen(
        [
            sys.executable,
            "-c",
            POSTER % NOW.isoformat(),
            str(bot_config.db_path),
            slack.api_url,
            str(digest.id),
        ]
    )
    _wait_until(lambda: (_row(db, digest.id) or {}).get("parts") == 1)
    poster.kill()  # during the one-second pause before the second message
    poster.wait()

    outlet = delivery.SlackOutlet(slack_client(bot_config), ("#trade-desk",), delivery.Pacer())
    meanwhile = post(db, digest, "#trade-desk", outlet, NOW)
    assert meanwhile.status == "busy"  # the dead process's claim holds until its lease ends
    later = post(db, digest, "#trade-desk", outlet, NOW + timedelta(hours=1))
    assert later.status == "posted"

    posts = slack.posts("#trade-desk")
    assert [p.body["blocks"][0]["text"]["text"] for p in posts] == ["part 0", "part 1", "part 2"]
    first_ts = _row(db, digest.id)["ts"]
    assert [p.body.get("thread_ts") for p in posts] == [None, first_ts, first_ts]
    assert posts[2].at - posts[1].at >= 0.99  # one message a second per channel


def test_rate_limit_is_waited_out_as_slack_asks(bot_config, slack):
    db = store.open_store(bot_config.db_path)
    digest = jobs.build_digest(bot_config, db, NOW)
    slack.fail_next_post(429, retry_after=1)
    [outcome] = delivery.deliver(db, digest, slack_client(bot_config), ("#trade-desk",), NOW)
    assert outcome.status == "posted"
    limited, accepted = slack.posts()
    assert accepted.at - limited.at >= 1.0


def test_a_thread_reply_waits_a_second_after_its_retried_main_message(bot_config, slack):
    db = store.open_store(bot_config.db_path)
    digest = _three_parts(db)
    slack.fail_next_post(429, retry_after=1)
    [outcome] = delivery.deliver(db, digest, slack_client(bot_config), ("#trade-desk",), NOW)
    assert outcome.status == "posted"
    limited, main_message, reply, _ = slack.posts()
    assert main_message.at - limited.at >= 1.0
    assert reply.at - main_message.at >= 0.99  # paced from the accepted post, not the first try


def test_a_server_error_is_retried(bot_config, slack):
    db = store.open_store(bot_config.db_path)
    digest = jobs.build_digest(bot_config, db, NOW)
    slack.fail_next_post(502)
    [outcome] = delivery.deliver(db, digest, slack_client(bot_config), ("#trade-desk",), NOW)
    assert outcome.status == "posted"
    assert len(slack.posts()) == 2


def test_an_unknown_channel_is_reported_and_retried_on_the_next_run(bot_config, slack):
    db = store.open_store(bot_config.db_path)
    slack.missing_channels = {"#markets"}
    outcomes = _run(bot_config, db)
    assert [o.status for o in outcomes] == ["posted", "failed"]
    assert "channel not found" in str(outcomes[1])
    assert "#markets" in str(outcomes[1])
    assert _row(db, outcomes[1].digest_id, "#markets")["error"].startswith("channel not found")

    slack.missing_channels = set()
    retried = _run(bot_config, db, NOW + timedelta(days=1))
    earlier = [o for o in retried if o.digest_id == outcomes[1].digest_id]
    assert [(o.channel, o.status) for o in earlier] == [("#markets", "posted")]
    assert len(slack.posts("#markets")) == 3  # the failed try, the retry, the new digest


def _row(db, digest_id, channel="#trade-desk"):
    rows = list(db["deliveries"].rows_where("digest_id = ? and channel = ?", [digest_id, channel]))
    return rows[0] if rows else None


def _wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def test_run_once_with_a_token_posts_and_names_a_channel_that_does_not_exist(
    bot_config, slack, write_config
):
    path = write_config(
        f'[database]\npath = "{bot_config.db_path}"\n'
        '[[sources]]\nname = "samples"\nkind = "folder"\npath = "bundled:samples"\n'
        '[slack]\nchannels = ["#trade-desk", "#nowhere"]\n'
    )
    slack.missing_channels = {"#nowhere"}
    env = {"TRADEDIGEST_CONFIG": str(path), "SLACK_API_URL": slack.api_url}
    result = CliRunner(env={**env, "SLACK_BOT_TOKEN": "xoxb-t"}).invoke(main, ["run", "--once"])
    assert result.exit_code == 1
    assert "→ #trade-desk: posted" in result.stderr
    assert "→ #nowhere: failed (channel not found" in result.stderr
    assert "1 of 2 deliveries failed; the next run retries them" in result.stderr
    assert [p.body["channel"] for p in slack.posts()] == ["#trade-desk", "#nowhere"]
