"""What the Unity Catalog kinds (catalogs, schemas, volumes) share: one API family, JSON
to ``Observed`` by a name field, creates whose leftover fields go out in a PATCH, and a
handler doing read, update and delete, told a kind's differences by a ``UcKind``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, get_plain
from data_iac.providers.databricks._sdk_args import call_typed, typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

__all__ = [
    "FAMILY",
    "ToObserved",
    "UcHandler",
    "UcKind",
    "as_observed",
    "create_then_patch",
    "read_observed",
]

FAMILY = "unity-catalog"

ToObserved = Callable[[Mapping[str, Any]], dict[str, Any]]


def as_observed(info: Any, id_key: str, to_observed: ToObserved) -> Observed:
    """An SDK info object (or its JSON) as ``Observed``, its remote id ``info[id_key]``."""
    raw = as_plain(info)
    return Observed(remote_id=str(raw[id_key]), attributes=to_observed(raw))


def read_observed(
    client: DatabricksClient,
    get_fn: Callable[..., Any],
    remote_id: str,
    address: Address,
    *,
    id_key: str,
    to_observed: ToObserved,
) -> Observed | None:
    """``get_fn(remote_id)`` as ``Observed``, or None when it does not exist."""
    raw = get_plain(client, FAMILY, get_fn, remote_id, address=str(address))
    return None if raw is None else as_observed(raw, id_key, to_observed)


def create_then_patch(
    client: DatabricksClient,
    create_fn: Callable[..., Any],
    update_fn: Callable[..., Any],
    *,
    create_args: Mapping[str, Any],
    later: Mapping[str, Any],
    full_name: str,
    address: Address,
) -> Any:
    """Create with ``create_args``, then PATCH ``full_name`` with ``later`` (the fields the
    create call does not take) when there are any; returns the last info the API sent.

    Raises:
        ProviderError: a field neither call takes, before anything is sent.
    """
    at = str(address)
    kwargs = typed_kwargs(create_fn, create_args, address=at)
    typed_kwargs(update_fn, later, address=at)  # refuse typos up front
    info = client.call(FAMILY, create_fn, address=at, **kwargs)
    if later:
        info = call_typed(client, FAMILY, update_fn, full_name, body=later, address=at)
    return info


@dataclass(frozen=True)
class UcKind:
    """What differs between two Unity Catalog kinds, for ``UcHandler``."""

    service: Callable[[Any], Any]  # WorkspaceClient -> its service: ``w.catalogs``
    id_key: str  # the JSON field that is the remote id: "name", "full_name"
    to_observed: ToObserved
    changes: Callable[[Mapping[str, Any]], dict[str, Any]]  # spec -> the PATCH an update sends


class UcHandler:
    """Read, update and delete of a ``UcKind`` through ``client``; a kind module adds
    ``list`` and ``create``. Thread safe."""

    uc: ClassVar[UcKind]

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        get = self.uc.service(self.client.w).get
        return read_observed(
            self.client, get, remote_id, address, id_key=self.uc.id_key,
            to_observed=self.uc.to_observed,
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        update, body = self.uc.service(self.client.w).update, self.uc.changes(spec)
        at = str(address)
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
        """``create_then_patch`` through this kind's service, as ``Observed``."""
        service = self.uc.service(self.client.w)
        info = create_then_patch(
            self.client, service.create, service.update, create_args=create_args, later=later,
            full_name=full_name, address=address,
        )  # fmt: skip
        return self._observed(info)

    def _observed(self, info: Any) -> Observed:
        return as_observed(info, self.uc.id_key, self.uc.to_observed)
