"""databricks_ip_access_list on the emulator (facts: ``settings.IpAccessListsAPI`` in
databricks-sdk: create and get nest the list under ``ip_access_list``, a new list is
enabled, ``address_count`` is computed, ``list_type`` is ALLOW or BLOCK)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_ip_access_list"
ADDRESS = Address(KIND, "office")
SPEC = {"label": "office", "list_type": "ALLOW", "ip_addresses": ["10.0.0.0/16"]}


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    changed = {**SPEC, "ip_addresses": ["10.0.0.0/16", "192.168.1.1"], "enabled": False}
    created = run_lifecycle(handler, ADDRESS, SPEC, changed)
    assert created.attributes["enabled"] is True
    assert created.attributes["address_count"] == 1


def test_bad_address_is_refused(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="Invalid IP"):
        handler_for(dbx, KIND).create(ADDRESS, {**SPEC, "ip_addresses": ["10.0.0.300"]})
