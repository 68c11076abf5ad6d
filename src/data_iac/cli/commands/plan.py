"""``iac plan``: show what apply would do; exit 0 when nothing, 2 when something."""

from __future__ import annotations

from pathlib import Path

import click

from data_iac.cli.commands.completion import complete_addresses
from data_iac.cli.exits import ExitWith
from data_iac.cli.flow import parse_targets
from data_iac.cli.options import config_options, lock_options, parse_duration
from data_iac.cli.review import (
    apply_command_line,
    check_policies_of,
    enforce_policies,
    plan_view_options,
    policy_option,
    present_plan,
)
from data_iac.cli.views.output import Output
from data_iac.operations.saved_plans import save_plan
from data_iac.operations.session import state_session
from data_iac.operations.workspace import open_workspace


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
@click.option(
    "--target",
    "targets",
    multiple=True,
    shell_complete=complete_addresses,
    help="Limit to ADDRESS and its dependencies.",
)
@plan_view_options
@policy_option
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
    compact: bool,
    markdown: bool,
    policy_dir: Path | None,
    **_: object,
) -> None:
    """Show the changes that would make the platforms match the config.

    \b
    Examples:
      iac plan -c stack.yml                      # what apply would do
      iac plan -c stack.yml -out plan.json       # save it for `iac apply plan.json`
      iac plan -c stack.yml --markdown > pr.md   # a pull-request comment
      iac plan -c stack.yml --policy policies/   # deny rules fail the plan (exit 1)
    """
    out = Output(json_mode=json_mode, no_color=no_color)
    with open_workspace(config_path, environment, emulator=emulator) as ws:
        out.add_secrets(ws.config.sensitive_values)
        with state_session(
            ws,
            "plan",
            persist=False,
            lock_timeout=parse_duration(lock_timeout),
            force_lock=force_lock,
            notify=out.note,
        ) as session:
            plan = session.plan(refresh=refresh, destroy=destroy, targets=parse_targets(targets))
        violations = check_policies_of(plan, ws.config.desired, policy_dir or ws.config.policy_dir)
    present_plan(out, plan, compact=compact, markdown=markdown, violations=violations)
    enforce_policies(violations)
    if out_path:
        save_plan(plan, Path(out_path))
        again = apply_command_line(config_path, environment, emulator, out_path)
        out.note(f"Saved the plan to {out_path}; run `{again}`.")
    if not plan.is_empty:
        raise ExitWith(2)
