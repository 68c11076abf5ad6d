"""``iac plan``: show what apply would do; exit 0 when nothing, 2 when something."""

from __future__ import annotations

import json
from pathlib import Path

import click

from data_iac.apply.journal import journal_for
from data_iac.cli.exits import ExitWith
from data_iac.cli.flow import parse_targets, plan_for, prepare_state, show_plan
from data_iac.cli.options import config_options, lock_options, parse_duration
from data_iac.cli.runtime import open_workspace
from data_iac.cli.views.output import Output
from data_iac.state.session import locked_state


@click.command("plan")
@config_options
@lock_options
@click.option(
    "-out",
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    help="Save the plan to this file for `iac apply FILE`.",
)
@click.option(
    "--refresh",
    type=bool,
    default=True,
    show_default=True,
    help="Read live objects first (--refresh=false to trust state).",
)
@click.option("--destroy", is_flag=True, help="Plan the deletion of everything in state.")
@click.option("--target", "targets", multiple=True, help="Limit to ADDRESS and its dependencies.")
def plan_command(
    config_path: str,
    environment: str,
    emulator: bool,
    json_mode: bool,
    no_color: bool,
    out_path: str | None,
    refresh: bool,
    destroy: bool,
    targets: tuple[str, ...],
    lock_timeout: str,
    force_lock: bool,
    **_: object,
) -> None:
    """Show the changes that would make the platforms match the config."""
    out = Output(json_mode=json_mode, no_color=no_color)
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        out.add_secrets(ws.config.sensitive_values)
        with locked_state(
            ws.backend,
            "plan",
            environment=ws.config.environment,
            lock_timeout=parse_duration(lock_timeout),
            force_lock=force_lock,
        ) as (state, _lock):
            journal = journal_for(ws.backend, ws.cwd / ".iac" / "journal")
            try:
                state = prepare_state(ws, journal, state, out, persist=False)
                if not journal.pending():
                    journal.clear()
            finally:
                journal.close()
            plan = plan_for(
                ws, state, refresh=refresh, destroy=destroy, targets=parse_targets(targets)
            )
    show_plan(out, plan)
    if out_path:
        Path(out_path).write_text(json.dumps(plan.to_json(include_noop=False), indent=2))
        out.note(f"Saved the plan to {out_path}; run `iac apply -c {config_path} {out_path}`.")
    if not plan.is_empty:
        raise ExitWith(2)
