"""``moved:`` entries: renames that keep the object, applied to the state before planning."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from data_iac.errors import PlanError
from data_iac.model.state import ResourceState, StateSnapshot

__all__ = ["apply_moves"]


def apply_moves(state: StateSnapshot, moves: Iterable[tuple[str, str]]) -> StateSnapshot:
    """``state`` with each ``from`` address renamed ``to`` (and every dependency on it).

    A move whose ``from`` is absent is already done (or never applied) and is skipped, so the
    same config can be planned again and again. Both addresses present is an error: the
    rename would overwrite an object data-iac manages.
    """
    resources = dict(state.resources)
    renamed: dict[str, str] = {}
    for old, new in moves:
        if old not in resources:
            continue
        if new in resources:
            raise PlanError(
                f"moved: cannot rename {old} to {new}: both are in the state",
                hint=f"run `iac state rm {new}` if {new} is stale, or drop the moved entry",
            )
        if resources[old].kind != new.split(".", 1)[0]:
            raise PlanError(
                f"moved: {old} and {new} are of different kinds",
                hint="a move renames an object; it cannot change its kind",
            )
        resources[new] = resources.pop(old)
        renamed[old] = new
    if not renamed:
        return state
    return replace(state, resources={k: _renamed_deps(v, renamed) for k, v in resources.items()})


def _renamed_deps(entry: ResourceState, renamed: dict[str, str]) -> ResourceState:
    if not any(dep in renamed for dep in entry.dependencies):
        return entry
    return replace(entry, dependencies=tuple(renamed.get(d, d) for d in entry.dependencies))
