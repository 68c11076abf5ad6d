"""The steps plan, apply and destroy share: refresh, plan, render, confirm."""

from __future__ import annotations

import sys

import click

from data_iac.addresses import Address
from data_iac.apply.journal import Journal
from data_iac.apply.recovery import resolve_pending
from data_iac.cli.runtime import Workspace
from data_iac.cli.views.output import Output
from data_iac.cli.views.plan_text import render_plan
from data_iac.errors import ConfigError, DataIacError
from data_iac.model.plan import Plan
from data_iac.model.state import StateSnapshot
from data_iac.planning.moves import apply_moves
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.registry import kind_schema

__all__ = [
    "confirm",
    "parse_targets",
    "plan_for",
    "prepare_state",
    "recover_journal",
    "show_plan",
]


def parse_targets(targets: tuple[str, ...]) -> frozenset[Address]:
    try:
        return frozenset(Address.parse(t) for t in targets)
    except ValueError as exc:
        raise ConfigError(
            str(exc), hint="--target takes an address like dataiku_dataset.KEY.NAME"
        ) from exc


def plan_for(
    ws: Workspace,
    state: StateSnapshot,
    *,
    refresh: bool,
    destroy: bool = False,
    targets: frozenset[Address] = frozenset(),
) -> Plan:
    """Refresh (unless told not to) and plan against ``state``."""
    observed = ws.refresh(state) if refresh and state.resources else None
    options = PlanOptions(
        destroy=destroy, targets=targets, observed=observed, config_digest=ws.config.digest
    )
    return make_plan(ws.config.desired, state, kind_schema, options)


def show_plan(out: Output, plan: Plan) -> None:
    if out.json_mode:
        out.json(plan.to_json())
    else:
        out.lines(render_plan(plan))


def confirm(out: Output, *, auto_approve: bool, what: str) -> None:
    """Ask for ``yes`` on a terminal; refuse without one unless --auto-approve."""
    if auto_approve:
        return
    if not sys.stdin.isatty():
        raise DataIacError(
            f"refusing to {what} without confirmation: standard input is not a terminal",
            hint="review the plan, then rerun with --auto-approve (or apply a saved plan)",
        )
    out.line()
    answer = click.prompt(
        f"Do you want to {what}? Only 'yes' will be accepted", default="", show_default=False
    )
    if answer.strip() != "yes":
        raise DataIacError(f"{what} cancelled", hint="nothing was changed")


def recover_journal(
    ws: Workspace, journal: Journal, state: StateSnapshot, out: Output
) -> StateSnapshot:
    """Resolve the intents an interrupted run left (call under the state lock): each object
    is looked up and adopted into state or forgotten. Returns the state to plan against."""
    pending = journal.pending()
    if not pending:
        return state
    handlers = ws.handlers({intent.kind for intent in pending})
    resolved, resolutions = resolve_pending(journal, state, handlers, ws.backend.write)
    out.note(f"Resolved {len(resolutions)} action(s) an interrupted run left unfinished:")
    for resolution in resolutions:
        out.note(f"  {resolution.describe()}")
    return resolved


def prepare_state(
    ws: Workspace, journal: Journal, state: StateSnapshot, out: Output, *, persist: bool
) -> StateSnapshot:
    """The state to plan against (call under the lock): an interrupted run's intents
    resolved, then the config's ``moved:`` renames applied, and written back when
    ``persist`` (apply) so that the renames survive the moved entries' removal."""
    for note in ws.config.notes:
        out.note(f"note: {note}")
    state = recover_journal(ws, journal, state, out)
    moved = apply_moves(state, ws.config.moved)
    if moved is not state:
        for old, new in ws.config.moved:
            if old in state.resources:
                out.note(f"moved: {old} is now {new}")
        if persist:
            moved = moved.next_serial()
            ws.backend.write(moved)
    return moved
