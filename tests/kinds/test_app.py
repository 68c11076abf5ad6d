"""databricks_app on the emulator. Facts and sources (databricks-sdk 0.162, ``apps.AppsAPI``
and ``apps.App``): apps are addressed by name (lowercase letters, digits, hyphens), create
and update take the app as the body, update is a PATCH of the app, the listing pages under
``apps``; the service makes a service principal per app; ``apps.AppPermissionLevel`` is
CAN_USE or CAN_MANAGE."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceAlreadyExists
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_app"
ADDRESS = Address(KIND, "dash")
SPEC = {
    "name": "sales-dash",
    "description": "Sales dashboard",
    "resources": [
        {"name": "warehouse", "sql_warehouse": {"id": "abc123", "permission": "CAN_USE"}}
    ],
}


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    changed = {**SPEC, "description": "Sales, by region", "compute_size": "LARGE"}
    created = run_lifecycle(handler, ADDRESS, SPEC, changed)
    assert created.remote_id == "sales-dash"
    assert created.attributes["service_principal_name"] == "app-sales-dash"
    assert created.attributes["compute_status"]["state"] == "ACTIVE"


def test_names_are_checked_and_unique(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    handler.create(ADDRESS, SPEC)
    assert [o.remote_id for _, o in handler.list({})] == ["sales-dash"]
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address(KIND, "again"), SPEC)
    with pytest.raises(ProviderError, match="lowercase"):
        handler.create(Address(KIND, "bad"), {**SPEC, "name": "Sales_Dash"})


def test_the_app_acl_takes_app_levels(dbx: DatabricksClient) -> None:
    handler_for(dbx, KIND).create(ADDRESS, SPEC)
    url = "/api/2.0/permissions/apps/sales-dash"
    entry = {"group_name": "users", "permission_level": "CAN_USE"}
    dbx.w.api_client.do("PUT", url, body={"access_control_list": [entry]})
    wrong = {**entry, "permission_level": "CAN_RUN"}
    with pytest.raises(Exception, match="CAN_RUN"):
        dbx.w.api_client.do("PUT", url, body={"access_control_list": [wrong]})
