"""databricks_repo on the emulator (facts: ``workspace.ReposAPI`` in databricks-sdk: create
takes url, provider and path and answers a numeric id and the checked-out branch; the
branch or tag is changed by update; a path holds one repo)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_repo"
ADDRESS = Address(KIND, "etl")
SPEC = {
    "url": "https://github.com/example/etl.git",
    "provider": "gitHub",
    "path": "/Repos/shared/etl",
    "branch": "release",
}


def test_lifecycle_branch_set_after_create(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    created = run_lifecycle(handler, ADDRESS, SPEC, {**SPEC, "branch": "main"})
    assert created.attributes["branch"] == "release"  # set by the update after create
    assert int(created.remote_id) > 0


def test_one_repo_per_path(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    handler.create(ADDRESS, SPEC)
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address(KIND, "again"), SPEC)
