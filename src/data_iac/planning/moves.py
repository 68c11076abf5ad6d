"""``moved:`` entries: renames that keep the object, applied to the state before planning."""

from __future__ import annotations

from collections.abc import Iterable

from data_iac.model.state import StateSnapshot
from data_iac.state.operations import move_resource

__all__ = ["apply_moves"]


def apply_moves(state: StateSnapshot, moves: Iterable[tuple[str, str]]) -> StateSnapshot:
    """``state`` with each ``from`` address renamed ``to`` (and every dependency on it), as
    ``iac state mv`` does.

    A move whose ``from`` is absent is already done (or was never applied) and is skipped, so
    the same config plans again and again. Returns ``state`` itself when nothing moved.
    Raises StateError when ``to`` is already in the state or the kind would change.
    """
    moved = state
    for old, new in moves:
        if old in moved.resources:
            moved = move_resource(moved, old, new)
    return moved
