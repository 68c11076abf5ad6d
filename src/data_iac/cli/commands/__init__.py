"""Every subcommand of ``iac``; main.py registers COMMANDS."""

from __future__ import annotations

import importlib

import click

from data_iac.cli.commands.apply import apply_command, destroy_command
from data_iac.cli.commands.emulator import emulator_group
from data_iac.cli.commands.graph import graph_command
from data_iac.cli.commands.plan import plan_command
from data_iac.cli.commands.validate import validate_command

__all__ = ["COMMANDS"]


def _optional(module: str, name: str) -> list[click.Command]:
    """Command groups whose module may not be present in a partial checkout."""
    try:
        return [getattr(importlib.import_module(module), name)]
    except ImportError:
        return []


COMMANDS: list[click.Command] = [
    validate_command,
    plan_command,
    apply_command,
    destroy_command,
    graph_command,
    emulator_group,
    *_optional("data_iac.cli.commands.state", "state_group"),
    *_optional("data_iac.cli.commands.pipeline", "pipeline_group"),
]
