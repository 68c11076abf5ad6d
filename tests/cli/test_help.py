"""CLI polish: every option explains itself, every command shows an example, completion
scripts for three shells, and address completion from the config."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from data_iac.cli.main import _register, cli

REPO = Path(__file__).resolve().parents[2]


def commands() -> Iterator[tuple[str, click.Command]]:
    _register()

    def walk(group: click.Group, prefix: str) -> Iterator[tuple[str, click.Command]]:
        for name, command in sorted(group.commands.items()):
            if isinstance(command, click.Group):
                yield from walk(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}", command

    return walk(cli, "")


def test_every_option_has_help_and_every_command_an_example() -> None:
    found = list(commands())
    assert len(found) > 15
    for path, command in found:
        missing = [p.opts[0] for p in command.params if isinstance(p, click.Option) and not p.help]
        assert not missing, f"iac {path}: options without help: {missing}"
        with click.Context(command, info_name=path) as ctx:
            text = command.get_help(ctx)
        assert "Example" in text and "  iac " in text, f"iac {path} has no example"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "data_iac", "completion", shell],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "_IAC_COMPLETE" in done.stdout


def test_target_completes_the_addresses_of_the_config(tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples" / "quickstart", tmp_path / "qs")
    env = {
        **os.environ,
        "_IAC_COMPLETE": "bash_complete",
        "COMP_WORDS": "iac plan -c qs --target dataiku_rec",
        "COMP_CWORD": "5",
    }
    done = subprocess.run(
        [sys.executable, "-m", "data_iac"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == [
        "plain,dataiku_recipe.QUICKSTART.clean_orders",
        "plain,dataiku_recipe.QUICKSTART.daily_totals",
    ]


def test_a_suggested_command_gets_this_invocation_config_options() -> None:
    from data_iac.cli.hints import complete_hint

    argv = ["plan", "-c", "infra dir", "-e", "prod", "--emulator"]
    hint = "if it is dead run `iac state unlock 1234` or retry"
    assert complete_hint(hint, argv) == (
        "if it is dead run `iac state unlock -c 'infra dir' -e prod --emulator 1234` or retry"
    )
    assert complete_hint("use `iac import -c x a.b 1`", argv) == "use `iac import -c x a.b 1`"
    assert complete_hint("run `iac plan`", ["apply", "-c", "s.yml", "-e", "default"]) == (
        "run `iac plan -c s.yml`"
    )


def test_a_cancelled_apply_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from data_iac.cli import flow
    from data_iac.cli.failure import render_error
    from data_iac.cli.views.output import Output
    from data_iac.errors import DataIacError

    monkeypatch.setattr(flow.sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(flow.click, "prompt", lambda *a, **k: "no")
    with pytest.raises(DataIacError) as caught:
        flow.confirm(Output(no_color=True), auto_approve=False, what="perform these actions")
    assert render_error(caught.value).startswith(
        "error: Apply cancelled: the answer was not 'yes'. Nothing was changed."
    )
