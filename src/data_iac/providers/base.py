"""The contract every resource kind's handler implements. The facts about a kind are its
``KindSpec`` record (``data_iac.model.kind``, one module per kind under ``data_iac.kinds``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from data_iac.addresses import Address
from data_iac.model.kind import KindSpec
from data_iac.model.resource import Observed

__all__ = ["KindSchema", "ResourceHandler"]


KindSchema = KindSpec
"""The name handlers and tests use for a kind's record (``data_iac.model.kind.KindSpec``)."""


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
