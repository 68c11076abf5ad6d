"""``iac apply`` and ``iac destroy``: recover, plan (or load a saved plan), confirm, execute,
and roll back on failure unless ``--no-rollback``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from data_iac.apply.result import ApplyResult
from data_iac.cli.commands.apply_report import report
from data_iac.cli.commands.completion import complete_addresses
from data_iac.cli.flow import confirm, parse_targets, show_plan
from data_iac.cli.options import config_options, lock_options, parse_duration
from data_iac.cli.review import allow_destroy_option
from data_iac.cli.signals import graceful_stop
from data_iac.cli.views.output import Output
from data_iac.cli.views.progress import progress_view
from data_iac.model.plan import Plan
from data_iac.operations.saved_plans import load_saved_plan
from data_iac.operations.session import ApplySettings, StateSession, state_session
from data_iac.operations.workspace import open_workspace
from data_iac.review.gates import require_approval

__all__ = ["apply_command", "destroy_command"]


def _apply_options(func: Any) -> Any:
    func = click.option(
        "--parallelism",
        default=10,
        show_default=True,
        type=click.IntRange(1),
        help="Run at most this many actions at once.",
    )(func)
    func = click.option(
        "--auto-approve",
        is_flag=True,
        help="Skip the confirmation prompt (never approves destructive changes).",
    )(func)
    func = allow_destroy_option(func)
    func = click.option(
        "--refresh",
        type=bool,
        default=True,
        show_default=True,
        help="Read live objects first (--refresh=false to trust state).",
    )(func)
    func = click.option(
        "--target",
        "targets",
        multiple=True,
        shell_complete=complete_addresses,
        help="Limit to ADDRESS and its dependencies.",
    )(func)
    func = click.option(
        "--no-rollback",
        is_flag=True,
        help="On failure keep what was done (as Terraform does) instead of undoing it.",
    )(func)
    func = click.option(
        "--action-timeout",
        default="10m",
        show_default=True,
        help="Give up retrying one action after this long (e.g. 90s, 10m).",
    )(func)
    return config_options(lock_options(func))


@click.command("apply")
@_apply_options
@click.argument("plan_file", required=False, type=click.Path(dir_okay=False))
def apply_command(plan_file: str | None, **kwargs: Any) -> None:
    """Make the platforms match the config (or execute a saved plan).

    A plan that deletes, replaces or revokes a privilege runs only with --allow-destroy or
    with IAC_ALLOW_DESTROY set to the digest `iac plan` printed for it.

    \b
    Examples:
      iac apply -c stack.yml                     # plan, confirm, apply
      iac plan -c stack.yml -out plan.json && iac apply -c stack.yml plan.json
      IAC_ALLOW_DESTROY=sha256:... iac apply -c stack.yml plan.json
    """
    _run(kwargs, destroy=False, plan_file=plan_file)


@click.command("destroy")
@_apply_options
def destroy_command(**kwargs: Any) -> None:
    """Delete everything this config manages.

    \b
    Examples:
      iac destroy -c stack.yml                   # shows the plan, asks for yes
      iac destroy -c stack.yml -e dev --auto-approve
    """
    _run(kwargs, destroy=True, plan_file=None)


def _run(opts: dict[str, Any], *, destroy: bool, plan_file: str | None) -> None:
    out = Output(json_mode=opts["json_mode"], no_color=opts["no_color"])
    what = "destroy these resources" if destroy else "perform these actions"
    with open_workspace(opts["config_path"], opts["environment"], emulator=opts["emulator"]) as ws:
        out.add_secrets(ws.config.sensitive_values)
        with state_session(
            ws,
            "destroy" if destroy else "apply",
            persist=True,
            lock_timeout=parse_duration(opts["lock_timeout"]),
            force_lock=opts["force_lock"],
            notify=out.note,
        ) as session:
            if plan_file:
                plan = session.use_saved(load_saved_plan(Path(plan_file)))
            else:
                plan = session.plan(
                    refresh=opts["refresh"], destroy=destroy, targets=parse_targets(opts["targets"])
                )
            if not out.json_mode:
                show_plan(out, plan)
            if plan.is_empty:
                if out.json_mode:
                    out.json(ApplyResult((), session.state).to_json())
                return
            if not destroy:
                require_approval(plan, allow_destroy=opts["allow_destroy"], env=os.environ)
            if not plan_file:
                confirm(out, auto_approve=opts["auto_approve"], what=what)
            result = _execute(session, plan, out, opts)
    report(out, result, destroy=destroy)


def _execute(session: StateSession, plan: Plan, out: Output, opts: dict[str, Any]) -> ApplyResult:
    settings = ApplySettings(
        parallelism=opts["parallelism"],
        rollback=not opts["no_rollback"],
        action_timeout=parse_duration(opts["action_timeout"]),
    )
    with graceful_stop(out) as stop, progress_view(out) as view:

        def on_rollback(undo: Plan, warnings: tuple[str, ...]) -> None:
            with view.paused():
                _show_rollback(out, undo, warnings)

        return session.apply(plan, settings, progress=view, cancel=stop, on_rollback=on_rollback)


def _show_rollback(out: Output, undo: Plan, warnings: tuple[str, ...]) -> None:
    if out.json_mode:
        out.json({"event": "rollback_start", "plan": undo.to_json(), "warnings": list(warnings)})
        return
    out.line("")
    out.line("An action failed: rolling back the changes this apply made.", "bold yellow")
    show_plan(out, undo)
    for warning in warnings:
        out.line(f"warning: {warning}", "yellow")
