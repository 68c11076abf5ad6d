"""databricks_instance_pool: the generic handler over ``w.instance_pools`` on the emulator.

Emulator facts and their sources:
- create needs ``instance_pool_name`` and ``node_type_id`` (positional in the SDK's
  ``compute.InstancePoolsAPI.create``) and answers only the id;
- the backend fills ``enable_elastic_disk: true`` and
  ``idle_instance_autotermination_minutes: 60`` (databricks/cli
  ``bundle/direct/dresources/configs/instance_pools.yml`` @2a0904e, backend_defaults);
- edit changes only what ``compute.InstancePoolsAPI.edit`` takes; ``disk_spec`` stays
  (databricks/cli ``libs/testserver/instance_pools.go`` @21f8d8e);
- a missing pool answers 404 (same testserver file).
"""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.generic import GenericHandler
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_instance_pool"
ADDRESS = Address(KIND, "small")
SPEC = {
    "instance_pool_name": "small",
    "node_type_id": "i3.xlarge",
    "min_idle_instances": 0,
    "max_capacity": 10,
    "custom_tags": {"team": "data"},
}


@pytest.fixture
def handler(dbx: DatabricksClient) -> GenericHandler:
    return GenericHandler(dbx, spec_of(KIND))


def test_lifecycle(handler: GenericHandler) -> None:
    changed = {**SPEC, "max_capacity": 20, "idle_instance_autotermination_minutes": 15}
    created = run_lifecycle(handler, ADDRESS, SPEC, changed)
    assert created.attributes["instance_pool_id"] == created.remote_id


def test_backend_defaults_are_filled_and_recorded(handler: GenericHandler) -> None:
    created = handler.create(ADDRESS, SPEC)
    assert created.attributes["enable_elastic_disk"] is True
    assert created.attributes["idle_instance_autotermination_minutes"] == 60
    assert dict(spec_of(KIND).defaults) == {
        "enable_elastic_disk": True,
        "idle_instance_autotermination_minutes": 60,
    }
    listed = dict(handler.list({}))
    assert ADDRESS in listed and listed[ADDRESS].remote_id == created.remote_id


def test_edit_keeps_what_it_cannot_change(handler: GenericHandler) -> None:
    disk = {"disk_type": {"ebs_volume_type": "GENERAL_PURPOSE_SSD"}, "disk_count": 1}
    created = handler.create(ADDRESS, {**SPEC, "disk_spec": disk})
    updated = handler.update(ADDRESS, created, {**SPEC, "max_capacity": 3})
    assert updated.attributes["max_capacity"] == 3
    assert updated.attributes["disk_spec"] == disk
    assert "disk_spec" in spec_of(KIND).immutable  # so a change plans a replace


def test_required_fields_and_missing_pool(handler: GenericHandler, dbx: DatabricksClient) -> None:
    with pytest.raises(ProviderError, match="node_type_id"):
        dbx.call("instance_pools", dbx.w.api_client.do, "POST",
                 "/api/2.0/instance-pools/create", body={"instance_pool_name": "x"})  # fmt: skip
    assert handler.read(ADDRESS, "no-such-pool") is None
    with pytest.raises(ResourceNotFound):
        dbx.call("instance_pools", dbx.w.instance_pools.get, "no-such-pool")
