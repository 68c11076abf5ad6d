"""``databricks_dbfs_file``: a file on DBFS (Laktory's ``databricks_dbfsfiles``), by path.

The content is compared by hash; ``source`` (a local file) is input only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import DbfsFile
from data_iac.config.stack.trees import build_dbfs_file
from data_iac.kinds.databricks._pure import file_hash, read_source
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``path`` without a ``dbfs:`` scheme; ``content_sha256`` from ``source`` when unset."""
    out = dict(spec)
    out["path"] = str(out["path"]).removeprefix("dbfs:")
    if not out.get("content_sha256") and out.get("source"):
        out["content_sha256"] = file_hash(read_source(out))
    return out


SPEC = KindSpec(
    kind="databricks_dbfs_file",
    sections=("databricks_dbfsfiles", "dbfs_files"),
    config_model=DbfsFile,
    build=build_dbfs_file,
    immutable=frozenset({"path"}),
    computed=frozenset({"file_size", "modification_time"}),
    write_only=frozenset({"source"}),
    normalize=normalize_spec,
    scope=ListScope(parent_path=True),
    name_field="path",
    identity=("path",),
    import_id="the DBFS path: `/FileStore/configs/app.json`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.databricks.dbfs_files:Handler",
)
