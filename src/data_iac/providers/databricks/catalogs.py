"""``databricks_catalog``: a Unity Catalog catalog, identified by its name.

Spec (REST names): ``name``, and optionally ``comment``, ``properties``, ``storage_root``,
``isolation_mode`` (OPEN | ISOLATED), ``owner``, ``enable_predictive_optimization``,
``options``, ``connection_name``, ``provider_name``, ``share_name``. Fields the create call
does not take (``owner``, ``isolation_mode`` ...) are set by a PATCH right after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._kind_io import (
    accepted_fields,
    as_plain,
    delete_quietly,
    pick,
    read_or_none,
    split_spec,
)
from data_iac.providers.databricks._sdk_args import typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

if TYPE_CHECKING:
    from databricks.sdk.service.catalog import CatalogInfo

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_catalog"
FAMILY = "unity-catalog"

SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"name", "storage_root", "connection_name", "provider_name", "share_name"}),
    computed=frozenset(
        {
            "full_name",
            "catalog_type",
            "storage_location",
            "metastore_id",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "securable_type",
        }
    ),
)

MANAGED = (
    "name",
    "comment",
    "properties",
    "storage_root",
    "isolation_mode",
    "owner",
    "enable_predictive_optimization",
    "options",
    "connection_name",
    "provider_name",
    "share_name",
)
# Catalogs every metastore has and no config manages.
SYSTEM_CATALOGS = frozenset({"system", "samples", "hive_metastore", "__databricks_internal"})


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The spec as the platform will store it: UC lower-cases names and drops a trailing
    slash from storage paths. Pure; applying it twice changes nothing."""
    out = dict(spec)
    if isinstance(out.get("name"), str):
        out["name"] = out["name"].lower()
    if isinstance(out.get("storage_root"), str):
        out["storage_root"] = out["storage_root"].rstrip("/")
    return out


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """CatalogInfo JSON -> attributes: the managed fields plus the computed ones. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


class Handler:
    """CRUD for catalogs; the remote id is the catalog name."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _observed(self, info: CatalogInfo | Mapping[str, Any]) -> Observed:
        raw = as_plain(info)
        return Observed(remote_id=str(raw["name"]), attributes=to_observed(raw))

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        info = read_or_none(self.client, FAMILY, w.catalogs.get, remote_id, address=str(address))
        return None if info is None else self._observed(info)

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        infos = self.client.call(FAMILY, lambda: list(self.client.w.catalogs.list()))
        for info in infos:
            if info.name and info.name not in SYSTEM_CATALOGS:
                yield Address(KIND, info.name), self._observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        w = self.client.w
        create_args, later = split_spec(spec, accepted_fields(w.catalogs.create))
        kwargs = typed_kwargs(w.catalogs.create, create_args, address=str(address))
        typed_kwargs(w.catalogs.update, later, address=str(address))  # refuse typos up front
        info = self.client.call(FAMILY, w.catalogs.create, address=str(address), **kwargs)
        if later:
            info = self._patch(address, spec["name"], later)
        return self._observed(info)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        changes = {k: v for k, v in spec.items() if k not in SCHEMA.immutable}
        info = self._patch(address, observed.remote_id, changes)
        return self._observed(info)

    def _patch(self, address: Address, name: str, changes: Mapping[str, Any]) -> CatalogInfo:
        w = self.client.w
        kwargs = typed_kwargs(w.catalogs.update, changes, address=str(address))
        return self.client.call(FAMILY, w.catalogs.update, name, address=str(address), **kwargs)

    def delete(self, address: Address, observed: Observed) -> None:
        w = self.client.w
        delete_quietly(
            self.client, FAMILY, w.catalogs.delete, observed.remote_id, address=str(address)
        )
