"""One action of an apply: journal the intent, call the handler (with retries), checkpoint.

Promises, for every action whatever happens:
- the intent is durable before the first request can leave;
- on success the new state entry is committed, and the intent is marked done once a
  checkpoint holds it (``checkpoint.GroupCommitter``);
- on failure the object is looked up at once and state records what the platform holds
  (a create that landed before failing is recorded, so it is neither lost nor duplicated);
- if even that lookup fails, the intent stays open and the next run resolves it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, assert_never

from data_iac.apply.checkpoint import GroupCommitter
from data_iac.apply.journal import Intent, Journal
from data_iac.apply.recovery import adopted_entry, locate
from data_iac.apply.result import ActionOutcome, OutcomeStatus
from data_iac.apply.retry import RetryPolicy, action_deadline, retry_action
from data_iac.diff.compare import diff_attributes
from data_iac.errors import DataIacError, ProviderError, ResourceAlreadyExists
from data_iac.model.plan import Action, ResourceChange
from data_iac.model.references import resolve_references
from data_iac.model.resource import Observed
from data_iac.model.sensitive import sensitive_digest, sensitive_text
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.planning.planner import attribute_lookup
from data_iac.providers.base import ResourceHandler

__all__ = ["ActionRunner"]


@dataclass(frozen=True)
class ActionRunner:
    """Everything one action needs besides the change itself."""

    handlers: Mapping[str, ResourceHandler]
    committer: GroupCommitter
    journal: Journal
    retry: RetryPolicy

    def run(self, change: ResourceChange) -> ActionOutcome:
        """Perform ``change``; never raises (a failure is an outcome)."""
        started = time.perf_counter()
        with action_deadline(self.retry.timeout):
            try:
                self._run(change)
            except DataIacError as exc:
                return _outcome(change, OutcomeStatus.FAILED, started, _message(exc))
            except Exception as exc:  # a handler bug must not kill the walk: record it
                error = ProviderError(f"{type(exc).__name__}: {exc}")
                return _outcome(change, OutcomeStatus.FAILED, started, _message(error))
        return _outcome(change, OutcomeStatus.DONE, started)

    def _run(self, change: ResourceChange) -> None:
        handler = self.handlers[change.address.kind]
        state = self.committer.state
        spec = _resolved(change, state) if change.after is not None else None
        prior = state.resources.get(change.address)
        remote_id = prior.remote_id if prior is not None else change.remote_id
        intent = self.journal.begin(Intent.for_change(change, spec, remote_id))
        try:
            entry = self._perform(change, handler, state, spec, intent)
        except ResourceAlreadyExists:
            # Someone else's object holds the name: never adopt it (rollback would delete it).
            self.journal.finish(intent)
            raise
        except ProviderError:
            self._record_what_landed(change, handler, intent, prior)
            raise
        self.committer.commit(change.address, entry, lambda: self.journal.finish(intent))

    def _perform(
        self,
        change: ResourceChange,
        handler: ResourceHandler,
        state: StateSnapshot,
        spec: Mapping[str, Any] | None,
        intent: Intent,
    ) -> ResourceState | None:
        address = change.address
        match change.action:
            case Action.CREATE | Action.REPLACE:
                assert spec is not None
                if change.action is Action.REPLACE:
                    prior = _prior_observed(change, state)
                    retry_action(lambda: handler.delete(address, prior), self.retry)
                landed: list[Observed] = []
                observed = retry_action(
                    lambda: handler.create(address, spec),
                    self.retry,
                    landed=lambda: _kept(landed, _landed_create(handler, intent)),
                )
                if landed and observed is landed[-1] and _short_of(handler, observed, spec):
                    # adopted half made (a create of several requests): finish it
                    observed = retry_action(
                        lambda: handler.update(address, landed[-1], spec), self.retry
                    )
                return _entry(change, handler, observed, spec)
            case Action.UPDATE:
                assert spec is not None
                prior = _prior_observed(change, state)
                observed = retry_action(lambda: handler.update(address, prior, spec), self.retry)
                return _entry(change, handler, observed, spec)
            case Action.DELETE:
                prior = _prior_observed(change, state)
                retry_action(lambda: handler.delete(address, prior), self.retry)
                return None
            case Action.NOOP:
                return state.resources.get(address)
            case _:
                assert_never(change.action)

    def _record_what_landed(
        self,
        change: ResourceChange,
        handler: ResourceHandler,
        intent: Intent,
        prior: ResourceState | None,
    ) -> None:
        """After a failure: make state say what the platform holds, then close the intent."""
        try:
            observed = locate(handler, intent)
        except Exception:  # unreachable now: the open intent lets the next run resolve it
            return
        key = change.address
        if observed is None:
            entry = None
        elif (
            prior is not None
            and prior.remote_id == observed.remote_id
            and (dict(prior.attributes) == _visible(observed, handler))
        ):
            entry = prior  # untouched
        else:
            entry = adopted_entry(intent, observed, prior, handler)
        if entry != prior:
            self.committer.commit(key, entry, lambda: self.journal.finish(intent))
        else:
            self.journal.finish(intent)


def _landed_create(handler: ResourceHandler, intent: Intent) -> Observed | None:
    """After an ambiguous create failure: the object if the attempt landed after all (for a
    replace too: the old object was deleted before the create started)."""
    create_intent = Intent(
        intent.id,
        intent.address,
        Action.CREATE,
        intent.kind,
        identity=intent.identity,
        dependencies=intent.dependencies,
    )
    return locate(handler, create_intent)


def _kept(found: list[Observed], observed: Observed | None) -> Observed | None:
    if observed is not None:
        found.append(observed)
    return observed


def _short_of(handler: ResourceHandler, observed: Observed, spec: Mapping[str, Any]) -> bool:
    """Whether ``observed`` differs from ``spec`` in a field the platform gives back."""
    schema = handler.schema
    wanted = schema.normalize(spec) if schema.normalize is not None else dict(spec)
    hidden = schema.write_only | schema.sensitive
    shown = {k: v for k, v in wanted.items() if k not in hidden}
    return bool(diff_attributes(shown, observed.attributes, schema))


def _visible(observed: Observed, handler: ResourceHandler) -> dict[str, Any]:
    return {k: v for k, v in observed.attributes.items() if k not in handler.schema.sensitive}


def _message(exc: DataIacError) -> str:
    return exc.summary if not exc.hint else f"{exc.summary} (hint: {exc.hint})"


def _outcome(
    change: ResourceChange, status: OutcomeStatus, started: float, message: str = ""
) -> ActionOutcome:
    return ActionOutcome(
        change.address, change.action, status, message, duration_s=time.perf_counter() - started
    )


def _resolved(change: ResourceChange, state: StateSnapshot) -> dict[str, Any]:
    resolved: dict[str, Any] = resolve_references(dict(change.after or {}), attribute_lookup(state))
    return resolved


def _prior_observed(change: ResourceChange, state: StateSnapshot) -> Observed:
    entry = state.resources.get(change.address)
    if entry is not None:
        return Observed(entry.remote_id, entry.attributes, entry.version)
    return Observed(change.remote_id or "", change.before or {})


def _entry(
    change: ResourceChange, handler: ResourceHandler, observed: Observed, spec: Mapping[str, Any]
) -> ResourceState:
    """The state entry for what the platform now holds; secrets only as salted digests.

    Write-only fields the platform cannot give back, and fields whose remote changes are
    ignored, are kept as applied, so the next plan compares against them; sensitive ones
    only as digests.
    """
    schema = handler.schema
    attributes = _visible(observed, handler)
    for name in ((schema.write_only | schema.ignore_remote) - schema.sensitive) & spec.keys():
        attributes[name] = spec[name]
    hashes = {
        name: sensitive_digest(sensitive_text(spec[name]), str(change.address))
        for name in sorted(schema.sensitive & spec.keys())
    }
    return ResourceState(
        kind=change.address.kind,
        remote_id=observed.remote_id,
        attributes=attributes,
        dependencies=change.dependencies,
        sensitive_hashes=hashes,
        version=observed.version,
        configured=tuple(sorted(spec)),
    )
