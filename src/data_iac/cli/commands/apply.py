"""``iac apply`` and ``iac destroy``: plan (or load a saved plan), confirm, execute."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.result import ApplyResult, OutcomeStatus
from data_iac.cli.flow import confirm, parse_targets, plan_for, show_plan
from data_iac.cli.options import config_options
from data_iac.cli.runtime import Workspace, open_workspace
from data_iac.cli.signals import graceful_stop
from data_iac.cli.views.output import Output
from data_iac.cli.views.progress import ProgressView
from data_iac.errors import ApplyError, ConfigError, InterruptedByUser, StalePlanError
from data_iac.model.plan import Plan
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import StateBackend
from data_iac.state.session import locked_state


def _apply_options(func: Any) -> Any:
    func = click.option("--parallelism", default=10, show_default=True, type=click.IntRange(1))(func)
    func = click.option("--auto-approve", is_flag=True, help="Skip the confirmation prompt.")(func)
    func = click.option("--refresh", type=bool, default=True, show_default=True)(func)
    func = click.option("--target", "targets", multiple=True)(func)
    return config_options(func)


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
        with locked_state(ws.backend, "destroy" if destroy else "apply") as (state, _lock):
            if plan_file:
                plan = _saved_plan(Path(plan_file), state)
            else:
                plan = plan_for(ws, state, refresh=opts["refresh"], destroy=destroy,
                                targets=parse_targets(opts["targets"]))
            if not out.json_mode:
                show_plan(out, plan)
            if plan.is_empty:
                if out.json_mode:
                    out.json(ApplyResult((), state).to_json())
                return
            if not plan_file:
                confirm(out, auto_approve=opts["auto_approve"], what=what)
            result = _execute(ws, plan, state, ws.backend, out, opts["parallelism"])
    _report(out, result)


def _saved_plan(path: Path, state: StateSnapshot) -> Plan:
    try:
        plan = Plan.from_json(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the saved plan {path}: {exc}") from exc
    if plan.prior_lineage != state.lineage or plan.prior_serial != state.serial:
        raise StalePlanError(
            f"plan is stale: state is now serial {state.serial}, the plan was made at "
            f"{plan.prior_serial}" + ("" if plan.prior_lineage == state.lineage
                                      else " (and for another state lineage)"),
            hint="run iac plan again",
        )
    return plan


def _execute(ws: Workspace, plan: Plan, state: StateSnapshot, backend: StateBackend,
             out: Output, parallelism: int) -> ApplyResult:
    handlers = ws.handlers({c.address.kind for c in plan.actionable})
    _fill_sensitive(ws, plan)
    with graceful_stop(out) as stop:
        return apply_plan(plan, handlers, state, backend.write,
                          ApplyOptions(parallelism=parallelism, stop=stop), ProgressView(out))


def _fill_sensitive(ws: Workspace, plan: Plan) -> None:
    """A saved plan masks sensitive values; they come back from the config at apply time."""
    for change in plan.actionable:
        if not change.sensitive or change.after is None:
            continue
        resource = ws.config.desired.resources.get(change.address)
        if resource is not None and isinstance(change.after, dict):
            for name in change.sensitive:
                change.after[name] = resource.spec.get(name)


def _report(out: Output, result: ApplyResult) -> None:
    if out.json_mode:
        out.json(result.to_json())
    counts = result.counts()
    added, destroyed = counts["create"] + counts["replace"], counts["delete"] + counts["replace"]
    line = f"{added} added, {counts['update']} changed, {destroyed} destroyed."
    if result.interrupted:
        out.line(f"Interrupted: stopped starting new actions. Resources: {line}", "yellow")
        raise InterruptedByUser(f"apply interrupted; state is saved (serial {result.final_state.serial})",
                                hint="run the same command again to finish")
    if result.ok:
        out.line(f"Apply complete! Resources: {line}", "bold green")
        return
    failed = result.with_status(OutcomeStatus.FAILED)
    skipped = result.with_status(OutcomeStatus.SKIPPED)
    out.line(f"Apply failed. Resources: {line}", "bold red")
    for outcome in failed:
        out.line(f"  failed:  {outcome.address}: {outcome.message}", "red")
    for outcome in skipped:
        out.line(f"  skipped: {outcome.address}: {outcome.message}", "yellow")
    raise ApplyError(
        f"{len(failed)} action(s) failed and {len(skipped)} were skipped; state records what "
        "was done", result, hint="fix the cause and run the same command again",
    )
