"""``databricks_workspace_file``: a workspace file, identified by its path; compared by hash."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import WorkspaceFile
from data_iac.config.stack.workspace import build_workspace_file
from data_iac.kinds.databricks._pure import file_hash, read_source
from data_iac.model.kind import KindSpec, ListScope, PermissionsTarget, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Fill ``content_sha256`` from ``source`` (reads the local file) when not given."""
    out = dict(spec)
    if not out.get("content_sha256") and out.get("source"):
        out["content_sha256"] = file_hash(read_source(out))
    return out


SPEC = KindSpec(
    kind="databricks_workspace_file",
    sections=("workspace_files",),
    config_model=WorkspaceFile,
    build=build_workspace_file,
    immutable=frozenset({"path"}),
    computed=frozenset({"object_id", "created_at", "modified_at", "size"}),
    write_only=frozenset({"source"}),
    normalize=normalize_spec,
    scope=ListScope(parent_path=True),
    name_field="path",
    identity=("path",),
    import_id="the workspace path: `/Shared/etl/config.json`",
    permissions=PermissionsTarget("files", "object_id", ("workspace_file_id",)),
    refresh=Strategy.MARKERS,
    generate="workspace_file",
    handler="data_iac.providers.databricks.workspace_files:Handler",
)
