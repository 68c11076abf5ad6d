"""``databricks_mws_permission_assignment``: an account principal's access to a workspace.

Account-level only (``AccountClient.workspace_assignment``); remote id
``WORKSPACE_ID|PRINCIPAL_ID`` (the Terraform provider's id). Both ids are immutable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Ids as strings (YAML gives numbers), permissions upper case and sorted."""
    normal = dict(spec)
    for key in ("workspace_id", "principal_id"):
        if normal.get(key) is not None:
            normal[key] = str(normal[key])
    normal["permissions"] = sorted({str(p).upper() for p in spec.get("permissions") or []})
    return normal


SPEC = KindSpec(
    kind="databricks_mws_permission_assignment",
    level="account",
    immutable=frozenset({"workspace_id", "principal_id"}),
    unordered=frozenset({"permissions"}),
    normalize=normalize_spec,
    identity=("workspace_id", "principal_id"),
    # One listing of the workspace's assignments refreshes every principal's (not a listing
    # per assignment: benchmarks/dbx_refresh_cli.py counted one per group before).
    refresh=Strategy.LISTING,
    scope=ListScope(("workspace_id",), separator="|"),
    import_id="`<workspace id>|<principal id>`: `1234567890|987654321`",
    handler="data_iac.providers.databricks.mws_permission_assignments:Handler",
)
