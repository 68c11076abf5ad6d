"""Executing plans: the parallel walk, its result, and its hooks."""

from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.hooks import ApplyHooks, NoHooks
from data_iac.apply.result import ActionOutcome, ApplyResult, OutcomeStatus

__all__ = [
    "ActionOutcome",
    "ApplyHooks",
    "ApplyOptions",
    "ApplyResult",
    "NoHooks",
    "OutcomeStatus",
    "apply_plan",
]
