"""Every subcommand of ``iac``, by the module that defines it: main.py loads a command's
module only when that command runs (``iac validate`` never imports the apply engine)."""

from __future__ import annotations

import importlib

import click

__all__ = ["COMMAND_MODULES", "load_command"]

COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "validate": ("validate", "validate_command"),
    "plan": ("plan", "plan_command"),
    "apply": ("apply", "apply_command"),
    "destroy": ("apply", "destroy_command"),
    "graph": ("graph", "graph_command"),
    "refresh": ("refresh", "refresh_command"),
    "drift": ("drift", "drift_command"),
    "import": ("import_", "import_command"),
    "generate": ("generate", "generate_command"),
    "emulator": ("emulator", "emulator_group"),
    "show": ("show", "show_command"),
    "state": ("state", "state_group"),
    "pipeline": ("pipeline", "pipeline_group"),
    "migrate": ("migrate", "migrate_group"),
    "export": ("migrate", "export_group"),
    "completion": ("completion", "completion_command"),
}


def load_command(name: str) -> click.Command:
    """Import the module of command ``name`` and return the command."""
    module, attribute = COMMAND_MODULES[name]
    command: click.Command = getattr(
        importlib.import_module(f"data_iac.cli.commands.{module}"), attribute
    )
    return command
