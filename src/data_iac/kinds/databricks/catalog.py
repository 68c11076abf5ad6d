"""``databricks_catalog``: a Unity Catalog catalog, identified by its name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import Catalog
from data_iac.config.stack.unity import build_catalog
from data_iac.kinds.databricks._pure import uc_normalized
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The spec as the platform will store it: UC lower-cases names and drops a trailing
    slash from storage paths. Pure; applying it twice changes nothing."""
    return uc_normalized(spec, ("name",), "storage_root")


SPEC = KindSpec(
    kind="databricks_catalog",
    sections=("catalogs",),
    config_model=Catalog,
    build=build_catalog,
    immutable=frozenset({"name", "storage_root", "connection_name", "provider_name", "share_name"}),
    # Laktory's and Terraform's: lets a destroy drop children this config does not own.
    write_only=frozenset({"force_destroy"}),
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
    normalize=normalize_spec,
    identity=("name",),
    import_id="the catalog name: `main`",
    grants_securable="catalog",
    refresh=Strategy.LISTING,
    generate="catalog",
    handler="data_iac.providers.databricks.catalogs:Handler",
)
