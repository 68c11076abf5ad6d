"""One operation under the state lock: recover, plan, apply (then roll back on failure).

``state_session`` is the workflow every command that changes or plans against the state
shares: take the lock, open the journal the backend keeps beside the state, resolve what an
interrupted run left (journal recovery), apply the config's ``moved:`` renames, and at the
end close the journal (cleared once nothing is pending) and release the lock. The CLI and
the Python API both call it; neither prints from here: notes go to a callback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from data_iac.addresses import Address
from data_iac.apply.engine import ApplyOptions, apply_plan
from data_iac.apply.hooks import ApplyHooks, NoHooks
from data_iac.apply.journal import Journal, journal_for
from data_iac.apply.recovery import Resolution, resolve_pending
from data_iac.apply.result import ApplyResult
from data_iac.apply.retry import RetryPolicy
from data_iac.apply.rollback import plan_rollback, rollback_warnings, run_rollback
from data_iac.model.plan import Plan
from data_iac.model.state import StateSnapshot
from data_iac.operations.loading import write_generated
from data_iac.operations.saved_plans import check_fresh, with_secrets
from data_iac.operations.workspace import Workspace
from data_iac.planning.moves import apply_moves
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.registry import kind_schema
from data_iac.state.backend import LockInfo
from data_iac.state.session import locked_state

__all__ = [
    "ApplySettings",
    "Notify",
    "RollbackNotice",
    "StateSession",
    "plan_against",
    "prepare_state",
    "recover_journal",
    "state_session",
]

Notify = Callable[[str], None]
RollbackNotice = Callable[[Plan, tuple[str, ...]], None]


def _ignore(*_: object) -> None:
    return None


@dataclass(frozen=True, slots=True)
class ApplySettings:
    """How to run an apply: ``rollback`` undoes this apply's changes when an action fails
    (``--no-rollback`` keeps them); ``action_timeout`` bounds one action's retries."""

    parallelism: int = 10
    rollback: bool = True
    action_timeout: float | None = 600.0


@dataclass
class StateSession:
    """The state as it is under the lock, and the journal beside it.

    ``state`` is always the latest state written: it moves on after an apply.
    """

    workspace: Workspace
    state: StateSnapshot
    journal: Journal
    lock: LockInfo
    notify: Notify = field(default=_ignore)

    def plan(
        self,
        *,
        refresh: bool = True,
        destroy: bool = False,
        targets: frozenset[Address] = frozenset(),
    ) -> Plan:
        """Refresh (unless told not to) and plan the config against the locked state."""
        return plan_against(
            self.workspace, self.state, refresh=refresh, destroy=destroy, targets=targets
        )

    def use_saved(self, plan: Plan) -> Plan:
        """A saved plan made ready to apply: refused (StalePlanError) when the state moved
        since it was made; its masked secrets filled in again from the config."""
        self.state = check_fresh(plan, self.state)
        return with_secrets(self.workspace.config.desired, plan)

    def apply(
        self,
        plan: Plan,
        settings: ApplySettings | None = None,
        *,
        progress: ApplyHooks | None = None,
        cancel: threading.Event | None = None,
        on_rollback: RollbackNotice = _ignore,
    ) -> ApplyResult:
        """Execute ``plan``; when an action fails (and ``settings.rollback``), plan the undo
        of what this apply did, tell ``on_rollback`` and run it. Never raises for a failed
        action: the result says what was done, failed, skipped and rolled back. Setting
        ``cancel`` stops new actions from starting (in-flight ones finish)."""
        settings = settings or ApplySettings()
        hooks = progress or NoHooks()
        ws, before = self.workspace, self.state
        options = ApplyOptions(
            parallelism=settings.parallelism,
            stop=cancel if cancel is not None else threading.Event(),
            stop_on_failure=settings.rollback,
            journal=self.journal,
            retry=RetryPolicy(timeout=settings.action_timeout),
        )
        write_generated(ws.config)
        handlers = ws.handlers({c.address.kind for c in plan.actionable})
        result = apply_plan(plan, handlers, before, ws.backend.write, options, hooks)
        if not (result.ok or result.interrupted or not settings.rollback):
            undo = plan_rollback(plan, result, before, kind_schema)
            if not undo.is_empty:
                warnings = tuple(rollback_warnings(undo, before))
                on_rollback(undo, warnings)
                undo_handlers = ws.handlers({c.address.kind for c in undo.actionable})
                result = run_rollback(
                    undo, result, undo_handlers, ws.backend.write, options, hooks, warnings
                )
        self.state = result.final_state
        return result


def plan_against(
    ws: Workspace,
    state: StateSnapshot,
    *,
    refresh: bool = True,
    destroy: bool = False,
    targets: frozenset[Address] = frozenset(),
) -> Plan:
    """Refresh (unless told not to) and plan ``ws``'s config against ``state``; the files
    the config generates are written first (``write_generated``), for people to review.

    A refreshing plan connects to every platform the config or the state has objects on
    before anything else, as Terraform configures its providers during plan: missing or
    refused credentials fail it early (naming the auth methods tried and what to set),
    even when the state is empty and nothing would be read yet.
    """
    if not destroy:
        write_generated(ws.config)
    if refresh:
        ws.connect(
            {a.kind for a in ws.config.desired.resources} | {a.kind for a in state.resources}
        )
    observed = ws.refresh(state) if refresh and state.resources else None
    options = PlanOptions(
        destroy=destroy, targets=targets, observed=observed, config_digest=ws.config.digest
    )
    return make_plan(ws.config.desired, state, kind_schema, options)


@contextmanager
def state_session(
    ws: Workspace,
    operation: str,
    *,
    persist: bool,
    lock_timeout: float = 0.0,
    force_lock: bool = False,
    notify: Notify = _ignore,
) -> Iterator[StateSession]:
    """Lock the state, recover and rename (``prepare_state``), yield the session; then close
    the journal (cleared when nothing is left pending) and release the lock.

    ``persist``: write the renames back (apply) or only plan with them (plan).
    """
    with locked_state(
        ws.backend,
        operation,
        environment=ws.config.environment,
        lock_timeout=lock_timeout,
        force_lock=force_lock,
    ) as (state, lock):
        journal = journal_for(ws.backend)
        try:
            state = prepare_state(ws, journal, state, notify, persist=persist)
            yield StateSession(ws, state, journal, lock, notify)
        finally:
            journal.close()
        if not journal.pending():
            journal.clear()  # every intent was resolved: start the next run empty


def recover_journal(
    ws: Workspace, journal: Journal, state: StateSnapshot
) -> tuple[StateSnapshot, list[Resolution]]:
    """Resolve the intents an interrupted run left (call under the state lock): each object
    is looked up and adopted into state or forgotten. Returns the state to plan against."""
    pending = journal.pending()
    if not pending:
        return state, []
    handlers = ws.handlers({intent.kind for intent in pending})
    return resolve_pending(journal, state, handlers, ws.backend.write)


def prepare_state(
    ws: Workspace, journal: Journal, state: StateSnapshot, notify: Notify, *, persist: bool
) -> StateSnapshot:
    """The state to plan against (call under the lock): an interrupted run's intents
    resolved, then the config's ``moved:`` renames applied, and written back when
    ``persist`` (apply) so that the renames survive the moved entries' removal."""
    for note in ws.config.notes:
        notify(f"note: {note}")
    state, resolutions = recover_journal(ws, journal, state)
    if resolutions:
        notify(f"Resolved {len(resolutions)} action(s) an interrupted run left unfinished:")
        for resolution in resolutions:
            notify(f"  {resolution.describe()}")
    moved = apply_moves(state, ws.config.moved)
    if moved is not state:
        for old, new in ws.config.moved:
            if Address.parse(old) in state.resources:
                notify(f"moved: {old} is now {new}")
        if persist:
            moved = moved.next_serial()
            ws.backend.write(moved)
    return moved
