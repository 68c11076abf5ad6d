"""Live objects that no config manages, per kind and scope (``iac drift --unmanaged``).

The scopes come from state: every listable kind in state is listed in its own scope, and a
managed container opens the scope of its children (a DSS project lists its datasets,
recipes ...; a catalog its schemas; a schema its volumes; a secret scope its secrets and
ACLs). Principals holding privileges on a securable whose ``grants:`` list does not name
them are reported too (in additive mode they are not drift, see drift.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import children_of, spec_of
from data_iac.model.resource import DesiredState, Observed
from data_iac.model.state import StateSnapshot
from data_iac.providers.base import ResourceHandler
from data_iac.refresh.bulk import MarkerLister
from data_iac.refresh.drift import Unmanaged
from data_iac.refresh.scopes import Scope, Strategy, scope_of, split_provider, with_provider

__all__ = ["find_unmanaged", "listing_scopes", "unlisted_grants"]


def _children(kind: str, remote_id: str) -> list[tuple[str, Scope]]:
    """The (kind, scope) listings a managed container opens: one per child kind."""
    return [(child.kind, child.scope.opened_by(remote_id)) for child in children_of(kind)]


def listing_scopes(state: StateSnapshot) -> set[tuple[str, Scope]]:
    """Every (kind, scope) to list for unmanaged objects, from what state manages. Pure."""
    wanted: set[tuple[str, Scope]] = set()
    for entry in state.resources.values():
        strategy, scope = scope_of(entry)
        if strategy is not Strategy.READ:
            wanted.add((entry.kind, scope))
        provider, remote_id = split_provider(entry.remote_id)
        wanted.update(
            (kind, with_provider(scope, provider))
            for kind, scope in _children(entry.kind, remote_id)
        )
    return wanted


def _remote_ids(handler: ResourceHandler, scope: Scope) -> list[str]:
    """The ids of every object in scope: from the marker listing when there is one (it
    never reads objects one by one), else from the full listing."""
    try:
        if isinstance(handler, MarkerLister):
            return [remote_id for remote_id, _ in handler.list_markers(dict(scope))]
        return [observed.remote_id for _, observed in handler.list(dict(scope))]
    except ResourceNotFound:
        return []


def find_unmanaged(
    state: StateSnapshot,
    handlers: Mapping[str, ResourceHandler],
    *,
    parallelism: int = 8,
) -> list[Unmanaged]:
    """Live objects in the scopes state opens that state does not hold."""
    managed = {(e.kind, e.remote_id) for e in state.resources.values()}
    listings = sorted(ks for ks in listing_scopes(state) if ks[0] in handlers)

    def scan(item: tuple[str, Scope]) -> list[Unmanaged]:
        kind, scope = item
        ids = _remote_ids(handlers[kind], scope)
        return [Unmanaged(kind, rid, dict(scope)) for rid in ids if (kind, rid) not in managed]

    with ThreadPoolExecutor(max_workers=max(1, parallelism)) as pool:
        return [found for batch in pool.map(scan, listings) for found in batch]


def unlisted_grants(
    desired: DesiredState, observed: Mapping[Address, Observed | None]
) -> list[Unmanaged]:
    """What live objects hold that their specs leave alone because they manage only what
    they list (``KindSpec.unlisted``: principals an additive ``grants:`` list does not
    name; in authoritative mode those are drift instead). Pure."""
    found: list[Unmanaged] = []
    for address, resource in desired.resources.items():
        live = observed.get(address)
        describe = spec_of(address.kind).unlisted
        if live is None or describe is None:
            continue
        for detail in describe(resource.spec, live.attributes):
            found.append(
                Unmanaged(address.kind, live.remote_id, {}, f"{detail} (not in {address})")
            )
    return found
