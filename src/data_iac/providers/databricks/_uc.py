"""What the Unity Catalog kinds (catalogs, schemas, volumes) share: one API family and a
handler doing read, update, delete and the create-then-PATCH, told a kind's differences by
a ``UcKind``. A kind module adds ``list`` and ``create``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.databricks._create_once import create_named, must_exist
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, get_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["FAMILY", "UcHandler", "UcKind"]

FAMILY = "unity-catalog"


@dataclass(frozen=True)
class UcKind:
    """What differs between two Unity Catalog kinds, for ``UcHandler``."""

    service: Callable[[Any], Any]  # WorkspaceClient -> its service: ``w.catalogs``
    id_key: str  # the JSON field that is the remote id: "name", "full_name"
    to_observed: Callable[[Mapping[str, Any]], dict[str, Any]]
    changes: Callable[[Mapping[str, Any]], dict[str, Any]]  # spec -> the PATCH an update sends
    getter: Callable[[Any], Callable[..., Any]] = lambda service: service.get


class UcHandler:
    """Read, update and delete of a ``UcKind`` through ``client``; thread safe."""

    uc: ClassVar[UcKind]

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        get = self.uc.getter(self.uc.service(self.client.w))
        raw = get_plain(self.client, FAMILY, get, remote_id, address=str(address))
        return None if raw is None else self._observed(raw)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        update, body = self.uc.service(self.client.w).update, self.uc.changes(spec)
        at = str(address)
        if not body:  # UC refuses an empty PATCH: "UpdateSchema Nothing to update"
            return must_exist(self.read(address, observed.remote_id), observed.remote_id, at)
        info = call_typed(self.client, FAMILY, update, observed.remote_id, body=body, address=at)
        return self._observed(info)

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.uc.service(self.client.w).delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def _create(
        self,
        address: Address,
        create_args: Mapping[str, Any],
        later: Mapping[str, Any],
        full_name: str,
    ) -> Observed:
        """Create with ``create_args``, then PATCH ``full_name`` with ``later`` (the fields
        the create call does not take) when there are any.

        Raises:
            ProviderError: a field neither call takes, before anything is sent.
        """
        service, at = self.uc.service(self.client.w), str(address)
        kwargs = typed_kwargs(service.create, create_args, address=at)
        typed_kwargs(service.update, later, address=at)  # refuse typos up front
        create = self.uc.service(self.client.w_no_retry).create
        observed = create_named(
            self, address, full_name,
            send=lambda: self.client.call(FAMILY, create, address=at, **kwargs),
            remote_id=full_name,
        )  # fmt: skip
        if not later:
            return observed
        info = call_typed(self.client, FAMILY, service.update, full_name, body=later, address=at)
        return self._observed(info)

    def _observed(self, info: Any) -> Observed:
        raw = as_plain(info)
        return Observed(remote_id=str(raw[self.uc.id_key]), attributes=self.uc.to_observed(raw))
