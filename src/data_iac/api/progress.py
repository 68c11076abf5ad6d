"""Progress callbacks and cancellation for ``Project.apply``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from data_iac.apply.result import ActionOutcome
from data_iac.model.plan import ResourceChange

__all__ = ["CancellationToken", "Progress"]


class CancellationToken(threading.Event):
    """Set it (``cancel()``) from any thread to stop an apply: no new action starts,
    in-flight ones finish and are checkpointed, and the result says ``interrupted``."""

    def cancel(self) -> None:
        self.set()

    @property
    def cancelled(self) -> bool:
        return self.is_set()


def _nothing(_: object) -> None:
    return None


@dataclass(frozen=True, slots=True)
class Progress:
    """Callbacks an apply makes as it goes (from one thread, never concurrently).

    Implements the engine's ``ApplyHooks``; give only the callbacks you need.
    """

    started: Callable[[int], None] = _nothing
    action_started: Callable[[ResourceChange], None] = _nothing
    action_finished: Callable[[ActionOutcome], None] = _nothing

    def on_apply_start(self, total: int) -> None:
        self.started(total)

    def on_action_start(self, change: ResourceChange) -> None:
        self.action_started(change)

    def on_action_end(self, outcome: ActionOutcome) -> None:
        self.action_finished(outcome)
