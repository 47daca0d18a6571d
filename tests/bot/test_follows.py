"""Follows and alerts end to end: signed slash commands and buttons into the bot on a real
server, direct messages caught at the fake Slack."""

import itertools
import json
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot import alerts, delivery, follows
from bot.app import build_app, http_server, slack_client, stop_http
from bot.delivery import Pacer
from digest import dedupe, jobs, speakers, store
from digest.config import AlertsConfig, SourceConfig, SpeakersConfig
from digest.records import Article, ArticleRecord, Extraction, Quote, Speaker
from digest.store import follows as follow_store
from tests.bot.conftest import SECRET
from tests.bot.fake_slack import form, send, sign, slash_command
from tests.bot.seed import seed

_names = itertools.count()
USER = "U0ASKER"
NO_WAIT = Pacer(0)


def ask(bot_url, slack, command, text, user=USER):
    name = f"answer-{next(_names)}"
    body = form({**slash_command(command, text, slack.response_url(name)), "user_id": user})
    assert send(bot_url, body, sign(SECRET, body)) == (200, "")
    [reply] = [c.body for c in slack.wait_for(f"/respond/{name}")]
    return reply


def click(bot_url, slack, action_id, value, user=USER):
    name = f"click-{next(_names)}"
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TRADE"},
        "user": {"id": user},
        "channel": {"id": "C0DESK", "name": "trade-desk"},
        "container": {"type": "message", "is_ephemeral": True},
        "response_url": slack.response_url(name),
        "actions": [{"type": "button", "action_id": action_id, "value": value}],
    }
    body = form({"payload": json.dumps(payload)})
    assert send(bot_url, body, sign(SECRET, body))[0] == 200
    [reply] = [c.body for c in slack.wait_for(f"/respond/{name}")]
    return reply


def _text(reply: dict) -> str:
    return reply["text"] + json.dumps(reply.get("blocks", []), ensure_ascii=False)


@pytest.fixture
def seeded(connect):
    """The seed's eight speakers, in articles stored before anyone follows them."""
    seed(connect(), 10, datetime.now(UTC) - timedelta(hours=1))


def store_article(db, n, quotes=(), title="Trade talks", text="Officials met.", fetched=None):
    """An article with (name, title, words) quotes, stored now (after the follows)."""
    fetched = fetched or datetime.now(UTC).isoformat()
    url = f"https://news.example.com/new/{n}"
    said = tuple(
        Quote(words, i * 100, i * 100 + len(words), name, None, None, "said", True)
        for i, (name, _, words) in enumerate(quotes)
    )
    people = tuple(dict.fromkeys(Speaker(n, (n.split()[-1],), t) for n, t, _ in quotes))
    record = ArticleRecord(
        Article(url, title, text, "wire", published=fetched[:10]),
        Extraction(said, people),
        canonical_url=dedupe.canonical_url(url),
        content_hash=dedupe.content_hash(url),
        fetched=fetched,
    )
    store.save_article(db, record, speakers.filer(SpeakersConfig()))


def run_alerts(config, db, now=None, owner="serve-1"):
    now = now or datetime.now(UTC) + timedelta(minutes=1)
    return alerts.run(config, db, slack_client(config), now, owner=owner, pacer=NO_WAIT)


def dms(slack, user=USER):
    return slack.posts(user)


@pytest.mark.parametrize(
    ("name", "followed"),
    [
        ("ross", "Wilbur Ross"),
        ("Lighthizer", "Robert Lighthizer"),
        ("commerce secretary", "Wilbur Ross"),
        ("Treasury Secretary", "Steven Mnuchin"),
        ("Wilbr Ros", "Wilbur Ross"),
    ],
)
def test_follow_by_surname_title_or_misspelling(bot_url, slack, connect, seeded, name, followed):
    reply = ask(bot_url, slack, "/follow", name)
    assert reply["response_type"] == "ephemeral"
    assert f"You now follow *{followed}*" in reply["text"]
    [follow] = follow_store.follows_of(connect(), USER)
    assert (follow.label, follow.kind) == (followed, "speaker")
    again = ask(bot_url, slack, "/follow", name)
    assert f"You already follow *{followed}*" in again["text"]


def test_an_unclear_name_offers_speakers_and_the_topic(bot_url, slack, connect, seeded):
    reply = ask(bot_url, slack, "/follow", "Lighthouse")
    assert "No speaker matches “Lighthouse”" in reply["text"]
    buttons = next(b for b in reply["blocks"] if b["type"] == "actions")["elements"]
    assert [(b["action_id"], b["value"]) for b in buttons] == [
        ("follow_pick#1", "Robert Lighthizer"),
        ("follow_topic#1", "Lighthouse"),
    ]
    picked = click(bot_url, slack, "follow_pick#1", "Robert Lighthizer")
    assert "You now follow *Robert Lighthizer*" in picked["text"]
    as_topic = click(bot_url, slack, "follow_topic#1", "Lighthouse")
    assert "You now follow the topic *Lighthouse*" in as_topic["text"]


@pytest.mark.parametrize(
    "text", ['"soybean tariffs"', "topic soybean tariffs", "“soybean tariffs”"]
)
def test_follow_a_topic_quoted_or_with_the_topic_word(bot_url, slack, connect, text):
    reply = ask(bot_url, slack, "/follow", text)
    assert "You now follow the topic *soybean tariffs*" in reply["text"]
    [follow] = follow_store.follows_of(connect(), USER)
    assert follow.terms == ("soybean", "tariff")


def test_following_lists_only_the_askers_follows_with_remove_buttons(bot_url, slack, seeded):
    ask(bot_url, slack, "/follow", "ross")
    ask(bot_url, slack, "/follow", '"steel"')
    ask(bot_url, slack, "/follow", "Liu He", user="U0OTHER")
    mine = ask(bot_url, slack, "/following", "")
    assert "*Wilbur Ross*" in _text(mine) and "*steel*" in _text(mine)
    assert "Liu He" not in _text(mine)
    buttons = [b["accessory"] for b in mine["blocks"] if "accessory" in b]
    assert [b["text"]["text"] for b in buttons] == ["Remove", "Remove"]
    assert len({b["action_id"] for b in buttons}) == 2
    theirs = ask(bot_url, slack, "/following", "", user="U0OTHER")
    assert "Liu He" in _text(theirs) and "Ross" not in _text(theirs)


def test_unfollow_by_name_and_by_the_remove_button(bot_url, slack, connect, seeded):
    ask(bot_url, slack, "/follow", "ross")
    ask(bot_url, slack, "/follow", '"soybean tariffs"')
    gone = ask(bot_url, slack, "/unfollow", "commerce secretary")
    assert "You no longer follow *Wilbur Ross*" in gone["text"]
    [topic] = follow_store.follows_of(connect(), USER)
    listing = click(bot_url, slack, f"follow_remove:{topic.id}", str(topic.id))
    assert listing["replace_original"] is True
    assert "You no longer follow the topic *soybean tariffs*" in listing["text"]
    assert follow_store.follows_of(connect(), USER) == []
    missing = ask(bot_url, slack, "/unfollow", "ross")
    assert "You do not follow “ross”" in missing["text"]


def test_a_remove_button_pressed_by_someone_else_removes_nothing(bot_url, slack, connect, seeded):
    ask(bot_url, slack, "/follow", "ross")
    [mine] = follow_store.follows_of(connect(), USER)
    click(bot_url, slack, f"follow_remove:{mine.id}", str(mine.id), user="U0OTHER")
    assert follow_store.follows_of(connect(), USER) == [mine]


@pytest.mark.parametrize(("command", "text"), [("/follow", ""), ("/unfollow", "help")])
def test_usage_on_empty_text_or_help(bot_url, slack, command, text):
    reply = ask(bot_url, slack, command, text)
    assert follows.USAGE[command][:20] in reply["text"]


def test_a_direct_message_after_an_ingest_brings_the_new_quote(
    bot_url, slack, bot_config, connect, nlp, tmp_path
):
    """The real pipeline: an article names Ross, the user follows him, a new article quotes him."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Commerce Secretary Wilbur Ross spoke on Monday about tariffs and trade.\n\n"
        '"Tariffs protect our steel industry," Ross said about the trade deficit and exports.\n',
        encoding="utf-8",
    )
    config = replace(bot_config, sources=(SourceConfig("news", "folder", path=folder),))
    db = connect()
    jobs.ingest(config, db, nlp, datetime.now(UTC))
    assert "You now follow *Wilbur Ross*" in ask(bot_url, slack, "/follow", "ross")["text"]
    (folder / "two.txt").write_text(
        "Wilbur Ross, the commerce secretary, defended the tariffs on Tuesday in a speech.\n\n"
        '"We will not accept a trade deficit this large," Ross said of imports and exports.\n',
        encoding="utf-8",
    )
    later = datetime.now(UTC) + timedelta(minutes=1)
    jobs.ingest(config, db, nlp, later)
    [outcome] = run_alerts(config, db, later)
    assert outcome.status == "sent"
    [dm] = dms(slack)
    text = json.dumps(dm.body, ensure_ascii=False)
    assert "We will not accept a trade deficit this large" in text
    assert "Tariffs protect our steel industry" not in text  # stored before the follow
    # The title is the directory's: the one most articles give, the latest of equals.
    assert (
        "*wilbur ross*, commerce secretary in wilbur ross, the commerce secretary, defended"
        in text.lower()
    )
    # A restart: a new process with its own connection and owner sends nothing again.
    again = run_alerts(config, store.open_store(config.db_path), later, owner="serve-2")
    assert again == [] and len(dms(slack)) == 1


def test_two_serves_running_alerts_at_once_send_one_message(bot_url, slack, bot_config, seeded):
    ask(bot_url, slack, "/follow", "ross")
    store_article(
        store.open_store(bot_config.db_path),
        1,
        [("Wilbur Ross", "Commerce Secretary", "Steel first")],
    )
    start = threading.Barrier(2)
    outcomes = []

    def serve(owner):
        db = store.open_store(bot_config.db_path)
        start.wait()
        outcomes.extend(run_alerts(bot_config, db, owner=owner))

    threads = [threading.Thread(target=serve, args=(f"serve-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(dms(slack)) == 1
    assert sorted(o.status for o in outcomes if o.status != "busy") == ["sent"]


def test_a_topic_alert_shows_the_words_that_matched(bot_url, slack, bot_config, connect):
    ask(bot_url, slack, "/follow", '"soybean tariffs"')
    store_article(connect(), 1, title="China puts tariffs on US soybeans", text="Beijing answered.")
    store_article(connect(), 2, title="Steel tariffs rise", text="No farm goods.")
    [outcome] = run_alerts(bot_config, connect())
    assert outcome.status == "sent"
    [dm] = dms(slack)
    text = json.dumps(dm.body["blocks"], ensure_ascii=False)
    assert "China puts tariffs on US soybeans" in text
    assert "Topic *soybean tariffs*: soybeans, tariffs" in text
    assert "Steel tariffs rise" not in text


def test_quiet_hours_hold_alerts_until_they_end(bot_url, slack, bot_config, connect, seeded):
    quiet = replace(bot_config, alerts=AlertsConfig(quiet_hours="22:00-07:00"))
    ask(bot_url, slack, "/follow", "ross")
    night = datetime(2031, 3, 4, 8, 0, tzinfo=UTC)  # 03:00 in New York
    store_article(connect(), 1, [("Wilbur Ross", "Commerce Secretary", "Steel first")])
    [held] = run_alerts(quiet, connect(), night)
    assert held.status == "held" and dms(slack) == []
    [sent] = run_alerts(quiet, connect(), night + timedelta(hours=4, minutes=30))  # 07:30
    assert sent.status == "sent" and len(dms(slack)) == 1


def test_at_most_max_items_a_message_and_the_rest_counted(
    bot_url, slack, bot_config, connect, seeded
):
    config = replace(bot_config, alerts=AlertsConfig(max_items=2))
    ask(bot_url, slack, "/follow", "ross")
    for n in range(5):
        store_article(connect(), n, [("Wilbur Ross", "Commerce Secretary", f"Point {n}")])
    run_alerts(config, connect())
    [dm] = dms(slack)
    text = json.dumps(dm.body["blocks"])
    assert "Point 0" in text and "Point 1" in text and "Point 2" not in text
    assert "and 3 more" in text


def test_hostile_text_in_an_alert_is_escaped(bot_url, slack, bot_config, connect, seeded):
    ask(bot_url, slack, "/follow", "ross")
    hostile = "<!channel> wire money to <https://evil.example|your bank> & <@U0BOSS>"
    store_article(connect(), 1, [("Wilbur Ross", "Commerce Secretary", hostile)], title="<!here>")
    run_alerts(bot_config, connect())
    [dm] = dms(slack)
    text = dm.body["text"] + json.dumps(dm.body["blocks"])
    assert "&lt;!channel&gt;" in text and "&lt;!here&gt;" in text
    assert "<!" not in text and "<@" not in text and "<https://evil" not in text


def test_a_rate_limited_alert_is_retried_and_sent_once(bot_url, slack, bot_config, connect, seeded):
    ask(bot_url, slack, "/follow", "ross")
    store_article(connect(), 1, [("Wilbur Ross", "Commerce Secretary", "Steel first")])
    slack.fail_next_post(429, retry_after=1)
    [outcome] = run_alerts(bot_config, connect())
    assert outcome.status == "sent"
    assert len(dms(slack)) == 2  # the refused one, then the one Slack took
    assert run_alerts(bot_config, connect()) == []


def test_a_merge_carries_follows_to_the_kept_speaker(bot_url, slack, connect, seeded):
    db = connect()
    ask(bot_url, slack, "/follow", "Liu He")
    ask(bot_url, slack, "/follow", "Wang Yang", user="U0OTHER")
    ask(bot_url, slack, "/follow", "Liu He", user="U0OTHER")
    keep, other = (speakers.speaker_id_for(db, n) for n in ("Wang Yang", "Liu He"))
    speakers.merge_speakers(db, keep, other, datetime.now(UTC).isoformat())
    [mine] = follow_store.follows_of(db, USER)
    assert (mine.speaker_id, mine.label) == (keep, "Wang Yang")
    assert [f.speaker_id for f in follow_store.follows_of(db, "U0OTHER")] == [keep]


def test_a_split_takes_the_follows_made_by_the_split_off_name(bot_url, slack, connect):
    db = connect()
    now = datetime.now(UTC) - timedelta(hours=1)
    store_article(db, 1, [("Wilbur Ross", "Commerce Secretary", "One")], fetched=now.isoformat())
    store_article(db, 2, [("Wilbur L. Ross", "Commerce Secretary", "Two")], fetched=now.isoformat())
    ross = speakers.speaker_id_for(db, "Wilbur Ross")
    follow_store.add_follow(db, "U1", "speaker", "Wilbur Ross", now, speaker_id=ross)
    follow_store.add_follow(
        db, "U2", "speaker", "Wilbur Ross", now, speaker_id=ross, query="Wilbur L. Ross"
    )
    new = speakers.split_speaker(db, ross, ["Wilbur L. Ross"], datetime.now(UTC).isoformat())
    assert [f.speaker_id for f in follow_store.follows_of(db, "U1")] == [ross]
    assert [f.speaker_id for f in follow_store.follows_of(db, "U2")] == [new]


def test_a_channel_with_topics_gets_only_its_stories_and_says_so(slack, bot_config, connect):
    config = replace(
        bot_config,
        slack=replace(
            bot_config.slack,
            channels=("#trade-desk", "#ag"),
            channel_topics=(("#ag", ("soybean tariffs", "corn")),),
        ),
    )
    db, now = connect(), datetime.now(UTC)
    stored = (now - timedelta(hours=1)).isoformat()
    titles = ["China puts tariffs on US soybeans", "Steel tariffs rise", "Corn exports to Mexico"]
    for n, title in enumerate(titles):
        store_article(db, n, [(f"Person {n}", None, f"{title}, said one")], title, fetched=stored)
    outlet = delivery.SlackOutlet(slack_client(config), config.slack.channels)
    outcomes = jobs.run_digest(config, db, None, now, outlet).outcomes
    assert [o.status for o in outcomes] == ["posted", "posted"]
    [everything] = slack.posts("#trade-desk")
    [ag] = slack.posts("#ag")
    assert all(t in json.dumps(everything.body["blocks"]) for t in titles)
    shown = json.dumps(ag.body["blocks"])
    assert "China puts tariffs on US soybeans" in shown and "Corn exports to Mexico" in shown
    assert "Steel tariffs rise" not in shown
    header = ag.body["blocks"][0]["text"]["text"]
    assert header.endswith("· only soybean tariffs, corn")
    assert "only" not in everything.body["blocks"][0]["text"]["text"]
    # The view is stored with the digest: a second run posts nothing, anywhere.
    again = jobs.run_digest(config, db, None, now, outlet).outcomes
    assert {o.status for o in again} == {"already posted"}


def test_one_person_follows_at_most_max_follows(bot_url, slack, connect):
    db, now = connect(), datetime.now(UTC)
    for n in range(follows.MAX_FOLLOWS):
        follow_store.add_follow(db, USER, "topic", f"word{n}", now, terms=(f"word{n}",))
    reply = ask(bot_url, slack, "/follow", '"one more"')
    assert f"You follow {follows.MAX_FOLLOWS} speakers and topics, the most" in reply["text"]
    listing = ask(bot_url, slack, "/following", "")
    assert len(listing["blocks"]) == follows.MAX_FOLLOWS + 1


@pytest.fixture
def topic_desk(bot_config):
    """The bot, with #trade-desk (where `ask` types its commands) given soybean topics."""
    config = replace(
        bot_config,
        slack=replace(bot_config.slack, channel_topics=(("#trade-desk", ("soybeans",)),)),
    )
    app = build_app(config, store.connector(config.db_path), slack_client(config))
    server = http_server(app, config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield config, f"http://127.0.0.1:{server.effective_port}/slack/events"
    stop_http(server)
    thread.join(5)
    server.task_dispatcher.shutdown()


def test_digest_typed_in_a_channel_with_topics_shows_that_channels_view(slack, topic_desk):
    config, url = topic_desk
    db, now = store.open_store(config.db_path), datetime.now(UTC)
    stored = (now - timedelta(hours=1)).isoformat()
    titles = ["China buys US soybeans again", "Steel tariffs rise"]
    for n, title in enumerate(titles):
        store_article(db, n, [(f"Person {n}", None, f"{title}, said one")], title, fetched=stored)
    jobs.build_digest(config, db, now)
    desk = ask(url, slack, "/digest", "")
    shown = json.dumps(desk["blocks"])
    assert "China buys US soybeans again" in shown and "Steel tariffs rise" not in shown
    assert "only soybeans" in shown
    body = form(
        {
            **slash_command("/digest", "", slack.response_url("elsewhere")),
            "channel_name": "random",
            "channel_id": "C0RANDOM",
        }
    )
    assert send(url, body, sign(SECRET, body)) == (200, "")
    [elsewhere] = [c.body for c in slack.wait_for("/respond/elsewhere")]
    assert all(t in json.dumps(elsewhere["blocks"]) for t in titles)


def test_a_user_slack_cannot_reach_is_dropped_not_retried(bot_url, slack, bot_config, connect):
    ask(bot_url, slack, "/follow", '"steel"')
    store_article(connect(), 1, title="Steel tariffs rise")
    slack.missing_channels.add(USER)
    [outcome] = run_alerts(bot_config, connect())
    assert outcome.status == "dropped" and "channel not found" in outcome.detail
    assert run_alerts(bot_config, connect()) == []
    assert len(dms(slack)) == 1


def test_a_server_error_leaves_the_alert_for_the_next_run(bot_url, slack, bot_config, connect):
    ask(bot_url, slack, "/follow", '"steel"')
    store_article(connect(), 1, title="Steel tariffs rise")
    for _ in range(4):  # the first try and the client's three retries
        slack.fail_next_post(500)
    [failed] = run_alerts(bot_config, connect())
    assert failed.status == "failed"
    [sent] = run_alerts(bot_config, connect())
    assert sent.status == "sent"
    assert "Steel tariffs rise" in json.dumps(dms(slack)[-1].body["blocks"])
