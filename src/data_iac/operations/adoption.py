"""Adopting existing objects into state: ``iac import ADDRESS ID`` and ``generate --import``.

Both share one rule: an object is managed at most once. ``import`` refuses an address or an
object already managed (with the command that fixes it); ``generate --import`` skips those,
so running it twice adopts nothing the second time. Both write the state once, under the lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound, StateError
from data_iac.model.resource import Observed
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.operations.workspace import Workspace
from data_iac.providers.base import ResourceHandler
from data_iac.refresh.adopt import imported_entry
from data_iac.state.session import locked_state

__all__ = ["Adoption", "adopt_objects", "import_object"]


@dataclass(frozen=True, slots=True)
class Adoption:
    """Why an object cannot be adopted: the address or the object is managed already."""

    message: str
    hint: str


def import_object(ws: Workspace, target: Address, remote_id: str) -> ResourceState:
    """Read ``remote_id`` and adopt it into ``ws``'s state as ``target``; returns the entry.

    Raises:
        StateError: the address or the object is already managed.
        ResourceNotFound: the platform has no object with that id.
    """
    with locked_state(ws.backend, "import", environment=ws.config.environment) as (state, _):
        refusal = _address_taken(state, target)
        if refusal is not None:
            raise StateError(refusal.message, hint=refusal.hint)
        handler = ws.handlers({target.kind})[target.kind]
        live = handler.read(target, remote_id)
        if live is None:
            raise ResourceNotFound(
                f"no {target.kind} with id {remote_id!r}",
                hint="docs/drift-and-import.md lists the id of each kind",
            )
        refusal = _object_taken(state, target, live)
        if refusal is not None:
            raise StateError(refusal.message, hint=refusal.hint)
        entry = _entry(ws, handler, target, live)
        ws.backend.write(state.with_resource(target, entry).next_serial())
    return entry


def adopt_objects(ws: Workspace, found: Iterable[tuple[Address, Observed]]) -> list[Address]:
    """Adopt every object in ``found`` not managed yet (under any address); returns the
    addresses adopted. An object already managed is skipped, never adopted twice."""
    found = list(found)
    handlers: Mapping[str, ResourceHandler] = (
        ws.handlers({a.kind for a, _ in found}) if found else {}
    )
    done: list[Address] = []
    with locked_state(ws.backend, "import", environment=ws.config.environment) as (state, _):
        managed = {(e.kind, e.remote_id) for e in state.resources.values()}
        for address, live in found:
            if address in state.resources or (address.kind, live.remote_id) in managed:
                continue  # adopted already (maybe under another address): never twice
            entry = _entry(ws, handlers[address.kind], address, live)
            state = state.with_resource(address, entry)
            managed.add((address.kind, live.remote_id))
            done.append(address)
        if done:
            ws.backend.write(state.next_serial())
    return done


def _entry(
    ws: Workspace, handler: ResourceHandler, address: Address, live: Observed
) -> ResourceState:
    resource = ws.config.desired.resources.get(address)
    return imported_entry(address, live, handler.schema, resource)


def _address_taken(state: StateSnapshot, address: Address) -> Adoption | None:
    entry = state.resources.get(address)
    if entry is None:
        return None
    return Adoption(
        f"{address} is already managed (id {entry.remote_id})",
        f"run `iac state rm {address}` first to adopt another object",
    )


def _object_taken(state: StateSnapshot, address: Address, live: Observed) -> Adoption | None:
    for other, entry in state.resources.items():
        if entry.kind == address.kind and entry.remote_id == live.remote_id:
            return Adoption(
                f"{live.remote_id} is already managed as {other}",
                f"use `iac state mv {other} {address}` to rename it",
            )
    return None
