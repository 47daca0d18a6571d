"""`tradedigest figures TERM`: stored figures on a subject, across sources and days."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main

WIRE = {
    "title": "U.S. deficit with China hit a record",
    "url": "https://wire.example/deficit-march",
    "published": "2026-03-03T09:00:00+00:00",
    "text": (
        "WASHINGTON — The U.S. trade deficit with China was $309 billion last year, the Commerce "
        "Department said on Tuesday, as imports of Chinese goods outpaced farm exports.\n\n"
        "Exports of soybeans to China fell 12% to 20 million tonnes, the department said."
    ),
}
PRESS = {
    "title": "Deficit with China widens",
    "url": "https://press.example/deficit-november",
    "published": "2026-11-20T10:00:00+00:00",
    "text": (
        "The U.S. trade deficit with China widened to $375 billion this year, Commerce Secretary "
        "Wilbur Ross said on Friday, blaming tariffs and a strong dollar for weak exports.\n\n"
        "Steel imports into the United States rose 4% in October."
    ),
}


@pytest.fixture
def runner(tmp_path: Path, write_config) -> CliRunner:
    """Two folder sources, each with one article, stored by `ingest`."""
    sources = ""
    for name, article in (("wire", WIRE), ("press", PRESS)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "article.json").write_text(json.dumps(article), encoding="utf-8")
        sources += f'[[sources]]\nname = "{name}"\nkind = "folder"\npath = "{folder}"\n'
    path = write_config(f'[database]\npath = "{tmp_path / "td.db"}"\n{sources}')
    runner = CliRunner(env={"TRADEDIGEST_CONFIG": str(path), "SLACK_BOT_TOKEN": ""})
    assert runner.invoke(main, ["ingest"]).exit_code == 0
    return runner


def test_figures_lists_what_a_term_measures_newest_first_with_source_and_link(runner):
    result = runner.invoke(main, ["figures", "trade", "deficit"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "U.S. trade deficit with China (USD)"
    assert lines[1].split()[:4] == ["2026-11-20", "375", "billion", "USD"]
    assert lines[1].endswith("press  https://press.example/deficit-november")
    assert lines[2].split()[:4] == ["2026-03-03", "309", "billion", "USD"]
    assert "soybeans" not in result.stdout


def test_figures_groups_by_what_is_measured_and_its_unit(runner):
    result = runner.invoke(main, ["figures", "soybeans"])
    groups = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert groups == ["Exports of soybeans (%)", "Exports of soybeans (tonne)"]
    assert "12% (change)" in result.stdout


def test_figures_of_nothing_stored_says_so_without_failing(runner):
    result = runner.invoke(main, ["figures", "tariff", "revenue"])
    assert result.exit_code == 0
    assert "No stored figure measures 'tariff revenue'." in result.stderr


def test_the_digest_marks_a_key_figure_updating_one_shown_before(tmp_path, write_config):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "march.json").write_text(json.dumps(WIRE), encoding="utf-8")
    path = write_config(
        f'[database]\npath = "{tmp_path / "td.db"}"\n'
        f'[[sources]]\nname = "wire"\nkind = "folder"\npath = "{folder}"\n'
    )
    runner = CliRunner(env={"TRADEDIGEST_CONFIG": str(path), "SLACK_BOT_TOKEN": ""})
    first = runner.invoke(main, ["run", "--once"])
    assert "$309 billion" in first.stdout and "up from" not in first.stdout
    (folder / "november.json").write_text(json.dumps(PRESS), encoding="utf-8")
    second = runner.invoke(main, ["run", "--once"])
    assert second.exit_code == 0, second.output
    assert "$375 billion, up from $309 billion on " in second.stdout
