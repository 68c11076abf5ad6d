"""databricks_workspace_binding on the emulator. Facts and sources:
``catalog.WorkspaceBindingsAPI`` (databricks-sdk 0.162: ``GET``/``PATCH``
``/api/2.1/unity-catalog/bindings/{type}/{name}``, ``add``/``remove`` lists of
``WorkspaceBinding``); the remote id is the Terraform provider's
``workspace_id|securable_type|securable_name``."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.workspace_bindings import Handler
from tests.providers.databricks.lifecycle import assert_no_diff

ADDRESS = Address("databricks_workspace_binding", "sales-ws")


def test_bind_change_type_unbind(dbx: DatabricksClient) -> None:
    dbx.w.catalogs.create(name="sales")
    handler = Handler(dbx)
    spec = {"workspace_id": 1234, "securable_name": "sales"}
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == "1234|catalog|sales"
    assert_no_diff(handler, spec, created)
    read_only = {**spec, "binding_type": "BINDING_TYPE_READ_ONLY"}
    updated = handler.update(ADDRESS, created, read_only)
    assert updated.attributes["binding_type"] == "BINDING_TYPE_READ_ONLY"
    handler.delete(ADDRESS, updated)
    assert handler.read(ADDRESS, created.remote_id) is None


def test_the_securable_must_exist(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="nosuch"):
        Handler(dbx).create(ADDRESS, {"workspace_id": 1, "securable_name": "nosuch"})
