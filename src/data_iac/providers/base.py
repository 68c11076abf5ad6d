"""The contract every resource kind implements, and the facts the planner needs per kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from data_iac.addresses import Address
from data_iac.model.resource import Observed

__all__ = ["KindSchema", "ResourceHandler"]


@dataclass(frozen=True, slots=True)
class KindSchema:
    """What the diff and planner must know about a kind; pure data, no SDK.

    - ``immutable``: a change to one of these fields plans a replace.
    - ``computed``: set by the platform; never diffed.
    - ``sensitive``: never shown, stored only as a salted hash.
    - ``unordered``: list fields compared as sets (DSS returns tags sorted, ...).
    - ``write_only``: fields the platform cannot give back; compared to state only.
    - ``closed``: given a (normalised) spec, the mapping fields to compare both ways: a key
      the platform has but the spec does not is a difference (it will be removed), e.g.
      grants per principal when ``grants_mode`` is authoritative.
    - ``normalize``: a pure function putting a desired spec in the shape the platform stores
      (lower-cased names, parsed JSON strings, server defaults dropped) before it is diffed.
    Every other key of a desired spec is a managed field and is diffed.
    """

    kind: str
    immutable: frozenset[str] = frozenset()
    computed: frozenset[str] = frozenset()
    sensitive: frozenset[str] = frozenset()
    unordered: frozenset[str] = frozenset()
    write_only: frozenset[str] = frozenset()
    closed: Callable[[Mapping[str, Any]], frozenset[str]] | None = None
    normalize: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None


@runtime_checkable
class ResourceHandler(Protocol):
    """CRUD for one kind on one platform connection.

    Implementations must be thread safe: apply calls them from a pool. ``create`` and
    ``update`` return the object as read back, so state holds what the platform holds.
    """

    schema: KindSchema

    def read(self, address: Address, remote_id: str) -> Observed | None:
        """The object with that id, or None when it does not exist."""
        ...

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every object of this kind in a scope (a DSS project, a catalog ...)."""
        ...

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        """Create the object; raise ResourceAlreadyExists when it is already there."""
        ...

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        """Change the object in place so its managed fields equal ``spec``."""
        ...

    def delete(self, address: Address, observed: Observed) -> None:
        """Delete the object; deleting one that is already gone is not an error."""
        ...
