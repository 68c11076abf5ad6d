"""``databricks_service_principal``: ``{display_name, application_id?, active?,
external_id?}``; remote id: the SCIM id. ``application_id`` is set by the workspace when
the spec leaves it out, and cannot change afterwards (a new one plans a replace)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks._kind_io import delete_quietly, get_plain
from data_iac.providers.databricks._scim import (
    FAMILY,
    create_scim,
    find_one,
    list_scim,
    replace_fields,
    scim_attributes,
    update_scim,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_service_principal"
SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"application_id"}),
    computed=frozenset({"id", "groups"}),
)
FIELDS = {
    "application_id": "applicationId",
    "display_name": "displayName",
    "active": "active",
    "external_id": "externalId",
}


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A SCIM ServicePrincipal JSON as attributes in snake_case."""
    return scim_attributes(raw, FIELDS)


class Handler:
    """CRUD for service principals through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        get = self.client.w.service_principals.get
        raw = get_plain(self.client, FAMILY, get, remote_id, address=str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        list_fn = self.client.w.service_principals.list
        return list_scim(self.client, list_fn, KIND, "applicationId", _observed)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        kwargs = {field: spec[field] for field in FIELDS if field in spec}
        create = self.client.w_no_retry.service_principals.create
        find = partial(self.find_by_address, address, spec)
        return create_scim(
            self, create, kwargs, address=address, what="service principal", find=find
        )

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        operations = replace_fields(FIELDS, spec)
        patch_fn = self.client.w.service_principals.patch
        return update_scim(
            self, patch_fn, observed.remote_id, operations, address=address,
            what="service principal",
        )  # fmt: skip

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.service_principals.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The service principal with the desired ``spec``'s ``application_id`` (unique), or
        None; a spec without one cannot be matched safely (display names repeat)."""
        application_id = (spec or {}).get("application_id")
        return self.find_by_application_id(str(application_id)) if application_id else None

    def find_by_application_id(self, application_id: str) -> Observed | None:
        raw = find_one(
            self.client, self.client.w.service_principals.list, "applicationId", application_id
        )
        return None if raw is None else _observed(raw)


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["id"]), attributes=to_observed(raw))
