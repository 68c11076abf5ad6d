"""Callbacks an apply makes as it goes; the CLI's progress views implement them."""

from __future__ import annotations

from typing import Protocol

from data_iac.apply.result import ActionOutcome
from data_iac.model.plan import ResourceChange

__all__ = ["ApplyHooks", "NoHooks"]


class ApplyHooks(Protocol):
    """Called from the apply's coordinating thread, never concurrently."""

    def on_apply_start(self, total: int) -> None: ...

    def on_action_start(self, change: ResourceChange) -> None: ...

    def on_action_end(self, outcome: ActionOutcome) -> None: ...


class NoHooks:
    def on_apply_start(self, total: int) -> None:
        return None

    def on_action_start(self, change: ResourceChange) -> None:
        return None

    def on_action_end(self, outcome: ActionOutcome) -> None:
        return None
