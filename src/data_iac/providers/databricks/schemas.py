"""``databricks_schema``: a Unity Catalog schema, identified by its full name ``catalog.name``.

Spec (REST names): ``catalog_name``, ``name``, and optionally ``comment``, ``properties``,
``storage_root``, ``owner``, ``enable_predictive_optimization``. ``owner`` and the predictive
optimisation flag are not create fields; a PATCH sets them right after the create.
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
    from databricks.sdk.service.catalog import SchemaInfo

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_schema"
FAMILY = "unity-catalog"

SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"catalog_name", "name", "storage_root"}),
    computed=frozenset(
        {
            "full_name",
            "schema_id",
            "catalog_type",
            "storage_location",
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
    "name",
    "comment",
    "properties",
    "storage_root",
    "owner",
    "enable_predictive_optimization",
)
# Schemas UC makes itself in every catalog.
SYSTEM_SCHEMAS = frozenset({"information_schema"})


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Lower-case names (UC does, 7.B.6) and no trailing slash on ``storage_root``. Pure."""
    out = dict(spec)
    for key in ("catalog_name", "name"):
        if isinstance(out.get(key), str):
            out[key] = out[key].lower()
    if isinstance(out.get("storage_root"), str):
        out["storage_root"] = out["storage_root"].rstrip("/")
    return out


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """SchemaInfo JSON -> attributes: managed plus computed fields. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


class Handler:
    """CRUD for schemas; the remote id is the full name ``catalog.schema``."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def _observed(self, info: SchemaInfo | Mapping[str, Any]) -> Observed:
        raw = as_plain(info)
        return Observed(remote_id=str(raw["full_name"]), attributes=to_observed(raw))

    def read(self, address: Address, remote_id: str) -> Observed | None:
        w = self.client.w
        info = read_or_none(self.client, FAMILY, w.schemas.get, remote_id, address=str(address))
        return None if info is None else self._observed(info)

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every schema of ``scope["catalog_name"]`` but the system ones."""
        catalog = str(scope["catalog_name"])
        infos = self.client.call(FAMILY, lambda: list(self.client.w.schemas.list(catalog)))
        for info in infos:
            if info.name not in SYSTEM_SCHEMAS and info.full_name:
                yield Address(KIND, info.full_name), self._observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        w = self.client.w
        create_args, later = split_spec(spec, accepted_fields(w.schemas.create))
        kwargs = typed_kwargs(w.schemas.create, create_args, address=str(address))
        typed_kwargs(w.schemas.update, later, address=str(address))  # refuse typos up front
        info = self.client.call(FAMILY, w.schemas.create, address=str(address), **kwargs)
        if later:
            info = self._patch(address, f"{spec['catalog_name']}.{spec['name']}", later)
        return self._observed(info)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        changes = {k: v for k, v in normalize_spec(spec).items() if k not in SCHEMA.immutable}
        return self._observed(self._patch(address, observed.remote_id, changes))

    def _patch(self, address: Address, full_name: str, changes: Mapping[str, Any]) -> SchemaInfo:
        w = self.client.w
        kwargs = typed_kwargs(w.schemas.update, changes, address=str(address))
        return self.client.call(FAMILY, w.schemas.update, full_name, address=str(address), **kwargs)

    def delete(self, address: Address, observed: Observed) -> None:
        w = self.client.w
        delete_quietly(
            self.client, FAMILY, w.schemas.delete, observed.remote_id, address=str(address)
        )
