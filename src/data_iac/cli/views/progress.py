"""Apply progress: one line per action start and end (timestamped when not a terminal),
or JSON lines with --json. Every finished action reports its duration."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from data_iac.apply.result import ActionOutcome, OutcomeStatus
from data_iac.cli.views.output import Output
from data_iac.model.plan import Action, ResourceChange

__all__ = ["ProgressView"]

_ING = {
    Action.CREATE: "Creating",
    Action.UPDATE: "Modifying",
    Action.REPLACE: "Replacing",
    Action.DELETE: "Destroying",
    Action.NOOP: "Reading",
}
_DONE = {
    Action.CREATE: "Creation complete",
    Action.UPDATE: "Modifications complete",
    Action.REPLACE: "Replacement complete",
    Action.DELETE: "Destruction complete",
    Action.NOOP: "Unchanged",
}


class ProgressView:
    def __init__(self, out: Output) -> None:
        self.out = out
        self.total = 0
        self.finished = 0
        self.started = time.perf_counter()

    def _stamp(self) -> str:
        if self.out.is_terminal:
            return ""
        return datetime.now(UTC).strftime("%H:%M:%S ")

    def on_apply_start(self, total: int) -> None:
        self.total = total
        self.started = time.perf_counter()
        if self.out.json_mode:
            self.out.json({"event": "apply_start", "total": total})

    def on_action_start(self, change: ResourceChange) -> None:
        if self.out.json_mode:
            self.out.json({"event": "action_start", "address": str(change.address),
                           "action": change.action.value})
            return
        self.out.line(f"{self._stamp()}{change.address}: {_ING[change.action]}...")

    def on_action_end(self, outcome: ActionOutcome) -> None:
        self.finished += 1
        if self.out.json_mode:
            self.out.json({"event": "action_end", **outcome.to_json()})
            return
        progress = f"[{self.finished}/{self.total}]"
        if outcome.status is OutcomeStatus.DONE:
            self.out.line(f"{self._stamp()}{outcome.address}: {_DONE[outcome.action]} after "
                          f"{outcome.duration_s:.2f}s {progress}", "green")
        else:
            self.out.line(f"{self._stamp()}{outcome.address}: {outcome.status.value}: "
                          f"{outcome.message} {progress}", "red")
