"""Every subcommand of ``iac``; main.py registers COMMANDS."""

from __future__ import annotations

import click

from data_iac.cli.commands.apply import apply_command, destroy_command
from data_iac.cli.commands.completion import completion_command
from data_iac.cli.commands.drift import drift_command
from data_iac.cli.commands.emulator import emulator_group
from data_iac.cli.commands.generate import generate_command
from data_iac.cli.commands.graph import graph_command
from data_iac.cli.commands.import_ import import_command
from data_iac.cli.commands.migrate import export_group, migrate_group
from data_iac.cli.commands.pipeline import pipeline_group
from data_iac.cli.commands.plan import plan_command
from data_iac.cli.commands.refresh import refresh_command
from data_iac.cli.commands.show import show_command
from data_iac.cli.commands.state import state_group
from data_iac.cli.commands.validate import validate_command

__all__ = ["COMMANDS"]


COMMANDS: list[click.Command] = [
    validate_command,
    plan_command,
    apply_command,
    destroy_command,
    graph_command,
    refresh_command,
    drift_command,
    import_command,
    generate_command,
    emulator_group,
    show_command,
    state_group,
    pipeline_group,
    migrate_group,
    export_group,
    completion_command,
]
