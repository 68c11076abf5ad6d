"""Read-only and re-recording views of the live platforms: ``drift`` and ``refresh``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.model.state import StateSnapshot
from data_iac.operations.workspace import Workspace
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.registry import kind_schema
from data_iac.refresh.adopt import refreshed_state
from data_iac.refresh.bulk import RefreshResult
from data_iac.refresh.drift import DriftReport, Unmanaged, drift_report
from data_iac.refresh.unmanaged import find_unmanaged, unlisted_grants
from data_iac.state.checks import check_environment
from data_iac.state.session import locked_state

__all__ = ["RefreshOutcome", "find_drift", "read_state", "refresh_state"]


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """What ``refresh_state`` found and recorded."""

    result: RefreshResult
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def read_state(ws: Workspace) -> StateSnapshot:
    """The state as stored now, without the lock (a new empty one when none was written);
    a state of another environment is refused."""
    state = ws.backend.read() or StateSnapshot.empty(ws.config.environment)
    check_environment(state, ws.config.environment, ws.backend.describe())
    return state


def find_drift(ws: Workspace, state: StateSnapshot, *, unmanaged: bool) -> DriftReport:
    """Refresh ``state`` and compare: the plan's drift, plus unmanaged objects if asked.
    Read-only: takes no lock, so it never blocks (or is blocked by) an apply."""
    observed = ws.refresh(state)
    plan = make_plan(ws.config.desired, state, kind_schema, PlanOptions(observed=observed))
    extra = _unmanaged(ws, state, observed) if unmanaged else []
    return drift_report(plan.drift, extra)


def _unmanaged(
    ws: Workspace, state: StateSnapshot, observed: Mapping[Address, Observed | None]
) -> list[Unmanaged]:
    if not state.resources:
        return []
    handlers = ws.handlers({e.kind for e in state.resources.values()})
    found = find_unmanaged(state, handlers)
    return found + unlisted_grants(ws.config.desired, observed)


def refresh_state(ws: Workspace, parallelism: int = 16) -> RefreshOutcome:
    """Re-record every managed object from the platforms (under the lock), changing nothing
    on them; objects deleted outside data-iac leave state."""
    with locked_state(ws.backend, "refresh", environment=ws.config.environment) as (state, _):
        result = ws.refresh_result(state, parallelism)
        updated, changed, gone = refreshed_state(state, result.observed, kind_schema)
        if updated.resources != state.resources:  # changed, gone, or a marker moved
            ws.backend.write(updated.next_serial())
    return RefreshOutcome(result, list(changed), list(gone))
