"""The ``iac`` command. The only place that turns errors into exit codes (cli/failure.py):
0 success / no changes, 2 changes (plan) or drift, 1 error, 130 interrupted."""

from __future__ import annotations

import gc
import sys
import traceback
from typing import NoReturn

import click
from rich.console import Console
from rich.text import Text

from data_iac import __version__
from data_iac.cli.commands import COMMAND_MODULES, load_command
from data_iac.cli.exits import ExitWith
from data_iac.cli.failure import exit_code_for, render_error
from data_iac.cli.hints import complete_hint
from data_iac.errors import DataIacError

__all__ = ["cli", "main"]


class LazyGroup(click.Group):
    """Knows every command by name, imports a command's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            from data_iac.cli.help_examples import add_examples_to

            command = load_command(cmd_name)
            add_examples_to(command, cmd_name)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="iac")
def cli() -> None:
    """data-iac: plan and apply Databricks and Dataiku DSS from YAML."""


def _register() -> None:
    """Load every command now (tests walk ``cli.commands``; ``main`` loads them lazily)."""
    context = click.Context(cli)
    for name in COMMAND_MODULES:
        cli.get_command(context, name)


def main(argv: list[str] | None = None) -> NoReturn:
    """Entry point of the ``iac`` console script."""
    # A command builds hundreds of thousands of small objects and frees them at exit. The
    # default thresholds run a full collection so often that planning 190,000 resources took
    # 3x longer (benchmarks/plan_scale.py); collect rarely instead.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    errors = Console(stderr=True, highlight=False, soft_wrap=True, no_color="--no-color" in args)
    try:
        cli.main(args=args, prog_name="iac", standalone_mode=False)
    except ExitWith as done:
        sys.exit(done.code)
    except DataIacError as exc:
        if debug:
            traceback.print_exc()
        exc.hint = complete_hint(exc.hint, args)
        errors.print(Text(render_error(exc), style="red"))
        sys.exit(exit_code_for(exc))
    except click.exceptions.Abort:
        errors.print("Interrupted.")
        sys.exit(130)
    except KeyboardInterrupt:
        errors.print("Interrupted.")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(1)  # usage errors are errors: 2 means "changes" in our contract
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug: say so briefly; the traceback is behind --debug
        if debug:
            traceback.print_exc()
        errors.print(
            Text(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "hint: rerun with --debug and report it",
                style="red",
            )
        )
        sys.exit(1)
    sys.exit(0)
