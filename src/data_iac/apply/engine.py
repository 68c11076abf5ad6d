"""Apply: walk a plan's graph in parallel, call the handlers, checkpoint state after each action.

State always tells the truth, with the journal's help: every action's intent is journaled
(fsynced) before its first request and closed only once a state checkpoint holds its
result, so a crash at any instant is resolved by the next run (``recovery.resolve_pending``).
Checkpoints are written behind the walk (``checkpoint.GroupCommitter``); the apply returns
only after the last one.
"""

from __future__ import annotations

import graphlib
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace

from data_iac.addresses import Address
from data_iac.apply.actions import ActionRunner
from data_iac.apply.checkpoint import CheckpointError, GroupCommitter
from data_iac.apply.hooks import ApplyHooks, NoHooks
from data_iac.apply.journal import Journal, MemoryJournal
from data_iac.apply.result import ActionOutcome, ApplyResult, OutcomeStatus
from data_iac.apply.retry import RetryPolicy
from data_iac.apply.steps import DELETE_PART, Step, plan_steps
from data_iac.errors import StateError
from data_iac.model.plan import Plan, ResourceChange
from data_iac.model.state import StateSnapshot
from data_iac.providers.base import ResourceHandler

__all__ = ["ApplyOptions", "apply_plan"]

Checkpoint = Callable[[StateSnapshot], None]


@dataclass(frozen=True, slots=True)
class ApplyOptions:
    """How to walk a plan.

    ``stop``: set by the CLI's signal handler; once set, no new action starts.
    ``stop_on_failure``: after the first failure start nothing new (in-flight actions
    finish): what a rollback wants, as there is no point doing more work to undo.
    ``journal``: where intents go (memory when not given: no crash safety).
    ``retry``: per-action retries and deadline (``--action-timeout``).
    """

    parallelism: int = 10
    stop: threading.Event = field(default_factory=threading.Event)
    stop_on_failure: bool = False
    journal: Journal | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)


class _Walk:
    """The graph walk's bookkeeping: what is ready, running and finished, by step."""

    def __init__(self, plan: Plan) -> None:
        self.changes = {c.address: c for c in plan.actionable}
        self.steps, waits = plan_steps(self.changes)
        self.sorter = graphlib.TopologicalSorter(waits)
        self.sorter.prepare()
        self.outcomes: dict[Address, ActionOutcome] = {}
        self.finished: list[Address] = []
        self.failed = False

    def record(self, step: Step, outcome: ActionOutcome) -> None:
        """Count one finished step; a change's outcome is recorded when its last step ends
        (or any of its steps fails), under the change's own action."""
        if outcome.status is OutcomeStatus.DONE:
            self.sorter.done(step)
            if step.part is DELETE_PART:
                return
        else:
            self.failed = True
        change = self.changes[step.address]
        self.outcomes[step.address] = replace(outcome, action=change.action)
        self.finished.append(step.address)


def apply_plan(
    plan: Plan,
    handlers: Mapping[str, ResourceHandler],
    state: StateSnapshot,
    checkpoint: Checkpoint,
    options: ApplyOptions | None = None,
    hooks: ApplyHooks | None = None,
) -> ApplyResult:
    """Execute every actionable change of ``plan``; never raises for a failed action.

    An action starts once every change it depends on is done; a failure skips its
    dependants and lets independent actions finish (or, with ``stop_on_failure``, only
    those already running). The result's final_state is the last checkpointed state and
    its ``order`` lists the finished actions in the order they finished.
    """
    options = options or ApplyOptions()
    hooks = hooks or NoHooks()
    walk = _Walk(plan)
    committer = GroupCommitter(state, checkpoint)
    runner = ActionRunner(
        handlers, committer, options.journal or Journal(MemoryJournal()), options.retry
    )
    hooks.on_apply_start(len(walk.steps))
    width = max(1, options.parallelism)
    with ThreadPoolExecutor(max_workers=width) as pool:
        running: dict[Future[ActionOutcome], Step] = {}
        ready: list[Step] = []
        while True:
            ready.extend(sorted(walk.sorter.get_ready()))
            # Submit no more than the pool runs at once: a queued action has not started, so
            # a stop (Ctrl-C, a failure before a rollback) must still be able to hold it back.
            while ready and len(running) < width and _may_start(options, walk):
                step = ready.pop(0)
                change = walk.steps[step]
                hooks.on_action_start(change)
                running[pool.submit(runner.run, change)] = step
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: running[f]):
                step = running.pop(future)
                outcome = future.result()
                walk.record(step, outcome)
                hooks.on_action_end(outcome)
    _skip_the_rest(walk, options)
    final = _flushed(committer)
    ordered = tuple(walk.outcomes[c.address] for c in plan.actionable)
    return ApplyResult(
        ordered, final, interrupted=options.stop.is_set(), order=tuple(walk.finished)
    )


def _flushed(committer: GroupCommitter) -> StateSnapshot:
    try:
        return committer.flush()
    except CheckpointError as exc:
        raise StateError(
            f"the state could not be written: {exc.cause}",
            hint="the journal kept every intent: fix the cause and run the same command "
            "again; it looks the objects up and records them",
        ) from exc


def _may_start(options: ApplyOptions, walk: _Walk) -> bool:
    return not options.stop.is_set() and not (options.stop_on_failure and walk.failed)


def _skip_the_rest(walk: _Walk, options: ApplyOptions) -> None:
    for address, change in walk.changes.items():
        if address in walk.outcomes:
            continue
        reason = _skip_reason(change, walk.outcomes)
        if reason is None:
            reason = (
                "interrupted before it started"
                if options.stop.is_set()
                else "not started: an action failed and the apply stopped"
            )
        walk.outcomes[address] = ActionOutcome(
            address, change.action, OutcomeStatus.SKIPPED, reason
        )


def _skip_reason(change: ResourceChange, outcomes: Mapping[Address, ActionOutcome]) -> str | None:
    """Why ``change`` never ran when an upstream did not complete; None when its upstreams
    were fine (or never ran either) and the stop is the reason."""
    failed = [
        str(d)
        for d in change.depends_on
        if d in outcomes and outcomes[d].status is not OutcomeStatus.DONE
    ]
    return f"depends on {', '.join(failed)}, which did not complete" if failed else None
