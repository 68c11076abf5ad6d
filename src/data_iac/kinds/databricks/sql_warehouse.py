"""``databricks_sql_warehouse``: a SQL warehouse in REST form; remote id the warehouse id."""

from __future__ import annotations

from data_iac.config.stack.kinds import build_warehouse
from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import KindSpec, PermissionsTarget, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_sql_warehouse",
    sections=("warehouses", "sql_warehouses"),
    config_model=OpenDocument,
    build=build_warehouse,
    computed=frozenset(
        {
            "id",
            "state",
            "creator_name",
            "num_clusters",
            "num_active_sessions",
            "jdbc_url",
            "odbc_params",
            "health",
        }
    ),
    unordered=frozenset({"tags.custom_tags"}),
    list_keys={"tags.custom_tags": "key"},
    bounds={"auto_stop_mins": (0, None), "max_num_clusters": (1, 40)},
    reasons={"max_num_clusters": "databricks-sdk sql.CreateWarehouseRequest docstring"},
    identity=("name",),
    import_id="the warehouse id: `abcdef0123456789`",
    permissions=PermissionsTarget(
        "sql/warehouses", config_keys=("sql_endpoint_id", "warehouse_id")
    ),
    refresh=Strategy.LISTING,
    generate="sql_warehouse",
    handler="data_iac.providers.databricks.warehouses:Handler",
)
