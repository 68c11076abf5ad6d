"""What an apply did: per action done, failed, skipped or rolled back, and the state it left."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from data_iac.addresses import Address
from data_iac.model.plan import Action
from data_iac.model.state import StateSnapshot

__all__ = ["ActionOutcome", "ApplyResult", "OutcomeStatus", "RollbackReport"]


class OutcomeStatus(StrEnum):
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"
    ROLLED_BACK = "rolled back"


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    address: Address
    action: Action
    status: OutcomeStatus
    message: str = ""
    duration_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "address": str(self.address),
            "action": self.action.value,
            "status": self.status.value,
            "message": self.message,
            "duration_s": round(self.duration_s, 4),
        }


@dataclass(frozen=True, slots=True)
class RollbackReport:
    """The rollback run after a failed apply: its own actions, and whether all succeeded."""

    outcomes: tuple[ActionOutcome, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return all(o.status is OutcomeStatus.DONE for o in self.outcomes)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "warnings": list(self.warnings),
            "outcomes": [o.to_json() for o in self.outcomes],
        }


@dataclass(frozen=True, slots=True)
class ApplyResult:
    """Always returned, even when actions failed: ``final_state`` is what was checkpointed.

    ``order`` lists finished actions (done or failed) in the order they finished;
    ``rollback`` is set when a failed apply was rolled back.
    """

    outcomes: tuple[ActionOutcome, ...]
    final_state: StateSnapshot
    interrupted: bool = False
    order: tuple[Address, ...] = ()
    rollback: RollbackReport | None = None

    def with_status(self, status: OutcomeStatus) -> list[ActionOutcome]:
        return [o for o in self.outcomes if o.status is status]

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(o.status is OutcomeStatus.DONE for o in self.outcomes)

    def counts(self) -> dict[str, int]:
        """Actions done and still in effect, per action (rolled back ones not counted)."""
        counts = {"create": 0, "update": 0, "replace": 0, "delete": 0}
        for outcome in self.with_status(OutcomeStatus.DONE):
            if outcome.action.value in counts:
                counts[outcome.action.value] += 1
        return counts

    def rolled_back(
        self, report: RollbackReport, final_state: StateSnapshot, undone: set[Address]
    ) -> ApplyResult:
        """This result after a rollback that undid the actions at ``undone``."""
        outcomes = tuple(
            replace(
                o, status=OutcomeStatus.ROLLED_BACK, message=o.message or "undone by the rollback"
            )
            if o.address in undone and o.status is OutcomeStatus.DONE
            else o
            for o in self.outcomes
        )
        return replace(self, outcomes=outcomes, final_state=final_state, rollback=report)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "ok": self.ok,
            "interrupted": self.interrupted,
            "serial": self.final_state.serial,
            "counts": self.counts(),
            "outcomes": [o.to_json() for o in self.outcomes],
        }
        if self.rollback is not None:
            data["rollback"] = self.rollback.to_json()
        return data
