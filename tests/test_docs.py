"""The README stays true: every command is documented there and has help."""

from pathlib import Path

import click
import pytest

from digest.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize(("name", "command"), list(_commands(main)))
def test_every_command_has_help_and_is_in_the_readme(name, command):
    assert command.help, f"`tradedigest {name}` has no help text"
    assert f"tradedigest {name}" in README, f"`tradedigest {name}` is not in README.md"


def test_quick_start_commands_are_make_targets():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        assert f"make {target}" in README
        assert f"\n{target}:" in makefile
