"""``databricks_dashboard``: a Lakeview (AI/BI) dashboard.

Generic handler over ``w.lakeview``: create and update take the whole ``Dashboard``; delete
is ``trash`` and a trashed dashboard still answers a get with ``lifecycle_state: TRASHED``
(``dashboards.LakeviewAPI``), which reads as gone. ``parent_path`` cannot change in place
(terraform-provider-databricks ``dashboards/resource_dashboard.go``: ForceNew).
"""

from __future__ import annotations

from data_iac.config.stack.schema import AccessControl, StackEntry
from data_iac.kinds.databricks._sources import RESOURCES_YML
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["SPEC", "Dashboard"]


class Dashboard(StackEntry):
    """A Lakeview dashboard (REST field names; ``serialized_dashboard`` is JSON text)."""

    display_name: str | None = None
    parent_path: str
    serialized_dashboard: str | None = None
    warehouse_id: str | None = None
    access_controls: list[AccessControl] = []


SPEC = KindSpec(
    kind="databricks_dashboard",
    sections=("dashboards",),
    config_model=Dashboard,
    immutable=frozenset({"parent_path"}),
    write_only=frozenset({"dataset_catalog", "dataset_schema"}),
    ignore_remote=frozenset({"serialized_dashboard"}),
    reasons={
        "write_only": f"{RESOURCES_YML} dashboards: dataset_catalog, dataset_schema: input only",
        "ignore_remote": f"{RESOURCES_YML} dashboards: serialized_dashboard is compared by etag",
    },
    computed=frozenset(
        {"dashboard_id", "path", "etag", "lifecycle_state", "create_time", "update_time"}
    ),
    name_field="display_name",
    identity=("display_name", "parent_path"),  # found by these after a crash (generic.py)
    import_id="the dashboard id: `01ef...`",
    permissions=PermissionsTarget("dashboards", config_keys=("dashboard_id",)),
    refresh=Strategy.LISTING,
    generate="dashboard",
    api=SdkApi(
        service="lakeview",
        id_field="dashboard_id",
        delete="trash",
        wrapper="dashboard",
        gone=("lifecycle_state", "TRASHED"),
    ),
)
