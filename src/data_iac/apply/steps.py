"""A plan's changes as the steps the engine schedules, with what each step waits for.

A change is one step, except a replace that is chained to another replace (a catalog renamed
with its schemas): one delete-then-create action cannot be ordered there, because the
parent's delete must wait for the child's and the child's create for the parent's. Such a
replace runs as two steps, as Terraform does: a delete (after the deletes of the replaced
objects that depend on it) and a create (after its own delete and its dependencies). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from data_iac.addresses import Address
from data_iac.model.plan import Action, ResourceChange

__all__ = ["CREATE_PART", "DELETE_PART", "WHOLE", "Part", "Step", "plan_steps"]


class Part(StrEnum):
    """Which part of a change a step runs (a StrEnum, so steps sort: whole, delete, create)."""

    WHOLE = ""
    DELETE = "-"
    CREATE = "+"


WHOLE, DELETE_PART, CREATE_PART = Part.WHOLE, Part.DELETE, Part.CREATE


@dataclass(frozen=True, order=True, slots=True)
class Step:
    """``part`` is WHOLE for a change run as one action, else the half of a replace."""

    address: Address
    part: Part = Part.WHOLE


def plan_steps(
    changes: Mapping[Address, ResourceChange],
) -> tuple[dict[Step, ResourceChange], dict[Step, list[Step]]]:
    """Every step to run (with the change it performs) and the steps each one waits for."""
    split = _chained_replaces(changes)
    steps: dict[Step, ResourceChange] = {}
    waits: dict[Step, list[Step]] = {}

    def done(address: Address) -> Step:
        return Step(address, CREATE_PART if address in split else WHOLE)

    for address, change in changes.items():
        known = [d for d in change.depends_on if d in changes]
        if address not in split:
            steps[Step(address)] = change
            waits[Step(address)] = [Step(d) if change.action is Action.DELETE else done(d)
                                    for d in known]  # fmt: skip
            continue
        removal, creation = Step(address, DELETE_PART), Step(address, CREATE_PART)
        steps[removal] = replace(change, action=Action.DELETE, after=None, depends_on=())
        steps[creation] = replace(change, action=Action.CREATE, before=None)
        waits[removal] = [Step(d, DELETE_PART) for d in _dependants(address, changes, split)]
        waits[creation] = [removal, *(done(d) for d in known)]
    return steps, waits


def _chained_replaces(changes: Mapping[Address, ResourceChange]) -> set[Address]:
    replaces = {a for a, c in changes.items() if c.action is Action.REPLACE}
    chained: set[Address] = set()
    for address in replaces:
        parents = replaces.intersection(changes[address].depends_on)
        if parents:
            chained |= parents | {address}
    return chained


def _dependants(
    address: Address, changes: Mapping[Address, ResourceChange], split: Iterable[Address]
) -> list[Address]:
    return sorted(a for a in split if address in changes[a].depends_on)
