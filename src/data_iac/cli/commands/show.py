"""``iac show plan.json``: render a saved plan, as text or JSON, without touching anything."""

from __future__ import annotations

from pathlib import Path

import click

from data_iac.cli.options import common_options
from data_iac.cli.review import plan_view_options, present_plan
from data_iac.cli.views.output import Output
from data_iac.operations.saved_plans import load_saved_plan

__all__ = ["show_command"]


@click.command("show")
@common_options
@plan_view_options
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
def show_command(
    plan_file: Path, json_mode: bool, no_color: bool, compact: bool, markdown: bool, **_: object
) -> None:
    """Show a saved plan.

    \b
    Examples:
      iac show plan.json
      iac show plan.json --markdown > comment.md
    """
    out = Output(json_mode=json_mode, no_color=no_color)
    plan = load_saved_plan(plan_file)
    present_plan(out, plan, compact=compact, markdown=markdown)
    if not json_mode and not markdown:
        out.line(
            f"Saved against state lineage {plan.prior_lineage}, serial {plan.prior_serial}.", "dim"
        )
