"""databricks_metastore_assignment on the emulator. Facts and sources:
``catalog.MetastoresAPI`` (databricks-sdk 0.162: ``assign`` PUT, ``update_assignment`` PATCH,
``unassign`` DELETE on ``/api/2.1/unity-catalog/workspaces/{id}/metastore``, ``current``);
databricks/terraform-provider-databricks ``catalog/resource_metastore_assignment.go`` @06f498c
(pair id ``workspace_id|metastore_id``, ``hive_metastore`` default catalog)."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.emulator.databricks.common import WORKSPACE_ID
from data_iac.emulator.databricks.uc_objects import METASTORE_ID
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.metastore_assignments import Handler
from tests.providers.databricks.lifecycle import assert_no_diff

ADDRESS = Address("databricks_metastore_assignment", "this")


def test_assign_update_unassign(dbx: DatabricksClient) -> None:
    handler = Handler(dbx)
    spec = {"workspace_id": WORKSPACE_ID, "metastore_id": METASTORE_ID}
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == f"{WORKSPACE_ID}|{METASTORE_ID}"
    assert created.attributes["default_catalog_name"] == "hive_metastore"
    normalize = handler.schema.normalize
    assert normalize is not None
    assert_no_diff(handler, normalize(spec), created)
    main = {**spec, "default_catalog_name": "main"}
    updated = handler.update(ADDRESS, created, main)
    assert updated.attributes["default_catalog_name"] == "main"
    handler.delete(ADDRESS, updated)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, updated)  # already unassigned: not an error


def test_another_workspace_cannot_be_read_back(dbx: DatabricksClient) -> None:
    assert Handler(dbx).read(ADDRESS, f"42|{METASTORE_ID}") is None
