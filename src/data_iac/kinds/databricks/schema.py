"""``databricks_schema``: a Unity Catalog schema, identified by ``catalog.schema``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import Schema
from data_iac.config.stack.unity import build_schema
from data_iac.kinds.databricks._pure import uc_normalized
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Lower-case names (UC does, 7.B.6) and no trailing slash on ``storage_root``. Pure."""
    return uc_normalized(spec, ("catalog_name", "name"), "storage_root")


SPEC = KindSpec(
    kind="databricks_schema",
    sections=("schemas",),
    config_model=Schema,
    build=build_schema,
    immutable=frozenset({"catalog_name", "name", "storage_root"}),
    # Laktory's and Terraform's: lets a destroy drop children this config does not own.
    write_only=frozenset({"force_destroy"}),
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
    normalize=normalize_spec,
    parent="databricks_catalog",
    scope=ListScope(("catalog_name",)),
    identity=("catalog_name", "name"),
    import_id="the full name: `main.raw`",
    grants_securable="schema",
    refresh=Strategy.LISTING,
    generate="schema",
    handler="data_iac.providers.databricks.schemas:Handler",
)
