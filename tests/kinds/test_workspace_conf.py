"""databricks_workspace_conf on the emulator. Facts and sources: ``settings.WorkspaceConfAPI``
(databricks-sdk 0.162: ``GET /api/2.0/workspace-conf?keys=a,b`` answers string values,
``PATCH`` sets them); databricks/terraform-provider-databricks
``workspace/resource_workspace_conf.go`` @067a018 (a dropped key is erased with ``"false"``
or ``""``; destroy erases only ``enable*``/``enforce*`` keys)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.workspace_conf import Handler

ADDRESS = Address("databricks_workspace_conf", "settings")


def _live(dbx: DatabricksClient, *keys: str) -> dict[str, str | None]:
    return dict(dbx.w.workspace_conf.get_status(",".join(keys)))


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = Handler(dbx)
    spec = {"custom_config": {"enableIpAccessLists": True, "maxTokenLifetimeDays": 90}}
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == "enableIpAccessLists,maxTokenLifetimeDays"
    assert created.attributes == {
        "custom_config": {"enableIpAccessLists": "true", "maxTokenLifetimeDays": "90"}
    }
    changed = {"custom_config": {"maxTokenLifetimeDays": "30", "enableTokensConfig": "true"}}
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == "enableTokensConfig,maxTokenLifetimeDays"
    assert _live(dbx, "enableIpAccessLists")["enableIpAccessLists"] == "false"  # erased
    handler.delete(ADDRESS, updated)
    assert _live(dbx, "enableTokensConfig", "maxTokenLifetimeDays") == {
        "enableTokensConfig": "false",
        "maxTokenLifetimeDays": "30",  # not an enable/enforce key: left as it is
    }


def test_unknown_keys_and_non_strings_are_refused(dbx: DatabricksClient) -> None:
    handler = Handler(dbx)
    with pytest.raises(ProviderError, match="enableTypo"):
        handler.create(ADDRESS, {"custom_config": {"enableTypo": "true"}})
    with pytest.raises(Exception, match="string"):
        dbx.w.api_client.do("PATCH", "/api/2.0/workspace-conf", body={"enableDcs": True})
    assert handler.read(ADDRESS, "enableWebTerminal") is None  # never set
