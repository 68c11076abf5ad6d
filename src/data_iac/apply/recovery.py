"""Resolving unfinished intents: look each object up, adopt it or forget it.

Run under the state lock before planning. Promises: after ``resolve_pending`` the state
holds an entry for an intent's address exactly when the object exists on its platform, the
journal is empty, and every change to the state was checkpointed. So a crash at any
instant of an apply leaves no duplicate (the next create is not needed: the object was
adopted) and no orphan (an object that landed is in state, so plan manages it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from data_iac.addresses import Address
from data_iac.apply.journal import Intent, Journal
from data_iac.kinds import find_spec, spec_of
from data_iac.model.plan import Action
from data_iac.model.provider_ids import ROUTING_FIELD, scoped_id
from data_iac.model.resource import Observed
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.providers.base import ResourceHandler

__all__ = [
    "AddressLocator",
    "FinishesCreate",
    "NaturalIdHandler",
    "Resolution",
    "locate",
    "natural_id_from_identity",
    "resolve_pending",
]

Checkpoint = Callable[[StateSnapshot], None]


@runtime_checkable
class AddressLocator(Protocol):
    """A handler that can find the object it created for an address: by its address tag,
    or by the unique name the desired spec gives (a group's display name, a user's user
    name), which is why recovery passes the intent's recorded identity as ``spec``."""

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None: ...


@runtime_checkable
class NaturalIdHandler(Protocol):
    """A handler whose remote id follows from the spec before the object exists."""

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None: ...


@runtime_checkable
class FinishesCreate(Protocol):
    """A handler whose create ends with a step after the object exists (a catalog drops the
    ``default`` schema UC made): recovery runs it on an adopted, interrupted create."""

    def finish_create(self, address: Address, observed: Observed) -> None: ...


@dataclass(frozen=True, slots=True)
class Resolution:
    """What became of one unfinished intent."""

    address: Address
    action: Action
    outcome: str  # "adopted" | "forgotten"
    remote_id: str | None = None

    def describe(self) -> str:
        if self.outcome == "adopted":
            return (
                f"{self.address}: an interrupted {self.action} had landed; adopted "
                f"{self.remote_id} into state"
            )
        return f"{self.address}: an interrupted {self.action} left nothing; forgotten"


def natural_id_from_identity(kind: str, identity: Mapping[str, Any]) -> str | None:
    """The platform id implied by a spec's identity: its ``full_name`` or ``path`` when it
    has one, else the natural key its kind's record builds (scope fields, then the name:
    ``main.raw`` for a schema, ``SALES.orders`` for a Dataiku dataset).

    Used only for handlers that offer neither ``find_by_address`` nor ``natural_id``.
    """
    for field in ("full_name", "path"):
        if identity.get(field) is not None:
            return str(identity[field])
    return spec_of(kind).natural_key(identity)


def locate(handler: ResourceHandler, intent: Intent) -> Observed | None:
    """The object an intent was about, as the platform holds it now, or None."""
    address = intent.address
    candidates: list[str] = []
    if intent.action in (Action.CREATE, Action.REPLACE):
        if isinstance(handler, AddressLocator):
            found = handler.find_by_address(address, intent.identity)
            if found is not None or intent.action is Action.CREATE:
                return found
        elif isinstance(handler, NaturalIdHandler):
            natural = handler.natural_id(address, intent.identity)
            candidates += [natural] if natural else []
        else:
            natural = _natural_key(intent)
            candidates += [natural] if natural else []
    if intent.remote_id:
        candidates.append(intent.remote_id)
    for remote_id in dict.fromkeys(candidates):
        found = handler.read(address, remote_id)
        if found is not None:
            return found
    return None


def _natural_key(intent: Intent) -> str | None:
    """The remote id the intent's identity names: by its kind record's ``natural_key``
    (scope fields, then the name: ``etl/password`` for a secret), else by the platforms'
    conventions (``natural_id_from_identity``)."""
    record = find_spec(intent.kind)
    natural = record.natural_key(intent.identity) if record is not None else None
    natural = natural or natural_id_from_identity(intent.kind, intent.identity)
    provider = intent.identity.get(ROUTING_FIELD)
    if natural is None or not provider or provider == intent.kind.split("_", 1)[0]:
        return natural
    return scoped_id(str(provider), natural)  # reached through a named provider


def adopted_entry(
    intent: Intent, observed: Observed, prior: ResourceState | None, handler: ResourceHandler
) -> ResourceState:
    """A state entry for an adopted object; secrets' digests and write-only fields are kept
    from the prior entry only when it is the same object (else the next plan rewrites them)."""
    same = prior is not None and prior.remote_id == observed.remote_id
    attributes = {k: v for k, v in observed.attributes.items() if k not in handler.schema.sensitive}
    if same and prior is not None:
        for name in handler.schema.write_only - handler.schema.sensitive:
            if name in prior.attributes:
                attributes[name] = prior.attributes[name]
    return ResourceState(
        kind=intent.kind,
        remote_id=observed.remote_id,
        attributes=attributes,
        dependencies=intent.dependencies or (prior.dependencies if prior else ()),
        sensitive_hashes=dict(prior.sensitive_hashes) if same and prior else {},
        version=observed.version,
    )


def resolve_pending(
    journal: Journal,
    state: StateSnapshot,
    handlers: Mapping[str, ResourceHandler],
    checkpoint: Checkpoint,
) -> tuple[StateSnapshot, list[Resolution]]:
    """Adopt or forget every unfinished intent; checkpoint once; clear the journal.

    Raises whatever a lookup raises (the platform is unreachable): the journal is then
    kept, so the next run tries again.
    """
    pending = journal.pending()
    resolutions: list[Resolution] = []
    updated = state
    for intent in pending:
        handler = handlers[intent.kind]
        observed = locate(handler, intent)
        prior = updated.resources.get(intent.address)
        if observed is None:
            updated = updated.without(intent.address)
            resolutions.append(Resolution(intent.address, intent.action, "forgotten"))
        else:
            if intent.action is Action.CREATE and isinstance(handler, FinishesCreate):
                handler.finish_create(intent.address, observed)
            entry = adopted_entry(intent, observed, prior, handler)
            updated = updated.with_resource(intent.address, entry)
            resolutions.append(
                Resolution(intent.address, intent.action, "adopted", observed.remote_id)
            )
    if updated != state:
        updated = updated.next_serial()
        checkpoint(updated)
    if pending:
        journal.clear()
    return updated, resolutions
