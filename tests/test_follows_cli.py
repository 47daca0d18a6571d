"""`tradedigest follows`, `follows remove USER` and `alerts --dry-run`."""

from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from digest import follows, speakers, store
from digest.cli import main
from digest.follows import parse_topic
from digest.store import follows as follow_store
from tests.bot.seed import seed
from tests.bot.test_follows import store_article


@pytest.fixture
def runner(config) -> CliRunner:
    return CliRunner(env={"TRADEDIGEST_CONFIG": str(config.config_path), "SLACK_BOT_TOKEN": ""})


@pytest.fixture
def followed(config):
    """U1 follows Wilbur Ross, U2 the topic "steel tariffs"; then a new article has both."""
    db = store.open_store(config.db_path)
    now = datetime.now(UTC)
    seed(db, 8, now - timedelta(hours=2))
    ross = speakers.speaker_id_for(db, "Wilbur Ross")
    follow_store.add_follow(db, "U1", "speaker", "Wilbur Ross", now, speaker_id=ross)
    topic = parse_topic("steel tariffs")
    follow_store.add_follow(db, "U2", "topic", topic.label, now, terms=topic.terms)
    later = (now + timedelta(minutes=1)).isoformat()
    said = [("Wilbur Ross", "Commerce Secretary", "Steel \x1b[31mtariffs stay")]
    store_article(db, 1, said, title="Tariffs on steel stay", fetched=later)
    return db


def test_follows_lists_each_users_follows_and_remove_deletes_them(runner, followed):
    listing = runner.invoke(main, ["follows"])
    assert listing.exit_code == 0, listing.output
    assert "U1\n  speaker  Wilbur Ross" in listing.stdout
    assert "U2\n  topic    steel tariffs" in listing.stdout
    removed = runner.invoke(main, ["follows", "remove", "U1"])
    assert "Removed 1 follow of U1." in removed.stdout
    assert "U1" not in runner.invoke(main, ["follows"]).stdout


def test_alerts_dry_run_prints_what_each_user_would_get_and_changes_nothing(runner, followed):
    first = runner.invoke(main, ["alerts", "--dry-run"])
    assert first.exit_code == 0, first.output
    assert "U1: 1 new for you" in first.stdout
    assert "— Wilbur Ross, Commerce Secretary" in first.stdout
    assert "U2: 1 new for you" in first.stdout
    assert "[topic steel tariffs: steel, Tariffs]" in first.stdout
    assert "\x1b" not in first.stdout
    assert runner.invoke(main, ["alerts", "--dry-run"]).stdout == first.stdout


def test_alerts_without_a_token_says_how_to_preview(runner, followed):
    result = runner.invoke(main, ["alerts"])
    assert result.exit_code == 1
    assert "needs SLACK_BOT_TOKEN; --dry-run prints them" in result.output


def test_alerts_dry_run_includes_alerts_held_by_quiet_hours(runner, followed):
    follows.queue_new(followed, datetime.now(UTC))  # queued, not yet sent
    result = runner.invoke(main, ["alerts", "--dry-run"])
    assert "U1: 1 new for you" in result.stdout
    assert "[topic steel tariffs: steel, Tariffs]" in result.stdout
