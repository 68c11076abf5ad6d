"""``databricks_user``: a workspace user, ``{user_name, display_name?, active?,
external_id?}``; remote id: the SCIM id. ``user_name`` cannot change (SCIM ignores it on
PATCH), so a new one plans a replace."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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

KIND = "databricks_user"
SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"user_name"}),
    computed=frozenset({"id", "emails", "groups"}),
)
# spec field -> SCIM attribute
FIELDS = {
    "user_name": "userName",
    "display_name": "displayName",
    "active": "active",
    "external_id": "externalId",
}


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A SCIM User JSON as attributes in the spec's snake_case names."""
    attributes = scim_attributes(raw, FIELDS)
    attributes["emails"] = sorted(str(e.get("value")) for e in raw.get("emails") or [])
    return attributes


class Handler:
    """CRUD for workspace users through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        raw = get_plain(self.client, FAMILY, w.users.get, remote_id, address=str(address))
        return None if raw is None else _observed(raw)

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        return list_scim(self.client, self.client.w.users.list, KIND, "userName", _observed)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        kwargs = {field: spec[field] for field in FIELDS if field in spec}
        create = self.client.w_no_retry.users.create
        return create_scim(
            self, create, kwargs, address=address, what="user",
            find=lambda: self.find_by_user_name(str(spec["user_name"])),
        )  # fmt: skip

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        operations = replace_fields(FIELDS, spec)
        patch_fn = self.client.w.users.patch
        return update_scim(
            self, patch_fn, observed.remote_id, operations, address=address, what="user"
        )

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.users.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The user named by the desired ``spec``'s ``user_name`` (unique), or None."""
        user_name = (spec or {}).get("user_name")
        return self.find_by_user_name(str(user_name)) if user_name else None

    def find_by_user_name(self, user_name: str) -> Observed | None:
        raw = find_one(self.client, self.client.w.users.list, "userName", user_name)
        return None if raw is None else _observed(raw)


def _observed(raw: Mapping[str, Any]) -> Observed:
    return Observed(remote_id=str(raw["id"]), attributes=to_observed(raw))
