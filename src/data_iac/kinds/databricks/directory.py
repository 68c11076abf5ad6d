"""``databricks_directory``: a workspace folder, identified by its path."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import Directory
from data_iac.config.stack.workspace import build_directory
from data_iac.model.kind import KindSpec, ListScope, PermissionsTarget, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """No trailing slash and no doubled slashes in ``path`` (the API collapses them). Pure."""
    out = dict(spec)
    if isinstance(out.get("path"), str):
        out["path"] = "/" + "/".join(part for part in out["path"].split("/") if part)
    return out


SPEC = KindSpec(
    kind="databricks_directory",
    sections=("directories",),
    config_model=Directory,
    build=build_directory,
    immutable=frozenset({"path"}),
    computed=frozenset({"object_id", "created_at", "modified_at"}),
    normalize=normalize_spec,
    managed=frozenset({"path"}),
    scope=ListScope(parent_path=True),
    name_field="path",
    identity=("path",),
    import_id="the workspace path: `/Shared/etl`",
    permissions=PermissionsTarget("directories", "object_id", ("directory_id",)),
    refresh=Strategy.LISTING,
    generate="directory",
    handler="data_iac.providers.databricks.directories:Handler",
)
