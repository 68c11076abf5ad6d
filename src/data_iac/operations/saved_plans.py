"""Saved plans (``iac plan -out``): write, read, refuse a stale one, restore its secrets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from data_iac.errors import ConfigError, StalePlanError
from data_iac.model.local_source import LocalSource
from data_iac.model.plan import Plan, ResourceChange
from data_iac.model.resource import DesiredState
from data_iac.model.state import StateSnapshot

__all__ = ["check_fresh", "load_saved_plan", "save_plan", "with_secrets"]


def save_plan(plan: Plan, path: Path) -> None:
    """Write ``plan`` as JSON (sensitive values are masked in it: plan files get shared)."""
    path.write_text(json.dumps(plan.to_json(include_noop=False), indent=2))


def load_saved_plan(path: Path) -> Plan:
    """The plan saved by ``iac plan -out``; a located error when it cannot be read."""
    try:
        return Plan.from_json(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"cannot read the saved plan {path}: {exc}",
            hint="save one with `iac plan -c CONFIG -out plan.json`",
        ) from exc


def check_fresh(plan: Plan, state: StateSnapshot) -> StateSnapshot:
    """The state to apply ``plan`` to; refuses (StalePlanError) a plan made at another serial
    or lineage. A plan made against no state at all starts the state in its lineage."""
    never_written = state.serial == 0 and not state.resources
    if never_written and plan.prior_serial == 0:
        # Planned against no state at all: this run writes the first one, in the plan's lineage.
        return replace(state, lineage=plan.prior_lineage)
    if plan.prior_lineage != state.lineage or plan.prior_serial != state.serial:
        raise StalePlanError(
            f"plan is stale: state is now serial {state.serial}, the plan was made at "
            f"{plan.prior_serial}"
            + ("" if plan.prior_lineage == state.lineage else " (and for another state lineage)"),
            hint="run iac plan again",
        )
    return state


def with_secrets(desired: DesiredState, plan: Plan) -> Plan:
    """A saved plan masks sensitive values (plan files get shared); the config supplies them
    at apply time. It holds local files by their path relative to the config
    (``LocalSource``): the config says where they are on this machine."""
    return replace(plan, changes=tuple(_unmasked(desired, c) for c in plan.changes))


def _unmasked(desired: DesiredState, change: ResourceChange) -> ResourceChange:
    resource = desired.resources.get(change.address)
    if change.after is None or resource is None:
        return change
    found: dict[str, Any] = {
        name: value
        for name, value in resource.spec.items()
        if isinstance(value, LocalSource) and change.after.get(name) == value
    }
    found.update({name: resource.spec.get(name) for name in change.sensitive})
    return replace(change, after={**change.after, **found}) if found else change
