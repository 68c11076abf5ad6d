"""``databricks_volume``: a Unity Catalog volume, identified by ``catalog.schema.name``.

Spec (REST names): ``catalog_name``, ``schema_name``, ``name``, ``volume_type`` (MANAGED |
EXTERNAL), and optionally ``storage_location`` (EXTERNAL only), ``comment``, ``owner``.
Only ``comment`` and ``owner`` can change in place; everything else plans a replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._kind_io import (
    as_plain,
    delete_quietly,
    pick,
    read_or_none,
)
from data_iac.providers.databricks._sdk_args import typed_kwargs
from data_iac.providers.databricks.client import DatabricksClient

if TYPE_CHECKING:
    from databricks.sdk.service.catalog import VolumeInfo

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_volume"
FAMILY = "unity-catalog"

SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"catalog_name", "schema_name", "name", "volume_type", "storage_location"}),
    computed=frozenset(
        {
            "full_name",
            "volume_id",
            "metastore_id",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
        }
    ),
)

MANAGED = (
    "catalog_name",
    "schema_name",
    "name",
    "volume_type",
    "storage_location",
    "comment",
    "owner",
)
UPDATABLE = ("comment", "owner")


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Lower-case names, upper-case ``volume_type``, no trailing slash on an external
    ``storage_location`` (UC strips it, 7.B.6). Pure."""
    out = dict(spec)
    for key in ("catalog_name", "schema_name", "name"):
        if isinstance(out.get(key), str):
            out[key] = out[key].lower()
    if isinstance(out.get("volume_type"), str):
        out["volume_type"] = out["volume_type"].upper()
    if isinstance(out.get("storage_location"), str):
        out["storage_location"] = out["storage_location"].rstrip("/")
    return out


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """VolumeInfo JSON -> attributes: managed plus computed fields. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


def _full_name(spec: Mapping[str, Any]) -> str:
    return f"{spec['catalog_name']}.{spec['schema_name']}.{spec['name']}"


class Handler:
    """CRUD for volumes; the remote id is the full name."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _observed(self, info: VolumeInfo | Mapping[str, Any]) -> Observed:
        raw = as_plain(info)
        return Observed(remote_id=str(raw["full_name"]), attributes=to_observed(raw))

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        info = read_or_none(self.client, FAMILY, w.volumes.read, remote_id, address=str(address))
        return None if info is None else self._observed(info)

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every volume of ``scope["catalog_name"]``.``scope["schema_name"]``."""
        catalog, schema = str(scope["catalog_name"]), str(scope["schema_name"])
        infos = self.client.call(FAMILY, lambda: list(self.client.w.volumes.list(catalog, schema)))
        for info in infos:
            if info.full_name:
                yield Address(KIND, info.full_name), self._observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        w = self.client.w
        later = {k: spec[k] for k in UPDATABLE if k != "comment" and spec.get(k) is not None}
        args = {k: v for k, v in spec.items() if k not in later and v is not None}
        kwargs = typed_kwargs(w.volumes.create, args, address=str(address))
        info = self.client.call(FAMILY, w.volumes.create, address=str(address), **kwargs)
        if later:
            info = self._patch(address, _full_name(spec), later)
        return self._observed(info)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        changes = {k: v for k, v in normalize_spec(spec).items() if k in UPDATABLE}
        return self._observed(self._patch(address, observed.remote_id, changes))

    def _patch(self, address: Address, full_name: str, changes: Mapping[str, Any]) -> VolumeInfo:
        w = self.client.w
        kwargs = typed_kwargs(w.volumes.update, changes, address=str(address))
        return self.client.call(FAMILY, w.volumes.update, full_name, address=str(address), **kwargs)

    def delete(self, address: Address, observed: Observed) -> None:
        w = self.client.w
        delete_quietly(
            self.client, FAMILY, w.volumes.delete, observed.remote_id, address=str(address)
        )
