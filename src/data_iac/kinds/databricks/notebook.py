"""``databricks_notebook``: a workspace notebook, identified by its path.

The content is compared by hash (``content_sha256``); ``source`` and ``format`` cannot be
read back, so they are write-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import Notebook
from data_iac.config.stack.workspace import build_notebook
from data_iac.kinds.databricks._pure import notebook_hash, read_source
from data_iac.model.kind import KindSpec, ListScope, PermissionsTarget, Strategy

__all__ = ["SPEC", "normalize_spec"]

_LANGUAGE_BY_SUFFIX = {".py": "PYTHON", ".sql": "SQL", ".scala": "SCALA", ".r": "R"}


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Upper-case ``language`` and ``format``; take ``language`` from the source's suffix
    when it is not given; fill ``content_sha256`` from ``source`` (this reads the local file)
    when it is not given."""
    out = dict(spec)
    for key in ("language", "format"):
        if isinstance(out.get(key), str):
            out[key] = out[key].upper()
    if not out.get("language") and isinstance(out.get("source"), str):
        suffix = "." + out["source"].rsplit(".", 1)[-1].lower() if "." in out["source"] else ""
        if suffix in _LANGUAGE_BY_SUFFIX:
            out["language"] = _LANGUAGE_BY_SUFFIX[suffix]
    if not out.get("content_sha256") and out.get("source"):
        out["content_sha256"] = notebook_hash(read_source(out))
    return out


SPEC = KindSpec(
    kind="databricks_notebook",
    sections=("notebooks",),
    config_model=Notebook,
    build=build_notebook,
    immutable=frozenset({"path"}),
    computed=frozenset({"object_id", "created_at", "modified_at", "size"}),
    write_only=frozenset({"source", "format"}),
    normalize=normalize_spec,
    scope=ListScope(parent_path=True),
    name_field="path",
    identity=("path",),
    import_id="the workspace path: `/Shared/etl/ingest`",
    permissions=PermissionsTarget("notebooks", "object_id", ("notebook_id",)),
    refresh=Strategy.MARKERS,
    generate="notebook",
    handler="data_iac.providers.databricks.notebooks:Handler",
)
