import re
from pathlib import Path

import pytest

from digest.config import DEFAULT_PATH, ConfigError, load_config

REPO = Path(__file__).resolve().parents[2]


def test_shipped_file_says_what_the_defaults_are():
    from_file = load_config(environ={}, path=REPO / DEFAULT_PATH)
    built_in = load_config(environ={"TRADEDIGEST_CONFIG": ""}, path=None)
    assert from_file.sources == built_in.sources
    assert (from_file.schedule, from_file.slack, from_file.digest, from_file.speakers) == (
        built_in.schedule,
        built_in.slack,
        built_in.digest,
        built_in.speakers,
    )
    assert (from_file.ingest, from_file.relevance) == (built_in.ingest, built_in.relevance)
    assert from_file.db_path == Path("data/tradedigest.db")


def test_environment_supplies_secrets_and_overrides_database(tmp_path):
    config = load_config(
        environ={
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "s3",
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "TRADEDIGEST_DB": str(tmp_path / "x.db"),
        },
        path=REPO / DEFAULT_PATH,
    )
    assert config.slack.bot_token == "xoxb-1"
    assert config.slack.signing_secret == "s3"
    assert config.slack.api_url == "http://127.0.0.1:9/api/"
    assert config.db_path == tmp_path / "x.db"


def test_missing_file_named_by_environment_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(environ={"TRADEDIGEST_CONFIG": str(tmp_path / "nope.toml")})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[schedule]\ntimezone = 'Mars/Olympus'\n", "schedule.timezone = 'Mars/Olympus'.*IANA"),
        ("[schedule]\ndigest_time = '25:00'\n", "schedule.digest_time = '25:00'.*HH:MM"),
        ("[schedule]\ndigest_days = 'someday'\n", "schedule.digest_days = 'someday'"),
        ("[digest]\nmax_storys = 3\n", "unknown key digest.max_storys"),
        ("[digest]\nmax_stories = 'many'\n", "digest.max_stories = 'many'.*whole number"),
        ("[colour]\nx = 1\n", "unknown key colour"),
        ("[slack]\nport = 70000\n", "slack.port = 70000: expected a whole number from 1 to 65535"),
        (
            "[slack]\nmax_body_bytes = 10\n",
            "slack.max_body_bytes = 10: expected a whole number from 1024 to",
        ),
        (
            "[[sources]]\nname = 'a'\nkind = 'fax'\n",
            r"sources\[0\].kind = 'fax'.*feed, page, folder",
        ),
        (
            "[[sources]]\nname = 'a'\nkind = 'feed'\nurl = 'ftp://x'\n",
            r"sources\[0\].url = 'ftp://x'",
        ),
        ("[[sources]]\nname = 'a'\nkind = 'folder'\n", r"sources\[0\].path is missing"),
        ("[slack]\nchannels = '#one'\n", "slack.channels = '#one'.*list of strings"),
        ("[schedule\n", "not valid TOML"),
        ("[ingest]\ntimeout_seconds = 'soon'\n", "ingest.timeout_seconds = 'soon'.*number"),
        ("[ingest]\nper_host = 0\n", "ingest.per_host = 0: expected a whole number from 1 to 64"),
        (
            "[ingest]\nnear_duplicate = 1.5\n",
            "ingest.near_duplicate = 1.5: expected a finite number from 0 to 1$",
        ),
        ("[relevance]\nkeywords = 'tariff'\n", "relevance.keywords = 'tariff'.*list of strings"),
        # Out of range, not finite, or empty where a value is needed.
        (
            "[digest]\nfirst_period_hours = 100000000\n",
            "digest.first_period_hours = 100000000: expected a whole number from 1 to 8784",
        ),
        ("[digest]\nmax_stories = 0\n", "digest.max_stories = 0: expected a whole number from 1"),
        ("[ingest]\ntimeout_seconds = nan\n", "ingest.timeout_seconds = nan: expected a finite"),
        ("[ingest]\ntimeout_seconds = inf\n", "ingest.timeout_seconds = inf: expected a finite"),
        ("[ingest]\nbackoff_seconds = -inf\n", "ingest.backoff_seconds = -inf: expected a fin"),
        ("[ingest]\nnear_duplicate = nan\n", "ingest.near_duplicate = nan: expected a finite"),
        ("[ingest]\nretries = true\n", "ingest.retries = True: expected a whole number"),
        ("[ingest]\nworkers = 100000\n", "ingest.workers = 100000: expected a whole number"),
        ("[schedule]\ningest_every_minutes = 0\n", "schedule.ingest_every_minutes = 0: exp"),
        ("[relevance]\nmin_mentions = -1\n", "relevance.min_mentions = -1: expected a whole"),
        ("[database]\npath = ''\n", "database.path = '': expected a file path"),
        ("[database]\npath = '  '\n", "database.path = '  ': expected a file path"),
    ],
)
def test_bad_file_gets_one_line_naming_key_value_and_expectation(write_config, body, message):
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(environ={}, path=write_config(body))
    assert "\n" not in str(raised.value)


def test_duplicate_source_names_are_rejected(write_config):
    body = "[[sources]]\nname = 'a'\nkind = 'folder'\npath = 'x'\n" * 2
    with pytest.raises(ConfigError, match=r"sources\.name = 'a'"):
        load_config(environ={}, path=write_config(body))


def test_speaker_overrides_are_read(write_config):
    config = load_config(
        environ={},
        path=write_config(
            '[speakers]\naliases = { "Wilbur Ross" = ["Ross", "Wilbur L. Ross Jr."] }\n'
            'never_merge = [["Wang Yang", "Wang Yi"]]\n'
        ),
    )
    assert config.speakers.aliases == (("Wilbur Ross", ("Ross", "Wilbur L. Ross Jr.")),)
    assert config.speakers.never_merge == (("Wang Yang", "Wang Yi"),)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[speakers]\nalias = {}\n", "unknown key speakers.alias"),
        ("[speakers]\naliases = ['Ross']\n", "speakers.aliases = \\['Ross'\\]: expected a table"),
        ("[speakers]\naliases = { Ross = 'Wilbur' }\n", "speakers.aliases.'Ross' = 'Wilbur'"),
        (
            "[speakers]\naliases = { A = ['Ross'], B = ['ross'] }\n",
            "'ross' is listed under both 'A' and 'B'",
        ),
        ("[speakers]\nnever_merge = ['Wang Yi']\n", "speakers.never_merge = \\['Wang Yi'\\]"),
        ("[speakers]\nnever_merge = [['Wang Yi']]\n", "expected a list of name lists"),
    ],
)
def test_bad_speaker_overrides_get_one_line(write_config, body, message):
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(environ={}, path=write_config(body))
    assert "\n" not in str(raised.value)


def test_every_shipped_default_is_within_its_own_range():
    # A default outside its range would make the shipped file fail to load.
    load_config(environ={}, path=REPO / DEFAULT_PATH)


def test_alerts_and_channel_topics_are_read(write_config):
    config = load_config(
        environ={},
        path=write_config(
            '[alerts]\nmax_items = 5\nquiet_hours = "22:00-07:00"\n'
            '[slack]\nchannels = ["#trade-desk", { name = "#ag", topics = ["soybean tariffs"] }]\n'
        ),
    )
    assert (config.alerts.max_items, config.alerts.quiet_span()) == (5, ((22, 0), (7, 0)))
    assert config.slack.channels == ("#trade-desk", "#ag")
    assert config.slack.topics_of("#ag") == ("soybean tariffs",)
    assert config.slack.topics_of("#trade-desk") == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[alerts]\nquiet_hours = "10pm-7am"', "alerts.quiet_hours = '10pm-7am': expected HH:MM"),
        ("[alerts]\nmax_items = 0", "alerts.max_items = 0: expected a whole number >= 1"),
        ("[alerts]\nevery = 3", "unknown key alerts.every"),
        ('[slack]\nchannels = [{ name = "#ag" }]', "slack.channels[0].topics = []: expected"),
        ('[slack]\nchannels = [{ topics = ["x"] }]', "slack.channels[0].name is missing"),
        ('[slack]\nchannels = [{ name = "#a", tags = [] }]', "unknown key slack.channels[0].tags"),
    ],
)
def test_bad_alerts_or_channel_topics_get_one_line(write_config, body, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(environ={}, path=write_config(body))
