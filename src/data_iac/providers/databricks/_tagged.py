"""One handler for the compute kinds whose objects carry their address in a tag and whose
SDK service offers ``get``/``list``/``create``/``edit`` and a delete (clusters, SQL
warehouses). A kind module tells it the differences in a ``TaggedKind``.

Create is not idempotent: it goes out with the address tag through ``create_once``, and an
ambiguous failure looks the tag up before retrying. Creates do not wait for RUNNING (the
SDK's waiters sleep for real between polls).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import (
    CreatesOnce,
    carrying,
    create_adopting,
    read_back,
    tagged_address,
)
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain, list_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs

__all__ = ["TaggedHandler", "TaggedKind"]

Raw = Mapping[str, Any]


@dataclass(frozen=True)
class TaggedKind:
    """What differs between two tagged compute kinds."""

    kind: str
    family: str
    what: str  # names the object in errors: "cluster"
    service: Callable[[Any], Any]  # WorkspaceClient -> its service: ``w.clusters``
    remove: Callable[[Any], Callable[..., Any]]  # service -> the delete method to call
    created_id: Callable[[Any], object]  # the create call's answer -> the new remote id
    untagged_key: str  # JSON key naming an object without a tag (made by hand)
    address_of: Callable[[Raw], str | None]  # the address tag in an object's JSON
    tagged: Callable[[Raw, Address], dict[str, Any]]  # the spec with the tag added
    observed: Callable[[Raw], Observed]


class TaggedHandler(CreatesOnce):
    """CRUD for a ``TaggedKind`` through ``client``; thread safe."""

    tagged_kind: ClassVar[TaggedKind]

    def read(self, address: Address, remote_id: str) -> Observed | None:
        k = self.tagged_kind
        get = k.service(self.client.w).get
        raw = get_plain(self.client, k.family, get, remote_id, address=str(address))
        return None if raw is None else k.observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        k = self.tagged_kind
        for raw in self._list_raw():
            address = tagged_address(k.address_of(raw), k.kind, str(raw[k.untagged_key]))
            yield address, k.observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        k = self.tagged_kind
        create = k.service(self.client.w_no_retry).create
        kwargs = typed_kwargs(create, k.tagged(spec, address), address=str(address))
        return create_adopting(
            self, address, k.what, family=k.family, create=create, kwargs=kwargs,
            created_id=k.created_id, find=lambda: self.find_by_address(address), marked=True,
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        k = self.tagged_kind
        edit, body = k.service(self.client.w).edit, k.tagged(spec, address)
        call_typed(self.client, k.family, edit, observed.remote_id, body=body, address=str(address))
        return read_back(self, address, observed.remote_id, k.what)

    def delete(self, address: Address, observed: Observed) -> None:
        k = self.tagged_kind
        delete = k.remove(k.service(self.client.w))
        delete_quietly(self.client, k.family, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The object carrying ``address`` in its tags, or None (``spec`` is accepted for a
        uniform signature; the tag alone decides)."""
        raw = carrying(self._list_raw(), self.tagged_kind.address_of, str(address))
        return None if raw is None else self.tagged_kind.observed(raw)

    def _list_raw(self) -> Iterator[dict[str, Any]]:
        k = self.tagged_kind
        return list_plain(self.client, k.family, k.service(self.client.w).list)
