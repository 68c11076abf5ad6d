"""Executing plans: the parallel walk, its journal, its result, rollback and hooks."""

from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.hooks import ApplyHooks, NoHooks
from data_iac.apply.journal import FileJournal, Journal, MemoryJournal, journal_for
from data_iac.apply.recovery import Resolution, resolve_pending
from data_iac.apply.result import ActionOutcome, ApplyResult, OutcomeStatus, RollbackReport
from data_iac.apply.retry import RetryPolicy
from data_iac.apply.rollback import plan_rollback, rollback_warnings, run_rollback

__all__ = [
    "ActionOutcome",
    "ApplyHooks",
    "ApplyOptions",
    "ApplyResult",
    "FileJournal",
    "Journal",
    "MemoryJournal",
    "NoHooks",
    "OutcomeStatus",
    "Resolution",
    "RetryPolicy",
    "RollbackReport",
    "apply_plan",
    "journal_for",
    "plan_rollback",
    "resolve_pending",
    "rollback_warnings",
    "run_rollback",
]
