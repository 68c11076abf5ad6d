"""``iac show plan.json``: render a saved plan, as text or JSON, without touching anything."""

from __future__ import annotations

import json
from pathlib import Path

import click

from data_iac.cli.flow import show_plan
from data_iac.cli.options import common_options
from data_iac.cli.views.output import Output
from data_iac.errors import ConfigError
from data_iac.model.plan import Plan

__all__ = ["load_saved_plan", "show_command"]


def load_saved_plan(path: Path) -> Plan:
    """The plan saved by ``iac plan -out``; a located error when it cannot be read."""
    try:
        return Plan.from_json(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"cannot read the saved plan {path}: {exc}",
            hint="save one with `iac plan -c CONFIG -out plan.json`",
        ) from exc


@click.command("show")
@common_options
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
def show_command(plan_file: Path, json_mode: bool, no_color: bool, **_: object) -> None:
    """Show a saved plan."""
    out = Output(json_mode=json_mode, no_color=no_color)
    plan = load_saved_plan(plan_file)
    show_plan(out, plan)
    if not json_mode:
        out.line(
            f"Saved against state lineage {plan.prior_lineage}, serial {plan.prior_serial}.", "dim"
        )
