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
from data_iac.providers.databricks._kind_io import delete_quietly, pick
from data_iac.providers.databricks._sdk_args import call_typed
from data_iac.providers.databricks._uc import (
    FAMILY,
    as_observed,
    create_then_patch,
    read_observed,
)
from data_iac.providers.databricks.client import DatabricksClient

if TYPE_CHECKING:
    from databricks.sdk.service.catalog import VolumeInfo

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_volume"

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

    def read(self, address: Address, remote_id: str) -> Observed | None:
        read = self.client.w.volumes.read
        return read_observed(
            self.client, read, remote_id, address, id_key="full_name", to_observed=to_observed
        )

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every volume of ``scope["catalog_name"]``.``scope["schema_name"]``."""
        catalog, schema = str(scope["catalog_name"]), str(scope["schema_name"])
        infos = self.client.call(FAMILY, lambda: list(self.client.w.volumes.list(catalog, schema)))
        for info in infos:
            if info.full_name:
                yield Address(KIND, info.full_name), _observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        w = self.client.w
        later = {k: spec[k] for k in UPDATABLE if k != "comment" and spec.get(k) is not None}
        args = {k: v for k, v in spec.items() if k not in later and v is not None}
        info = create_then_patch(
            self.client, w.volumes.create, w.volumes.update, create_args=args, later=later,
            full_name=_full_name(spec), address=address,
        )  # fmt: skip
        return _observed(info)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        changes = {k: v for k, v in normalize_spec(spec).items() if k in UPDATABLE}
        update, at = self.client.w.volumes.update, str(address)
        info = call_typed(self.client, FAMILY, update, observed.remote_id, body=changes, address=at)
        return _observed(info)

    def delete(self, address: Address, observed: Observed) -> None:
        delete = self.client.w.volumes.delete
        delete_quietly(self.client, FAMILY, delete, observed.remote_id, address=str(address))


def _observed(info: VolumeInfo | Mapping[str, Any]) -> Observed:
    return as_observed(info, "full_name", to_observed)
