"""databricks_global_init_script on the emulator (facts: ``compute.GlobalInitScriptsAPI``
docstrings in databricks-sdk: base64 ``script``, disabled unless ``enabled``, ``position``
0-based and last by default, listing without content)."""

from __future__ import annotations

import base64

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_global_init_script"
ADDRESS = Address(KIND, "proxy")
SCRIPT = base64.b64encode(b"#!/bin/bash\necho proxy\n").decode()
SPEC = {"name": "proxy", "script": SCRIPT}


def test_lifecycle_defaults_and_listing(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    changed = {**SPEC, "enabled": True, "script": base64.b64encode(b"echo 2\n").decode()}
    created = run_lifecycle(handler, ADDRESS, SPEC, changed)
    assert created.attributes["enabled"] is False and created.attributes["position"] == 0
    first = handler.create(ADDRESS, SPEC)
    second = handler.create(Address(KIND, "other"), {**SPEC, "name": "other"})
    assert second.attributes["position"] == first.attributes["position"] + 1
    assert all("script" not in o.attributes for _, o in handler.list({}))


def test_script_must_be_base64(dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="base64"):
        handler_for(dbx, KIND).create(ADDRESS, {**SPEC, "script": "not base64!"})
