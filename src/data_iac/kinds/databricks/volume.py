"""``databricks_volume``: a Unity Catalog volume, identified by ``catalog.schema.volume``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import Volume
from data_iac.config.stack.unity import build_volume
from data_iac.kinds.databricks._pure import uc_normalized
from data_iac.kinds.databricks._sources import RESOURCES_YML
from data_iac.model.kind import SERVER_SET, KindSpec, ListScope, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Lower-case names, upper-case ``volume_type``, no trailing slash on an external
    ``storage_location`` (UC strips it, 7.B.6). Pure."""
    out = uc_normalized(spec, ("catalog_name", "schema_name", "name"), "storage_location")
    if isinstance(out.get("volume_type"), str):
        out["volume_type"] = out["volume_type"].upper()
    return out


SPEC = KindSpec(
    kind="databricks_volume",
    sections=("volumes",),
    config_model=Volume,
    build=build_volume,
    immutable=frozenset({"catalog_name", "schema_name", "name", "volume_type", "storage_location"}),
    defaults={"storage_location": SERVER_SET},
    reasons={"defaults": f"{RESOURCES_YML} volumes: a managed volume's storage_location"},
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
    normalize=normalize_spec,
    parent="databricks_schema",
    scope=ListScope(("catalog_name", "schema_name")),
    identity=("catalog_name", "schema_name", "name"),
    import_id="the full name: `main.raw.files`",
    grants_securable="volume",
    refresh=Strategy.LISTING,
    generate="volume",
    handler="data_iac.providers.databricks.volumes:Handler",
)
