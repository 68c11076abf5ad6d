"""databricks_sql_warehouse through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import ADDRESS_TAG, DatabricksClient
from data_iac.providers.databricks.warehouses import SCHEMA, Handler, to_observed
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_sql_warehouse", "bi")
SPEC = {
    "name": "bi",
    "cluster_size": "Small",
    "max_num_clusters": 2,
    "auto_stop_mins": 15,
    "warehouse_type": "PRO",
    "tags": {"custom_tags": [{"key": "team", "value": "bi"}]},
}


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    assert created.attributes["state"] == "RUNNING"
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_update_in_place(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {
        **SPEC,
        "cluster_size": "Medium",
        "tags": {"custom_tags": [{"key": "team", "value": "ops"}]},
    }
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == created.remote_id
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []


def test_delete_then_read_is_none(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_list_and_find_by_address(handler: Handler):
    assert handler.find_by_address(ADDRESS) is None
    created = handler.create(ADDRESS, SPEC)
    assert [str(a) for a, _ in handler.list({})] == [str(ADDRESS)]
    found = handler.find_by_address(ADDRESS)
    assert found is not None and found.remote_id == created.remote_id


def test_ambiguous_create_failure_makes_no_duplicate(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.0/sql/warehouses", commit=True)
    created = handler.create(ADDRESS, SPEC)
    assert [x.id for x in dbx.w.warehouses.list()] == [created.remote_id]


def test_to_observed_hides_the_address_tag():
    raw = {
        "id": "w",
        "tags": {"custom_tags": [{"key": ADDRESS_TAG, "value": "x"}, {"key": "a", "value": "b"}]},
    }
    assert to_observed(raw)["tags"] == {"custom_tags": [{"key": "a", "value": "b"}]}
