"""Bulk refresh: read every managed object through one listing per kind and scope.

``bulk_refresh`` runs everything on one thread pool (the Databricks client's rate limiter
still paces every request):

- one listing per (kind, scope) group (see ``scopes.py``); objects whose listing carries
  the managed fields are resolved from it, objects of a MARKERS kind whose change marker
  equals the one in state are resolved from state, and the rest are read as soon as that
  listing is in;
- one read per object of a kind with no listing (grants, ACLs ...), started at once.

Listings are shared for the refresh (``providers/listings.py``): the notebooks and the
workspace files of one folder come from one listing of it.

An object missing from its listing is reported as None (deleted outside data-iac).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextvars import copy_context
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.model.resource import Observed
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.providers.base import ResourceHandler
from data_iac.providers.listings import shared_listings
from data_iac.refresh.scopes import Group, Strategy, refresh_groups

__all__ = ["MarkerLister", "RefreshResult", "bulk_refresh", "read_one"]

Pending = list[tuple[Address, ResourceState]]
T = TypeVar("T")


@runtime_checkable
class MarkerLister(Protocol):
    """A handler whose listing gives each object's change marker, but not every field."""

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(remote id, change marker) of every object in ``scope``; one listing."""
        ...


@dataclass
class RefreshResult:
    """What a refresh found: ``observed`` maps each address to the live object (None when
    it is gone); ``listings``, ``reads`` and ``cached`` count how each was obtained."""

    observed: dict[Address, Observed | None] = field(default_factory=dict)
    listings: int = 0
    reads: int = 0
    cached: int = 0


def bulk_refresh(
    state: StateSnapshot,
    handlers: Mapping[str, ResourceHandler],
    *,
    parallelism: int = 8,
) -> RefreshResult:
    """Every object in ``state`` as the platforms hold it now. Never writes anything.

    Reads that need no listing (kinds read one object at a time: grants, ACLs ...) start
    at once beside the listings, not after them; the reads a listing leaves (a moved
    marker) start as soon as that listing is in.
    """
    result = RefreshResult()
    groups = refresh_groups(sorted(state.resources.items()))
    with shared_listings(), ThreadPoolExecutor(max_workers=max(1, parallelism)) as pool:
        context = copy_context()  # the tasks see the shared listings

        def submit(fn: Callable[..., T], *args: Any) -> Future[T]:
            return pool.submit(context.copy().run, fn, *args)

        reads: list[Future[tuple[Address, Observed | None]]] = []

        def read_all(pending: Pending) -> None:
            for address, entry in pending:
                reads.append(submit(read_one, handlers[entry.kind], address, entry))

        listings = []
        for group in groups:
            if group.strategy is Strategy.READ:
                read_all(list(group.entries.items()))
            else:
                listings.append(submit(_resolve_group, group, handlers[group.kind]))
                result.listings += 1
        for done in as_completed(listings):
            resolved, queued, cached = done.result()
            result.observed.update(resolved)
            result.cached += cached
            read_all(queued)
        result.observed.update(future.result() for future in reads)
    result.reads = len(reads)
    return result


def read_one(
    handler: ResourceHandler, address: Address, entry: ResourceState
) -> tuple[Address, Observed | None]:
    """One object by its remote id; None when it is gone."""
    try:
        return address, handler.read(address, entry.remote_id)
    except ResourceNotFound:
        return address, None


Resolved = dict[Address, Observed | None]


def _resolve_group(group: Group, handler: ResourceHandler) -> tuple[Resolved, Pending, int]:
    """(objects resolved by the listing, entries still to read, how many came from state)."""
    if group.strategy is Strategy.READ:
        return {}, list(group.entries.items()), 0
    if group.strategy is Strategy.MARKERS and isinstance(handler, MarkerLister):
        return _by_markers(group, handler)
    return _by_listing(group, handler), [], 0


def _by_listing(group: Group, handler: ResourceHandler) -> Resolved:
    try:
        listed = {obs.remote_id: obs for _, obs in handler.list(dict(group.scope))}
    except ResourceNotFound:  # the scope itself is gone (a deleted project or catalog)
        listed = {}
    return {a: listed.get(e.remote_id) for a, e in group.entries.items()}


def _by_markers(group: Group, handler: MarkerLister) -> tuple[Resolved, Pending, int]:
    try:
        markers = dict(handler.list_markers(dict(group.scope)))
    except ResourceNotFound:
        markers = {}
    resolved: Resolved = {}
    pending: Pending = []
    for address, entry in group.entries.items():
        if entry.remote_id not in markers:
            resolved[address] = None
        elif entry.version is not None and markers[entry.remote_id] == entry.version:
            resolved[address] = Observed(entry.remote_id, entry.attributes, entry.version)
        else:
            pending.append((address, entry))
    return resolved, pending, len(resolved) - sum(v is None for v in resolved.values())
