"""databricks_cluster through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import ADDRESS_TAG, DatabricksClient
from data_iac.providers.databricks.clusters import SCHEMA, Handler, to_observed
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_cluster", "shared")
SPEC = {
    "cluster_name": "shared",
    "spark_version": "15.4.x-scala2.12",
    "node_type_id": "i3.xlarge",
    "autoscale": {"min_workers": 1, "max_workers": 4},
    "autotermination_minutes": 30,
    "custom_tags": {"team": "data"},
    "spark_conf": {"spark.sql.shuffle.partitions": "8"},
}


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    assert created.attributes["state"] == "RUNNING"
    assert created.attributes["cluster_source"] == "API"
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and diff_attributes(SPEC, read.attributes, SCHEMA) == []


def test_update_in_place(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {
        **SPEC,
        "autoscale": {"min_workers": 2, "max_workers": 8},
        "custom_tags": {"team": "ml"},
    }
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == created.remote_id
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []


def test_delete_is_permanent(handler: Handler, dbx: DatabricksClient):
    created = handler.create(ADDRESS, SPEC)
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    assert list(dbx.w.clusters.list()) == []
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
    fail(emulator, "POST", r"/api/2\.\d/clusters/create", commit=True)
    created = handler.create(ADDRESS, SPEC)
    assert [c.cluster_id for c in dbx.w.clusters.list()] == [created.remote_id]


def test_to_observed_hides_the_address_tag_and_the_spec_echo():
    raw = {"cluster_id": "c", "custom_tags": {ADDRESS_TAG: "x", "a": "b"}, "spec": {"x": 1}}
    assert to_observed(raw) == {"cluster_id": "c", "custom_tags": {"a": "b"}}
