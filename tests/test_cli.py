import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from digest import jobs, store
from digest.cli import main

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "digest" / "samples").glob("*.txt"))


@pytest.fixture
def runner(config) -> CliRunner:
    return CliRunner(env={"TRADEDIGEST_CONFIG": str(config.config_path), "SLACK_BOT_TOKEN": ""})


def test_run_once_prints_the_digest_then_finds_nothing_new(runner):
    first = runner.invoke(main, ["run", "--once"])
    assert first.exit_code == 0, first.output
    assert "samples: 2 seen, 2 new" in first.stderr
    assert "Wilbur Ross" in first.stdout
    assert "$309 billion" in first.stdout
    second = runner.invoke(main, ["run", "--once"])
    assert second.exit_code == 0
    assert "samples: 2 seen, 0 new" in second.stderr
    assert "Nothing new since the last run." in second.stderr
    assert "No new trade news" in second.stdout


def test_extract_prints_one_contract_object_per_file(runner):
    result = runner.invoke(main, ["extract", *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == list(map(str, SAMPLES))
    for line, path in zip(lines, SAMPLES, strict=True):
        text = path.read_text(encoding="utf-8")
        assert set(line) == {"path", "quotes", "speakers", "figures"}
        assert line["quotes"], path
        for quote in line["quotes"]:
            assert quote["text"] == text[quote["start"] : quote["end"]]
            assert isinstance(quote["direct"], bool)
            if quote["speaker_start"] is not None:
                assert text[quote["speaker_start"] : quote["speaker_end"]].strip()
        for figure in line["figures"]:
            assert figure["text"] == text[figure["start"] : figure["end"]]
            assert set(figure) == {"text", "start", "end", "kind", "value", "unit", "about"}
        for speaker in line["speakers"]:
            assert set(speaker) == {"name", "aliases", "title", "organization", "kind"}


def test_extract_reads_stdin_and_keeps_offsets_of_the_raw_text(runner):
    text = "\u00a0“Tariffs\r\nhurt,” Ross said."
    result = runner.invoke(main, ["extract", "-"], input=text)
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    [quote] = line["quotes"]
    assert quote["text"] == text[quote["start"] : quote["end"]]


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["run", "--once"], {"TRADEDIGEST_CONFIG": "/nonexistent.toml"}, "not found"),
        (["extract", "/nonexistent.txt"], {}, "/nonexistent.txt"),
        (["digest"], {}, "no digest yet"),
        (["speaker", "Zhou", "Xiaochuan"], {}, "no speaker matches 'Zhou Xiaochuan'"),
        (["speakers", "merge", "Ross", "#99"], {}, "no speaker named 'Ross'"),
    ],
)
def test_errors_are_one_line_and_exit_status_1(runner, args, env, message):
    result = runner.invoke(main, args, env=env)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_digest_shows_the_latest_digest_as_block_kit_json(runner):
    runner.invoke(main, ["run", "--once"])
    result = runner.invoke(main, ["digest", "--format", "blocks"])
    blocks = json.loads(result.stdout)["blocks"]
    assert blocks[0]["type"] == "header"
    assert any("Wilbur Ross" in b.get("text", {}).get("text", "") for b in blocks)


def test_digest_shows_the_digest_of_a_date_as_markdown(runner, config):
    runner.invoke(main, ["run", "--once"])
    today = datetime.now(ZoneInfo(config.schedule.timezone)).strftime("%Y-%m-%d")
    result = runner.invoke(main, ["digest", "--date", today, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Trade digest #1")
    # The samples are local files: named, not linked, since only web addresses are links.
    assert "Sources: " in result.stdout and "](file:" not in result.stdout
    missing = runner.invoke(main, ["digest", "--date", "2001-01-01"])
    assert missing.exit_code == 1
    assert "no digest ended on 2001-01-01" in missing.stderr


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.output.startswith("tradedigest, version ")


def test_speaker_commands_show_list_and_correct_the_directory(runner):
    runner.invoke(main, ["run", "--once"])
    card = runner.invoke(main, ["speaker", "commerce", "secretry", "--why"])
    assert card.exit_code == 0, card.output
    assert card.stdout.startswith("Wilbur Ross (#")
    assert "same full name" in card.stdout
    why = [line for line in card.stdout.splitlines() if "same full name" in line]
    assert all(" in “" in line and "file:" in line for line in why), why
    listing = runner.invoke(main, ["speakers", "--days", "1"])
    assert "Mnuchin" in listing.stdout.splitlines()[0]
    split = runner.invoke(main, ["speakers", "split", "Steven Mnuchin", "Steve Mnuchin"])
    assert split.exit_code == 0, split.output
    assert runner.invoke(main, ["speaker", "Steve", "Mnuchin"]).stdout.startswith("Steve Mnuchin")
    merge = runner.invoke(main, ["speakers", "merge", "Steven Mnuchin", "Steve Mnuchin"])
    assert merge.exit_code == 0, merge.output
    assert runner.invoke(main, ["speaker", "Steve", "Mnuchin"]).stdout.startswith("Steven Mnuchin")


def test_ingest_prints_a_summary_table_and_sources_flags_a_failing_source(runner, config, tmp_path):
    body = config.config_path.read_text(encoding="utf-8")
    config.config_path.write_text(
        body + f'[[sources]]\nname = "gone"\nkind = "folder"\npath = "{tmp_path / "gone"}"\n'
        "[ingest]\nfailing_after = 2\n",
        encoding="utf-8",
    )
    first = runner.invoke(main, ["ingest"])
    assert first.exit_code == 0, first.output
    [samples_row] = [line for line in first.stdout.splitlines() if "samples" in line]
    assert [cell.strip() for cell in samples_row.split("│")[2:4]] == ["2", "2"]
    assert "gone: error: source 'gone': folder" in first.stderr
    second = runner.invoke(main, ["ingest"])
    assert "warning: source 'gone' has failed 2 runs in a row" in second.stderr
    listing = runner.invoke(main, ["sources"])
    assert listing.exit_code == 0, listing.output
    [gone_row] = [line for line in listing.stdout.splitlines() if line.startswith("│ gone")]
    assert "FAILING" in gone_row
    [samples_row] = [line for line in listing.stdout.splitlines() if line.startswith("│ samples")]
    assert "│ ok" in samples_row


def test_extract_reports_an_unreadable_file_and_still_prints_the_others(runner, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("“Tarifs élevés,” a dit Ross.".encode("latin-1", errors="replace"))
    result = runner.invoke(main, ["extract", str(latin1), str(SAMPLES[0])])
    assert result.exit_code == 1
    assert [json.loads(x)["path"] for x in result.stdout.splitlines()] == [str(SAMPLES[0])]
    assert f"{latin1}: not UTF-8 text" in result.stderr


def test_an_empty_period_never_hides_the_last_real_digest(runner):
    runner.invoke(main, ["run", "--once"])
    empty = runner.invoke(main, ["run", "--once"])
    assert "No new trade news" in empty.stdout
    latest = runner.invoke(main, ["digest"])
    assert latest.stdout.startswith("Trade digest #1") and "Wilbur Ross" in latest.stdout
    second = runner.invoke(main, ["digest", "--number", "2"])
    assert second.stdout.startswith("Trade digest #2") and "No new trade news" in second.stdout
    listing = runner.invoke(main, ["digest", "--list"]).stdout.splitlines()
    assert [line.split()[0] for line in listing] == ["#2", "#1"]
    assert "nothing new" in listing[0] and "2 articles" in listing[1]
    assert "terminal posted" in listing[1]
    missing = runner.invoke(main, ["digest", "--number", "9"])
    assert "no digest #9" in missing.stderr
    assert (missing.exit_code, missing.stderr.count("\n")) == (1, 1)


def test_a_digest_saved_by_a_run_killed_before_delivering_is_delivered_next(runner, config, nlp):
    db = store.open_store(config.db_path)
    jobs.ingest(config, db, nlp, datetime.now(UTC))
    saved = jobs.compose_digest(config, db, datetime.now(UTC))  # then the run was killed
    result = runner.invoke(main, ["run", "--once"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Trade digest #{saved.id}")
    assert "Wilbur Ross" in result.stdout
    assert store.delivery(db, saved.id, "terminal").status == "posted"
    # Nothing new came after it: no second, empty digest follows the one delivered late.
    assert [d.id for d in store.list_digests(db)] == [saved.id]


@pytest.mark.parametrize("command", [["run", "--once"], ["digest"], ["sources"]])
def test_a_file_that_is_no_database_is_one_line(runner, config, command):
    config.db_path.write_text("not a database\n" * 200, encoding="utf-8")
    result = runner.invoke(main, command)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {config.db_path}: not an SQLite database" + (
        " (move it away, or set database.path to another file)\n"
    )


def test_reading_commands_work_on_a_read_only_database(runner, config):
    runner.invoke(main, ["run", "--once"])
    config.db_path.chmod(0o444)
    before = config.db_path.read_bytes()
    for command in (["digest"], ["speaker", "Ross"], ["sources"], ["speakers"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, (command, result.output)
    assert config.db_path.read_bytes() == before


def test_two_runs_at_once_on_one_database_both_finish_without_a_traceback(config):
    env = {**os.environ, "TRADEDIGEST_CONFIG": str(config.config_path), "SLACK_BOT_TOKEN": ""}
    runs = [
        subprocess.Popen(
            [Path(sys.executable).with_name("tradedigest"), "run", "--once"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err and "UNIQUE" not in err and "locked" not in err, err
    db = store.open_store(config.db_path)
    assert db["articles"].count == 2
    # One digest holds the two articles, shown once. Which run makes it depends on timing:
    # a digest ends at its run's start, so the other run's digest tells only of the moments
    # before or after it: nothing new.
    shown = [out for out, _ in outputs if out.startswith("Trade digest #")]
    [news] = [out for out in shown if "No new trade news" not in out]
    assert "Wilbur Ross" in news and len(shown) <= 2
    stored = sorted(store.list_digests(db), key=lambda d: d.id)
    assert [d.digest.articles for d in stored] in ([2], [2, 0], [0, 2])
    assert news.startswith(f"Trade digest #{next(d.id for d in stored if d.digest.articles)}")


def test_a_failing_source_warning_cannot_drive_the_terminal(runner, config, tmp_path):
    hostile = tmp_path / "gone\x1b]0;pwned\x07\x1b[2J"
    body = config.config_path.read_text(encoding="utf-8")
    config.config_path.write_text(
        body + f'[[sources]]\nname = "gone"\nkind = "folder"\npath = {json.dumps(str(hostile))}\n'
        "[ingest]\nfailing_after = 1\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["ingest"])
    assert "warning: source 'gone' has failed 1 runs" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_extract_names_a_speaker_as_the_directory_files_them_across_the_files(runner):
    result = runner.invoke(main, ["extract", *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    said = [[q["speaker"] or "" for q in out["quotes"]] for out in outputs]
    mnuchin = [{name for name in names if "Mnuchin" in name} for names in said]
    assert mnuchin == [{"Steven Mnuchin"}, {"Steven Mnuchin"}]
    named = [s for out in outputs for s in out["speakers"] if "Mnuchin" in s["name"]]
    assert {s["name"] for s in named} == {"Steven Mnuchin"}
