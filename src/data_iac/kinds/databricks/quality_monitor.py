"""``databricks_quality_monitor``: a Lakehouse Monitoring monitor of a Unity Catalog
table, addressed by the table's full name (the Terraform provider's
``databricks_quality_monitor``).

Generic handler over ``w.quality_monitors`` (``catalog.QualityMonitorsAPI``: ``create`` /
``get`` / ``update`` / ``delete`` on ``/api/2.1/unity-catalog/tables/{name}/monitor``;
the SDK marks it deprecated in favour of the Data Quality Monitors API, which Laktory's
``databricks_dataqualitymonitors`` use and which is not managed yet). The service lists no
monitors: each is read by its table. ``assets_dir`` and the profile type (``snapshot``,
``time_series``, ``inference_log``) are fixed at create; the rest updates in place.
"""

from __future__ import annotations

from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import KindSpec, SdkApi

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_quality_monitor",
    sections=("quality_monitors",),
    config_model=OpenDocument,
    immutable=frozenset(
        {"table_name", "assets_dir", "snapshot", "time_series", "inference_log", "warehouse_id"}
    ),
    computed=frozenset(
        {
            "status",
            "profile_metrics_table_name",
            "drift_metrics_table_name",
            "monitor_version",
            "dashboard_id",
        }
    ),
    write_only=frozenset({"warehouse_id", "skip_builtin_dashboard"}),
    reasons={
        "immutable": "catalog.QualityMonitorsAPI.update takes neither assets_dir nor "
        "warehouse_id; the profile type is the monitor's kind",
    },
    identity=("table_name",),
    name_field="table_name",
    import_id="the table's full name: `main.sales.orders`",
    refers={"table_name": "databricks_table"},
    api=SdkApi(service="quality_monitors", id_field="table_name", list=None),
)
