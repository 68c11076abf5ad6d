"""Apply: walk a plan's graph in parallel, call the handlers, checkpoint state after each action.

State always equals what was done: every completed action is written through the checkpoint
callback before its dependants start, and a failed action writes nothing.
"""

from __future__ import annotations

import graphlib
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, assert_never

from data_iac.addresses import Address
from data_iac.apply.hooks import ApplyHooks, NoHooks
from data_iac.apply.result import ActionOutcome, ApplyResult, OutcomeStatus
from data_iac.errors import DataIacError, ProviderError
from data_iac.model.plan import Action, Plan, ResourceChange
from data_iac.model.references import resolve_references
from data_iac.model.resource import Observed
from data_iac.model.sensitive import sensitive_digest
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.planner import attribute_lookup
from data_iac.providers.base import ResourceHandler

__all__ = ["ApplyOptions", "apply_plan"]

Checkpoint = Callable[[StateSnapshot], None]


@dataclass(frozen=True, slots=True)
class ApplyOptions:
    parallelism: int = 10
    # Set by the CLI's signal handler: once set, no new action starts.
    stop: threading.Event = field(default_factory=threading.Event)


class _Run:
    """The mutable part of one apply, guarded by one lock."""

    def __init__(self, state: StateSnapshot, checkpoint: Checkpoint) -> None:
        self.state = state
        self.checkpoint = checkpoint
        self.lock = threading.Lock()
        self.outcomes: dict[Address, ActionOutcome] = {}

    def commit(self, change: ResourceChange, entry: ResourceState | None) -> None:
        with self.lock:
            key = str(change.address)
            updated = self.state.without(key) if entry is None else self.state.with_resource(key, entry)
            updated = updated.next_serial()
            self.checkpoint(updated)
            self.state = updated

    def snapshot(self) -> StateSnapshot:
        with self.lock:
            return self.state


def apply_plan(
    plan: Plan,
    handlers: Mapping[str, ResourceHandler],
    state: StateSnapshot,
    checkpoint: Checkpoint,
    options: ApplyOptions = ApplyOptions(),
    hooks: ApplyHooks | None = None,
) -> ApplyResult:
    """Execute every actionable change of ``plan``; never raises for a failed action.

    An action starts once every change it depends on is done; a failure skips its
    dependants and lets independent actions finish. The returned result's final_state is
    the last checkpointed state.
    """
    hooks = hooks or NoHooks()
    run = _Run(state, checkpoint)
    changes = {c.address: c for c in plan.actionable}
    sorter = graphlib.TopologicalSorter(
        {a: [d for d in c.depends_on if d in changes] for a, c in changes.items()}
    )
    sorter.prepare()
    hooks.on_apply_start(len(changes))
    with ThreadPoolExecutor(max_workers=max(1, options.parallelism)) as pool:
        running: dict[Future[ActionOutcome], Address] = {}
        while True:
            if not options.stop.is_set():
                for address in sorted(sorter.get_ready()):
                    change = changes[address]
                    hooks.on_action_start(change)
                    running[pool.submit(_execute, change, handlers, run)] = address
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                address = running.pop(future)
                outcome = future.result()
                run.outcomes[address] = outcome
                hooks.on_action_end(outcome)
                if outcome.status is OutcomeStatus.DONE:
                    sorter.done(address)
    for address, change in changes.items():
        if address not in run.outcomes:
            reason = "interrupted" if options.stop.is_set() else _skip_reason(change, run.outcomes)
            run.outcomes[address] = ActionOutcome(address, change.action, OutcomeStatus.SKIPPED,
                                                  reason)
    ordered = [run.outcomes[c.address] for c in plan.actionable]
    return ApplyResult(tuple(ordered), run.snapshot(), interrupted=options.stop.is_set())


def _skip_reason(change: ResourceChange, outcomes: Mapping[Address, ActionOutcome]) -> str:
    failed = [str(d) for d in change.depends_on
              if d in outcomes and outcomes[d].status is not OutcomeStatus.DONE]
    return f"depends on {', '.join(failed)}, which did not complete" if failed else (
        "an upstream action did not complete")


def _execute(change: ResourceChange, handlers: Mapping[str, ResourceHandler],
             run: _Run) -> ActionOutcome:
    started = time.perf_counter()
    try:
        handler = handlers[change.address.kind]
        entry = _perform(change, handler, run.snapshot())
        run.commit(change, entry)
    except DataIacError as exc:
        return _failed(change, exc, started)
    except Exception as exc:  # a handler bug must not kill the walk: record it and go on
        return _failed(change, ProviderError(f"{type(exc).__name__}: {exc}"), started)
    return ActionOutcome(change.address, change.action, OutcomeStatus.DONE,
                         duration_s=time.perf_counter() - started)


def _failed(change: ResourceChange, exc: DataIacError, started: float) -> ActionOutcome:
    message = exc.summary if not exc.hint else f"{exc.summary} (hint: {exc.hint})"
    return ActionOutcome(change.address, change.action, OutcomeStatus.FAILED, message,
                         duration_s=time.perf_counter() - started)


def _perform(change: ResourceChange, handler: ResourceHandler,
             state: StateSnapshot) -> ResourceState | None:
    """Do one change; return the new state entry (None for a delete)."""
    address = change.address
    match change.action:
        case Action.CREATE:
            spec = _resolved(change, state)
            return _entry(change, handler, handler.create(address, spec), spec)
        case Action.UPDATE:
            spec = _resolved(change, state)
            observed = handler.update(address, _prior_observed(change, state), spec)
            return _entry(change, handler, observed, spec)
        case Action.REPLACE:
            handler.delete(address, _prior_observed(change, state))
            spec = _resolved(change, state)
            return _entry(change, handler, handler.create(address, spec), spec)
        case Action.DELETE:
            handler.delete(address, _prior_observed(change, state))
            return None
        case Action.NOOP:
            return state.resources.get(str(address))
        case _:
            assert_never(change.action)


def _resolved(change: ResourceChange, state: StateSnapshot) -> dict[str, Any]:
    resolved: dict[str, Any] = resolve_references(dict(change.after or {}), attribute_lookup(state))
    return resolved


def _prior_observed(change: ResourceChange, state: StateSnapshot) -> Observed:
    entry = state.resources.get(str(change.address))
    if entry is not None:
        return Observed(entry.remote_id, entry.attributes, entry.version)
    return Observed(change.remote_id or "", change.before or {})


def _entry(change: ResourceChange, handler: ResourceHandler, observed: Observed,
           spec: Mapping[str, Any]) -> ResourceState:
    """The state entry for what the platform now holds; secrets only as salted digests.

    Write-only fields the platform cannot give back are kept as applied, so the next plan
    compares against them; sensitive ones only as digests.
    """
    schema = handler.schema
    attributes = {k: v for k, v in observed.attributes.items() if k not in schema.sensitive}
    for name in (schema.write_only - schema.sensitive) & spec.keys():
        attributes[name] = spec[name]
    hashes = {
        name: sensitive_digest(str(spec[name]), str(change.address))
        for name in sorted(schema.sensitive & spec.keys())
    }
    return ResourceState(
        kind=change.address.kind,
        remote_id=observed.remote_id,
        attributes=attributes,
        dependencies=change.dependencies,
        sensitive_hashes=hashes,
        version=observed.version,
    )
