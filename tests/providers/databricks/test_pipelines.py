"""databricks_pipeline through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.errors import RemoteConflictError
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.pipelines import SCHEMA, Handler
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_pipeline", "bronze_sales")
SPEC = {
    "name": "bronze_sales",
    "catalog": "main",
    "schema": "bronze",
    "libraries": [{"notebook": {"path": "/Shared/dlt/bronze"}}],
    "configuration": {"source": "s3://raw/sales"},
    "development": True,
    "continuous": False,
    "tags": {"team": "data"},
}


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    assert created.attributes["state"] == "IDLE" and created.version
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_update_in_place(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "development": False, "configuration": {"source": "s3://raw/v2"}}
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == created.remote_id and updated.version != created.version
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []


def test_stale_version_is_a_conflict(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    handler.update(ADDRESS, created, {**SPEC, "development": False})
    with pytest.raises(RemoteConflictError):
        handler.update(ADDRESS, created, SPEC)


def test_catalog_change_plans_a_replace():
    assert "catalog" in SCHEMA.immutable
    diffs = diff_attributes({**SPEC, "catalog": "other"}, {**SPEC}, SCHEMA)
    assert [d.top for d in diffs] == ["catalog"]


def test_delete_then_read_is_none(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_list_and_find_by_address(handler: Handler):
    assert handler.find_by_address(ADDRESS) is None
    created = handler.create(ADDRESS, SPEC)
    handler.create(Address("databricks_pipeline", "other"), {**SPEC, "name": "other"})
    assert sorted(str(a) for a, _ in handler.list({})) == [
        "databricks_pipeline.bronze_sales",
        "databricks_pipeline.other",
    ]
    found = handler.find_by_address(ADDRESS, SPEC)
    assert found is not None and found.remote_id == created.remote_id
    assert handler.find_by_address(ADDRESS._replace(key="nope")) is None


def test_ambiguous_create_failure_makes_no_duplicate(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.0/pipelines", commit=True)
    created = handler.create(ADDRESS, SPEC)
    assert [p.pipeline_id for p in dbx.w.pipelines.list_pipelines()] == [created.remote_id]


def test_run_as_round_trips(handler: Handler):
    spec = {**SPEC, "run_as": {"service_principal_name": "sp-1"}}
    created = handler.create(ADDRESS, spec)
    assert diff_attributes(spec, created.attributes, SCHEMA) == []
    assert created.attributes["run_as_user_name"] == "sp-1"
