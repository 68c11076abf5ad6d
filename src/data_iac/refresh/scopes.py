"""How each kind is refreshed in bulk: one listing per scope, markers, or single reads.

Pure data and functions: no SDK, no I/O. ``refresh_plan`` groups the entries of a state by
(kind, scope) so the bulk refresher issues one listing per group instead of one read per
object. A kind's strategy says what its listing carries:

- ``LISTING``: the listing returns every managed field; the objects are taken from it.
- ``MARKERS``: the listing returns a change marker (DSS ``versionTag``, workspace
  ``modified_at``); an object is re-read only when its marker moved since state recorded it.
- ``READ``: there is no useful listing (grants, ACLs, DLT pipelines); one read per object.

Each kind's strategy and listing scope are facts of its record (``KindSpec.refresh`` and
``KindSpec.scope``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from data_iac.addresses import Address
from data_iac.kinds import spec_of
from data_iac.model.kind import Scope, Strategy
from data_iac.model.provider_ids import ROUTING_FIELD, split_provider
from data_iac.model.state import ResourceState

__all__ = [
    "Group",
    "Scope",
    "Strategy",
    "refresh_groups",
    "scope_of",
    "split_provider",
    "with_provider",
]


def with_provider(scope: Scope, provider: str | None) -> Scope:
    """``scope`` naming the provider to list through (none: the default); the state id of an
    object of a non-default provider carries it (``model/provider_ids.py``)."""
    return scope if provider is None else tuple(sorted((*scope, (ROUTING_FIELD, provider))))


def scope_of(entry: ResourceState) -> tuple[Strategy, Scope]:
    """The strategy and listing scope for one state entry, from its kind's record (an
    unknown kind is read singly)."""
    spec = spec_of(entry.kind)
    provider, remote_id = split_provider(entry.remote_id)
    return spec.refresh, with_provider(spec.scope.of(remote_id), provider)


@dataclass(frozen=True, slots=True)
class Group:
    """Entries refreshed together: one listing of ``kind`` in ``scope`` (or, for READ, one
    read each). ``entries`` maps each address to its state entry."""

    kind: str
    strategy: Strategy
    scope: Scope
    entries: Mapping[Address, ResourceState]


def refresh_groups(entries: Iterable[tuple[Address, ResourceState]]) -> list[Group]:
    """The entries grouped by (kind, strategy, scope), in a stable order."""
    grouped: dict[tuple[str, Strategy, Scope], dict[Address, ResourceState]] = {}
    for address, entry in entries:
        strategy, scope = scope_of(entry)
        grouped.setdefault((entry.kind, strategy, scope), {})[address] = entry
    return [
        Group(kind, strategy, scope, members)
        for (kind, strategy, scope), members in sorted(grouped.items())
    ]
