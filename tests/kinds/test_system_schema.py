"""databricks_system_schema on the emulator. Facts and sources: ``catalog.SystemSchemasAPI``
(databricks-sdk 0.162: PUT/DELETE ``.../metastores/{id}/systemschemas/{name}``, the listing
under ``schemas`` with ``schema`` and ``state``), ``catalog.MetastoresAPI.summary`` for the
metastore id, and databricks/terraform-provider-databricks
``catalog/resource_system_schema.go`` @2717d46 (pair id ``metastore_id|schema``; enable's
"already exists" is success)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.system_schemas import Handler

ADDRESS = Address("databricks_system_schema", "access")


def test_enable_read_list_disable(dbx: DatabricksClient) -> None:
    handler = Handler(dbx)
    created = handler.create(ADDRESS, {"schema": "access"})
    metastore_id = dbx.w.metastores.summary().metastore_id
    assert created.remote_id == f"{metastore_id}|access"
    assert created.attributes["state"] == "ENABLE_COMPLETED"
    assert handler.create(ADDRESS, {"schema": "access"}).remote_id == created.remote_id
    assert [a.key for a, _ in handler.list({})] == ["access"]
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)  # already disabled: not an error


def test_an_unknown_schema_is_refused(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="nosuch"):
        Handler(dbx).create(ADDRESS, {"schema": "nosuch"})
