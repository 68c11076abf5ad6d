"""``iac apply`` and ``iac destroy``: recover, plan (or load a saved plan), confirm, execute,
and roll back on failure unless ``--no-rollback``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.journal import Journal, journal_for
from data_iac.apply.result import ApplyResult
from data_iac.apply.retry import RetryPolicy
from data_iac.apply.rollback import plan_rollback, rollback_warnings, run_rollback
from data_iac.cli.commands.apply_report import report
from data_iac.cli.commands.show import load_saved_plan
from data_iac.cli.flow import confirm, parse_targets, plan_for, prepare_state, show_plan
from data_iac.cli.options import config_options, lock_options, parse_duration
from data_iac.cli.runtime import Workspace, open_workspace
from data_iac.cli.signals import graceful_stop
from data_iac.cli.views.output import Output
from data_iac.cli.views.progress import progress_view
from data_iac.errors import StalePlanError
from data_iac.model.plan import Plan, ResourceChange
from data_iac.model.state import StateSnapshot
from data_iac.providers.registry import kind_schema
from data_iac.state.session import locked_state

__all__ = ["apply_command", "destroy_command"]


def _apply_options(func: Any) -> Any:
    func = click.option("--parallelism", default=10, show_default=True, type=click.IntRange(1))(
        func
    )
    func = click.option("--auto-approve", is_flag=True, help="Skip the confirmation prompt.")(func)
    func = click.option("--refresh", type=bool, default=True, show_default=True)(func)
    func = click.option("--target", "targets", multiple=True)(func)
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
    """Make the platforms match the config (or execute a saved plan)."""
    _run(kwargs, destroy=False, plan_file=plan_file)


@click.command("destroy")
@_apply_options
def destroy_command(**kwargs: Any) -> None:
    """Delete everything this config manages."""
    _run(kwargs, destroy=True, plan_file=None)


def _run(opts: dict[str, Any], *, destroy: bool, plan_file: str | None) -> None:
    out = Output(json_mode=opts["json_mode"], no_color=opts["no_color"])
    what = "destroy these resources" if destroy else "perform these actions"
    with open_workspace(opts["config_path"], opts["environment"], emulator=opts["emulator"]) as ws:
        out.add_secrets(ws.config.sensitive_values)
        with locked_state(
            ws.backend,
            "destroy" if destroy else "apply",
            environment=ws.config.environment,
            lock_timeout=parse_duration(opts["lock_timeout"]),
            force_lock=opts["force_lock"],
        ) as (state, _lock):
            journal = journal_for(ws.backend, ws.cwd / ".iac" / "journal")
            state = prepare_state(ws, journal, state, out, persist=True)
            if plan_file:
                plan, state = _saved_plan(Path(plan_file), state)
                plan = _with_secrets(ws, plan)
            else:
                plan = plan_for(
                    ws,
                    state,
                    refresh=opts["refresh"],
                    destroy=destroy,
                    targets=parse_targets(opts["targets"]),
                )
            if not out.json_mode:
                show_plan(out, plan)
            if plan.is_empty:
                if out.json_mode:
                    out.json(ApplyResult((), state).to_json())
                return
            if not plan_file:
                confirm(out, auto_approve=opts["auto_approve"], what=what)
            try:
                result = _execute(ws, plan, state, journal, out, opts)
            finally:
                journal.close()
            if not journal.pending():
                journal.clear()  # every intent was resolved: start the next run empty
    report(out, result)


def _saved_plan(path: Path, state: StateSnapshot) -> tuple[Plan, StateSnapshot]:
    """The saved plan and the state to apply it to; refuses a plan made at another serial."""
    plan = load_saved_plan(path)
    never_written = state.serial == 0 and not state.resources
    if never_written and plan.prior_serial == 0:
        # Planned against no state at all: this run writes the first one, in the plan's lineage.
        return plan, replace(state, lineage=plan.prior_lineage)
    if plan.prior_lineage != state.lineage or plan.prior_serial != state.serial:
        raise StalePlanError(
            f"plan is stale: state is now serial {state.serial}, the plan was made at "
            f"{plan.prior_serial}"
            + ("" if plan.prior_lineage == state.lineage else " (and for another state lineage)"),
            hint="run iac plan again",
        )
    return plan, state


def _execute(
    ws: Workspace,
    plan: Plan,
    state: StateSnapshot,
    journal: Journal,
    out: Output,
    opts: dict[str, Any],
) -> ApplyResult:
    rollback = not opts["no_rollback"]
    handlers = ws.handlers({c.address.kind for c in plan.actionable})
    retry = RetryPolicy(timeout=parse_duration(opts["action_timeout"]))
    with graceful_stop(out) as stop, progress_view(out) as view:
        options = ApplyOptions(
            parallelism=opts["parallelism"],
            stop=stop,
            stop_on_failure=rollback,
            journal=journal,
            retry=retry,
        )
        result = apply_plan(plan, handlers, state, ws.backend.write, options, view)
        if result.ok or result.interrupted or not rollback:
            return result
        undo = plan_rollback(plan, result, state, kind_schema)
        if undo.is_empty:
            return result
        warnings = tuple(rollback_warnings(undo, state))
        with view.paused():
            _show_rollback(out, undo, warnings)
        undo_handlers = ws.handlers({c.address.kind for c in undo.actionable})
        return run_rollback(undo, result, undo_handlers, ws.backend.write, options, view, warnings)


def _show_rollback(out: Output, undo: Plan, warnings: tuple[str, ...]) -> None:
    if out.json_mode:
        out.json({"event": "rollback_start", "plan": undo.to_json(), "warnings": list(warnings)})
        return
    out.line("")
    out.line("An action failed: rolling back the changes this apply made.", "bold yellow")
    show_plan(out, undo)
    for warning in warnings:
        out.line(f"warning: {warning}", "yellow")


def _with_secrets(ws: Workspace, plan: Plan) -> Plan:
    """A saved plan masks sensitive values (plan files get shared); the config supplies them
    at apply time."""
    return replace(plan, changes=tuple(_unmasked(ws, c) for c in plan.changes))


def _unmasked(ws: Workspace, change: ResourceChange) -> ResourceChange:
    resource = ws.config.desired.resources.get(change.address)
    if not change.sensitive or change.after is None or resource is None:
        return change
    secrets = {name: resource.spec.get(name) for name in change.sensitive}
    return replace(change, after={**change.after, **secrets})
