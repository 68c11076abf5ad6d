"""``moved:`` entries: renames that keep the object, applied to the state before planning.
Pure: ``iac state mv`` runs the same ``move_resource``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from data_iac.addresses import Address
from data_iac.errors import StateError
from data_iac.model.state import StateSnapshot

__all__ = ["apply_moves", "move_resource"]


def apply_moves(state: StateSnapshot, moves: Iterable[tuple[str, str]]) -> StateSnapshot:
    """``state`` with each ``from`` address renamed ``to`` (and every dependency on it), as
    ``iac state mv`` does.

    A move whose ``from`` is absent is already done (or was never applied) and is skipped, so
    the same config plans again and again. Returns ``state`` itself when nothing moved.
    Raises StateError when ``to`` is already in the state or the kind would change.
    """
    moved = state
    for old, new in moves:
        if Address.parse(old) in moved.resources:
            moved = move_resource(moved, old, new)
    return moved


def move_resource(
    snapshot: StateSnapshot, old_text: Address | str, new_text: Address | str
) -> StateSnapshot:
    """``old`` renamed to ``new`` (same kind), with every dependency on it renamed too.

    Raises:
        StateError: ``old`` is not in the state, ``new`` already is, an address does not
            parse, or the kind would change.
    """
    old, new = _parse(old_text), _parse(new_text)
    if old not in snapshot.resources:
        raise StateError(
            f"{old} is not in the state",
            hint="`iac state list` shows the addresses the state holds",
        )
    resource = snapshot.resources[old]
    if new.kind != resource.kind:
        raise StateError(
            f"cannot move {old} to {new}: the kind would change ({resource.kind} -> {new.kind})",
            hint="a move only renames; to change the kind, `iac state rm` then `iac import`",
        )
    if new in snapshot.resources:
        raise StateError(f"cannot move {old} to {new}: {new} is already in the state")
    moved = snapshot.without(old).with_resource(new, resource)
    for address, entry in moved.resources.items():
        if old in entry.dependencies:
            renamed = tuple(new if d == old else d for d in entry.dependencies)
            moved = moved.with_resource(address, replace(entry, dependencies=renamed))
    return moved


def _parse(address: Address | str) -> Address:
    if isinstance(address, Address):
        return address
    try:
        return Address.parse(address)
    except ValueError as exc:
        raise StateError(str(exc)) from exc
