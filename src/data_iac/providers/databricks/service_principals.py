"""``databricks_service_principal``: ``{display_name, application_id?, active?,
external_id?}``; remote id: the SCIM id. ``application_id`` is set by the workspace when
the spec leaves it out, and cannot change afterwards (a new one plans a replace)."""

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
    attributes = {field: raw[scim] for field, scim in FIELDS.items() if scim in raw}
    attributes["id"] = str(raw["id"])
    attributes["groups"] = sorted(str(g.get("display")) for g in raw.get("groups") or [])
    return attributes


class Handler:
    """CRUD for service principals through ``client``; thread safe."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient, retry: CreateRetry | None = None) -> None:
        self.client = client
        self.retry = retry or CreateRetry()

    def read(self, address: Address, remote_id: str) -> Observed | None:
        try:
            found = self.client.call(
                FAMILY, self.client.w.service_principals.get, remote_id, address=str(address)
            )
        except ResourceNotFound:
            return None
        return _observed(found.as_dict())

    def list(self, scope: Mapping[str, Any]) -> Iterator[tuple[Address, Observed]]:
        with self.client.mapped_errors():
            for found in self.client.call(FAMILY, self.client.w.service_principals.list):
                raw = found.as_dict()
                yield Address(KIND, str(raw.get("applicationId"))), _observed(raw)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        w = self.client.w_no_retry
        kwargs = {field: spec[field] for field in FIELDS if field in spec}

        def attempt() -> str:
            created = self.client.call(
                FAMILY, w.service_principals.create, address=str(address), **kwargs
            )
            return str(created.id)

        def find() -> str | None:
            # Only an application id is unique; without one nothing can be matched safely.
            if "application_id" not in spec:
                return None
            found = self.find_by_application_id(str(spec["application_id"]))
            return found.remote_id if found else None

        sp_id = create_once(attempt, find, self.retry)
        return must_exist(self.read(address, sp_id), f"service principal {sp_id}", str(address))

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        # One replace with a value object: the SDK's Patch drops a falsy ``value`` (False).
        changes = {
            FIELDS[f]: spec[f] for f in ("display_name", "active", "external_id") if f in spec
        }
        operations = [{"op": "replace", "value": changes}] if changes else []
        if operations:
            patch(
                self.client,
                self.client.w.service_principals.patch,
                observed.remote_id,
                operations,
                address=str(address),
            )
        sp_id = observed.remote_id
        return must_exist(self.read(address, sp_id), f"service principal {sp_id}", str(address))

    def delete(self, address: Address, observed: Observed) -> None:
        try:
            self.client.call(
                FAMILY,
                self.client.w.service_principals.delete,
                observed.remote_id,
                address=str(address),
            )
        except ResourceNotFound:
            return

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
