"""``iac migrate terraform``: adopt the objects a Terraform state manages into ours.

Nothing is written to the platforms: each matched object is read once (so state records
what is there, as ``iac import`` does), and our state is written once, under its lock.
Secret values Terraform keeps in clear become salted digests, never values.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Protocol

from data_iac.addresses import Address
from data_iac.errors import StateError
from data_iac.migrate.mapping import Adoption, MigrationMap
from data_iac.model.resource import DesiredState, Observed
from data_iac.model.sensitive import sensitive_digest, sensitive_text
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.providers.base import ResourceHandler
from data_iac.refresh.adopt import imported_entry
from data_iac.state.backend import StateBackend
from data_iac.state.session import locked_state

__all__ = ["MigrationResult", "adopt_terraform_objects", "refuse_ambiguous"]

READERS = 8


class HandlerSource(Protocol):
    def handlers(self, kinds: set[str]) -> Mapping[str, ResourceHandler]: ...


@dataclass(frozen=True, slots=True)
class MigrationResult:
    """What a migration did: adopted, already managed before, gone from the platform."""

    adopted: tuple[Adoption, ...]
    already_managed: tuple[Address, ...]
    gone: tuple[Adoption, ...]
    serial: int | None


def refuse_ambiguous(mapping: MigrationMap) -> None:
    """Raise when a declared resource fits several Terraform instances: we never guess."""
    if not mapping.ambiguous:
        return
    lines = [
        f"{address} could be any of: {', '.join(f'{i.address} ({i.id})' for i in found)}"
        for address, found in mapping.ambiguous
    ]
    first, candidates = mapping.ambiguous[0]
    raise StateError(
        f"{len(lines)} declared resource(s) match several Terraform instances",
        detail="\n".join(lines),
        hint=(
            f"import those one by one, e.g. `iac import {first} {candidates[0].id}`, "
            "then run the migration again"
        ),
    )


def adopt_terraform_objects(
    mapping: MigrationMap,
    desired: DesiredState,
    backend: StateBackend,
    source: HandlerSource,
) -> MigrationResult:
    """Read every matched object and write the state entries adopting them, once."""
    refuse_ambiguous(mapping)
    with locked_state(backend, "migrate", environment=desired.environment) as (state, _lock):
        todo = [a for a in mapping.adopted if a.address not in state.resources]
        already = tuple(a.address for a in mapping.adopted if a.address in state.resources)
        handlers = source.handlers({a.address.kind for a in todo}) if todo else {}
        with ThreadPoolExecutor(max_workers=READERS) as pool:
            found = list(
                pool.map(lambda a: handlers[a.address.kind].read(a.address, a.remote_id), todo)
            )
        adopted, gone = [], []
        for adoption, live in zip(todo, found, strict=True):
            if live is None:
                gone.append(adoption)
                continue
            state = _with_entry(state, adoption, live, handlers[adoption.address.kind], desired)
            adopted.append(adoption)
        serial = None
        if adopted:
            written = state.next_serial()
            backend.write(written)
            serial = written.serial
    return MigrationResult(tuple(adopted), already, tuple(gone), serial)


def _read(handlers: Mapping[str, ResourceHandler], adoption: Adoption) -> Observed | None:
    return handlers[adoption.address.kind].read(adoption.address, adoption.remote_id)


def _with_entry(
    state: StateSnapshot,
    adoption: Adoption,
    live: Observed,
    handler: ResourceHandler,
    desired: DesiredState,
) -> StateSnapshot:
    address = adoption.address
    _refuse_managed_twice(state, address, live)
    entry = imported_entry(address, live, handler.schema, desired.resources.get(address))
    entry = _with_terraform_secrets(entry, address, adoption.source.attributes, handler)
    return state.with_resource(address, entry)


def _refuse_managed_twice(state: StateSnapshot, address: Address, live: Observed) -> None:
    for other, entry in state.resources.items():
        if entry.kind == address.kind and entry.remote_id == live.remote_id:
            raise StateError(
                f"{live.remote_id} is already managed as {other}",
                hint=f"use `iac state mv {other} {address}` (or `iac state rm {other}`) first",
            )


def _with_terraform_secrets(
    entry: ResourceState, address: Address, attributes: Mapping[str, Any], handler: ResourceHandler
) -> ResourceState:
    """Terraform's clear secret values -> our salted digests (the values go no further)."""
    digests = dict(entry.sensitive_hashes)
    for name in sorted(handler.schema.sensitive):
        value = _our_shape(attributes.get(name))
        if value not in (None, "", {}, []):
            digests[name] = sensitive_digest(sensitive_text(value), str(address))
    return replace(entry, sensitive_hashes=digests)


def _our_shape(value: Any) -> Any:
    """A provider attribute in the shape our specs hold: a block Terraform stores as a list
    of one object becomes the object, and unset (null or empty) attributes are left out."""
    if isinstance(value, list):
        if len(value) == 1 and isinstance(value[0], Mapping):
            return _our_shape(value[0])
        return [_our_shape(item) for item in value]
    if isinstance(value, Mapping):
        shaped = {k: _our_shape(v) for k, v in value.items()}
        return {k: v for k, v in shaped.items() if v not in (None, "", {}, [])}
    return value
