"""databricks_cluster_policy through the real SDK against the emulator."""

from __future__ import annotations

import json

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.errors import ConfigError, ResourceAlreadyExists
from data_iac.kinds.databricks.cluster_policy import SPEC as SCHEMA
from data_iac.kinds.databricks.cluster_policy import normalize_spec
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.generic import GenericHandler as Handler
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_cluster_policy", "small")
DEFINITION = {
    "spark_version": {"type": "fixed", "value": "15.4.x-scala2.12"},
    "num_workers": {"type": "range", "maxValue": 4},
}
SPEC = {"name": "small", "definition": DEFINITION, "description": "small clusters"}


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, SCHEMA, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_definition_as_a_json_string_is_normalised(handler: Handler):
    spec = {**SPEC, "definition": json.dumps(DEFINITION, indent=2)}
    created = handler.create(ADDRESS, spec)
    assert diff_attributes(normalize_spec(spec), created.attributes, SCHEMA) == []
    with pytest.raises(ConfigError, match="not valid JSON"):
        normalize_spec({"definition": "{oops"})


def test_update_in_place_and_rename(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "name": "tiny", "definition": {"num_workers": {"type": "fixed", "value": 1}}}
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == created.remote_id
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []


def test_delete_list_and_duplicates(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert [str(a) for a, _ in handler.list({})] == [str(ADDRESS)]
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address("databricks_cluster_policy", "again"), SPEC)
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_ambiguous_create_failure_adopts_by_unique_name(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.0/policies/clusters/create", commit=True)
    created = handler.create(ADDRESS, SPEC)
    assert [p.policy_id for p in dbx.w.cluster_policies.list()] == [created.remote_id]
    found = handler.find_by_address(ADDRESS, SPEC)
    assert found is not None and found.remote_id == created.remote_id
    assert handler.find_by_address(ADDRESS) is None
