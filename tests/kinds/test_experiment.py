"""databricks_experiment on the emulator (facts: ``ml.ExperimentsAPI`` in databricks-sdk:
create answers the id, get nests ``experiment``, delete marks ``lifecycle_stage:
deleted``, a name is unique even against deleted experiments)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for

KIND = "databricks_experiment"
ADDRESS = Address(KIND, "churn")
SPEC = {"name": "/Shared/experiments/churn"}


def test_create_read_delete_and_name_reuse(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    created = handler.create(ADDRESS, SPEC)
    assert created.attributes["name"] == SPEC["name"]
    assert created.attributes["lifecycle_stage"] == "active"
    assert [a.key for a, _ in handler.list({})] == [SPEC["name"]]
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    with pytest.raises(ResourceAlreadyExists, match="deleted state"):
        handler.create(ADDRESS, SPEC)
