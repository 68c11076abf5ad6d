"""``databricks_sql_warehouse``: a SQL warehouse in REST form; remote id the warehouse id."""

from __future__ import annotations

from data_iac.config.stack.kinds import build_warehouse
from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import SERVER_SET, KindSpec, PermissionsTarget, Strategy

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
    defaults={
        "min_num_clusters": 1,
        "max_num_clusters": 1,
        "auto_stop_mins": 120,
        "enable_photon": True,
        "enable_serverless_compute": SERVER_SET,
        "spot_instance_policy": "COST_OPTIMIZED",
        "warehouse_type": SERVER_SET,
        "channel": SERVER_SET,
    },
    ignore_remote=frozenset({"channel", "tags", "warehouse_type", "min_num_clusters"}),
    bounds={
        "auto_stop_mins": ((0, 0), (10, None)),
        "max_num_clusters": (1, 40),
        "min_num_clusters": (1, 30),
    },
    reasons={
        "auto_stop_mins": "databricks-sdk sql.CreateWarehouseRequest.auto_stop_mins: == 0 or >= 10",
        "max_num_clusters": "databricks-sdk sql.CreateWarehouseRequest docstring: <= 40",
        "min_num_clusters": "databricks-sdk sql.CreateWarehouseRequest docstring: > 0, <= 30",
        "defaults": "databricks-sdk sql.CreateWarehouseRequest docstrings (auto_stop_mins"
        " 120, min/max_num_clusters 1); terraform-provider-databricks sql/resource_sql_endpoint.go"
        " (4eba541abe1a9f50993ea7b9dd83874207e224a1): enable_serverless_compute computed",
        "ignore_remote": "databricks/cli bundle/direct/dresources/resources.yml"
        " sql_warehouses.ignore_remote_changes (7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f)",
    },
    identity=("name",),
    import_id="the warehouse id: `abcdef0123456789`",
    permissions=PermissionsTarget(
        "sql/warehouses", config_keys=("sql_endpoint_id", "warehouse_id")
    ),
    refresh=Strategy.LISTING,
    generate="sql_warehouse",
    handler="data_iac.providers.databricks.warehouses:Handler",
)
