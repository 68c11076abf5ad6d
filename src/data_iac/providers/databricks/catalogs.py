"""``databricks_catalog``: a Unity Catalog catalog, identified by its name.

Spec (REST names): ``name``, and optionally ``comment``, ``properties``, ``storage_root``,
``isolation_mode`` (OPEN | ISOLATED), ``owner``, ``enable_predictive_optimization``,
``options``, ``connection_name``, ``provider_name``, ``share_name``. Fields the create call
does not take (``owner``, ``isolation_mode`` ...) are set by a PATCH right after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.catalog import SPEC as SCHEMA
from data_iac.kinds.databricks.catalog import normalize_spec
from data_iac.model.resource import Observed
from data_iac.providers.databricks._kind_io import accepted_fields, pick, split_spec
from data_iac.providers.databricks._uc import FAMILY, UcHandler, UcKind

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_catalog"


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


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """CatalogInfo JSON -> attributes: the managed fields plus the computed ones. Pure."""
    return pick(raw, (*MANAGED, *sorted(SCHEMA.computed)))


def _changes(spec: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in normalize_spec(spec).items() if k not in SCHEMA.immutable}


class Handler(UcHandler):
    """CRUD for catalogs; the remote id is the catalog name."""

    schema = SCHEMA
    uc = UcKind(
        service=lambda w: w.catalogs, id_key="name", to_observed=to_observed, changes=_changes
    )

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        infos = self.client.call(FAMILY, lambda: list(self.client.w.catalogs.list()))
        for info in infos:
            if info.name and info.name not in SYSTEM_CATALOGS:
                yield Address(KIND, info.name), self._observed(info)

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        spec = normalize_spec(spec)
        create_args, later = split_spec(spec, accepted_fields(self.client.w.catalogs.create))
        return self._create(address, create_args, later, spec["name"])
