"""``databricks_metastore_assignment``: the Unity Catalog metastore a workspace uses
(Laktory's ``databricks_metastoreassignments``, the Terraform provider's resource).

Served by ``providers/databricks/metastore_assignments.py`` through the workspace API
(``w.metastores.assign`` / ``current`` / ``update_assignment`` / ``unassign``), as the
Terraform provider does with a workspace provider: only the workspace the provider connects
to can be read back (``current``), so ``workspace_id`` must be that workspace's (an
assignment of another workspace needs the account API, not managed yet). Remote id
``WORKSPACE_ID|METASTORE_ID`` (the provider's pair id); ``default_catalog_name`` defaults
to ``hive_metastore`` (the provider's default, ``catalog/resource_metastore_assignment.go``
@06f498c) and changes in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["SPEC", "MetastoreAssignment", "numeric_workspace"]


class MetastoreAssignment(StackEntry):
    """The workspace (its numeric id) and the metastore it uses."""

    workspace_id: int | str
    metastore_id: str
    default_catalog_name: str | None = None


def numeric_workspace(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``workspace_id`` as the number the service answers (a YAML variable is text). Pure."""
    out = dict(spec)
    if isinstance(out.get("workspace_id"), str) and out["workspace_id"].isdigit():
        out["workspace_id"] = int(out["workspace_id"])
    return out


SPEC = KindSpec(
    kind="databricks_metastore_assignment",
    sections=("metastore_assignments", "metastoreassignments"),
    config_model=MetastoreAssignment,
    normalize=numeric_workspace,
    immutable=frozenset({"workspace_id"}),
    defaults={"default_catalog_name": "hive_metastore"},
    identity=("workspace_id", "metastore_id"),
    name_field="metastore_id",
    import_id="`<workspace_id>|<metastore_id>`: `1234567890123456|11111111-2222-...`",
    reasons={"defaults": "terraform-provider-databricks catalog/resource_metastore_assignment.go"},
    handler="data_iac.providers.databricks.metastore_assignments:Handler",
)
