"""Change markers shared by an object and its documents. Pure functions over state.

A kind whose record sets ``parent_version`` is a document of its parent that moves the
parent's change marker when saved: DSS keeps one ``versionTag`` per project, bumped by
every document of the project it saves (metadata, settings, permissions, variables;
emulator/dataiku/projects.py). Written as kinds of their own, the project's variables
and permissions would leave the project's recorded marker stale after every apply, and
the next refresh would re-read the project for nothing.

So when apply records an entry of such a family (the parent, or one of its documents,
all under the same address key), every other recorded member of the family takes the
marker the write left behind. Markers only move forward: two documents written in
parallel may read the counter in either order, and the higher one is the latest.
"""

from __future__ import annotations

from dataclasses import replace

from data_iac.addresses import Address
from data_iac.kinds import all_specs, find_spec
from data_iac.model.state import ResourceState, StateSnapshot

__all__ = ["family_of", "with_shared_version"]


def family_of(address: Address) -> tuple[Address, ...]:
    """Every address sharing ``address``'s change marker (itself included); just itself
    for a kind that shares no marker."""
    spec = find_spec(address.kind)
    if spec is None:
        return (address,)
    root = spec.parent if spec.parent_version and spec.parent else spec.kind
    documents = [s.kind for s in all_specs().values() if s.parent_version and s.parent == root]
    if not documents:
        return (address,)
    return tuple(Address(kind, address.key) for kind in (root, *documents))


def _newer(candidate: str, recorded: str | None) -> bool:
    if recorded is None:
        return True
    if candidate.isdigit() and recorded.isdigit():
        return int(candidate) > int(recorded)
    return candidate != recorded


def with_shared_version(
    state: StateSnapshot, address: Address, entry: ResourceState
) -> StateSnapshot:
    """``state`` with ``entry`` recorded at ``address``, and every recorded member of its
    family (``entry`` included) given the newest marker any of them holds."""
    state = state.with_resource(address, entry)
    members = [m for m in family_of(address) if m in state.resources]
    latest: str | None = None
    for member in members:
        version = state.resources[member].version
        if version is not None and _newer(version, latest):
            latest = version
    if latest is None or len(members) < 2:
        return state
    for member in members:
        current = state.resources[member]
        if current.version != latest:
            state = state.with_resource(member, replace(current, version=latest))
    return state
