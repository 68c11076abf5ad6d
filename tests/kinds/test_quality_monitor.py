"""databricks_quality_monitor on the emulator. Facts and sources: ``catalog.QualityMonitorsAPI``
and ``catalog.MonitorInfo`` (databricks-sdk 0.162): create/get/update/delete on
``/api/2.1/unity-catalog/tables/{name}/monitor``, ``output_schema_name`` and ``assets_dir``
required at create, ``output_schema_name`` at update; no listing."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_quality_monitor"
ADDRESS = Address(KIND, "orders")
SPEC = {
    "table_name": "main.sales.orders",
    "output_schema_name": "main.monitoring",
    "assets_dir": "/Shared/monitors/orders",
    "snapshot": {},
}


def _table(dbx: DatabricksClient) -> None:
    dbx.w.catalogs.create(name="main")
    dbx.w.schemas.create(name="sales", catalog_name="main")
    body = {"name": "orders", "catalog_name": "main", "schema_name": "sales"}
    dbx.w.api_client.do("POST", "/api/2.1/unity-catalog/tables", body=body)


def test_lifecycle(dbx: DatabricksClient) -> None:
    _table(dbx)
    handler = handler_for(dbx, KIND)
    changed = {**SPEC, "slicing_exprs": ["region"]}
    created = run_lifecycle(handler, ADDRESS, SPEC, changed)
    assert created.remote_id == "main.sales.orders"
    assert (
        created.attributes["profile_metrics_table_name"] == "main.monitoring.orders_profile_metrics"
    )
    assert list(handler.list({})) == []  # the service lists no monitors


def test_the_table_must_exist(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="orders"):
        handler_for(dbx, KIND).create(ADDRESS, SPEC)
