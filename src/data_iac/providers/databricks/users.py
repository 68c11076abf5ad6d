"""``databricks_user``: a workspace user, ``{user_name, display_name?, active?,
external_id?}``; remote id: the SCIM id. ``user_name`` cannot change (SCIM ignores it on
PATCH), so a new one plans a replace."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._create_once import CreateRetry, create_once, must_exist
from data_iac.providers.databricks._scim import FAMILY, find_one, patch
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
    attributes = {field: raw[scim] for field, scim in FIELDS.items() if scim in raw}
    attributes["id"] = str(raw["id"])
    attributes["emails"] = sorted(str(e.get("value")) for e in raw.get("emails") or [])
    attributes["groups"] = sorted(str(g.get("display")) for g in raw.get("groups") or [])
    return attributes


class Handler:
    """CRUD for workspace users through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        try:
            user = self.client.call(
                FAMILY, self.client.w.users.get, remote_id, address=str(address)
            )
        except ResourceNotFound:
            return None
        return _observed(user.as_dict())

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        with self.client.mapped_errors():
            for user in self.client.call(FAMILY, self.client.w.users.list):
                raw = user.as_dict()
                yield Address(KIND, str(raw.get("userName"))), _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w_no_retry
        kwargs = {field: spec[field] for field in FIELDS if field in spec}

        def attempt() -> str:
            return str(self.client.call(FAMILY, w.users.create, address=str(address), **kwargs).id)

        def find() -> str | None:
            found = self.find_by_user_name(str(spec["user_name"]))
            return found.remote_id if found else None

        user_id = create_once(attempt, find, self.retry)
        return must_exist(self.read(address, user_id), f"user {user_id}", str(address))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        # One replace with a value object: the SDK's Patch drops a falsy ``value`` (False).
        changes = {
            FIELDS[f]: spec[f] for f in ("display_name", "active", "external_id") if f in spec
        }
        operations = [{"op": "replace", "value": changes}] if changes else []
        if operations:
            patch(
                self.client,
                self.client.w.users.patch,
                observed.remote_id,
                operations,
                address=str(address),
            )
        user_id = observed.remote_id
        return must_exist(self.read(address, user_id), f"user {user_id}", str(address))

    def delete(self, address: Address, observed: Observed) -> None:
        try:
            self.client.call(
                FAMILY, self.client.w.users.delete, observed.remote_id, address=str(address)
            )
        except ResourceNotFound:
            return

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
