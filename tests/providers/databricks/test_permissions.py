"""databricks_permissions through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.permissions import SCHEMA, Handler, normalize_spec, to_observed

ADDRESS = Address("databricks_permissions", "job-nightly")
OWNER = "emulator-user@example.com"


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx)


@pytest.fixture
def job_id(dbx: DatabricksClient) -> str:
    return str(dbx.w.jobs.create(name="nightly").job_id)


def _spec(job_id: str, **levels: str) -> dict[str, object]:
    acl = [{"group_name": g, "permission_level": lvl} for g, lvl in levels.items()]
    return {"object_type": "jobs", "object_id": job_id, "access_control_list": acl}


def test_create_read_has_no_diff_and_the_owner_is_apart(handler: Handler, job_id: str):
    spec = _spec(job_id, users="CAN_VIEW", data="CAN_MANAGE_RUN")
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == f"jobs/{job_id}"
    assert diff_attributes(spec, created.attributes, SCHEMA) == []
    assert created.attributes["owner"] == {"user_name": OWNER}
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_update_replaces_the_list(handler: Handler, job_id: str):
    created = handler.create(ADDRESS, _spec(job_id, users="CAN_VIEW"))
    changed = _spec(job_id, ops="CAN_MANAGE")
    updated = handler.update(ADDRESS, created, changed)
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []
    assert {"object_type", "object_id"} <= SCHEMA.immutable


def test_an_owner_in_the_spec_is_managed(handler: Handler, job_id: str):
    spec = {**_spec(job_id, users="CAN_VIEW")}
    spec["access_control_list"] = [
        *spec["access_control_list"],  # type: ignore[misc]
        {"user_name": "ada@example.com", "permission_level": "IS_OWNER"},
    ]
    created = handler.create(ADDRESS, spec)
    assert diff_attributes(normalize_spec(spec), created.attributes, SCHEMA) == []
    assert created.attributes["owner"] == {"user_name": "ada@example.com"}


def test_warehouse_type_with_a_slash(handler: Handler, dbx: DatabricksClient):
    warehouse_id = dbx.w.warehouses.create(name="wh", cluster_size="Small").response.id
    spec = {
        "object_type": "sql/warehouses",
        "object_id": warehouse_id,
        "access_control_list": [{"group_name": "bi", "permission_level": "CAN_USE"}],
    }
    created = handler.create(Address("databricks_permissions", "wh"), spec)
    assert created.remote_id == f"sql/warehouses/{warehouse_id}"
    assert diff_attributes(spec, created.attributes, SCHEMA) == []


def test_delete_clears_direct_grants_and_a_gone_object_reads_none(
    handler: Handler, job_id: str, dbx: DatabricksClient
):
    created = handler.create(ADDRESS, _spec(job_id, users="CAN_VIEW"))
    handler.delete(ADDRESS, created)
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes["access_control_list"] == []
    dbx.w.jobs.delete(int(job_id))
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_list_reads_the_objects_in_scope(handler: Handler, job_id: str):
    handler.create(ADDRESS, _spec(job_id, users="CAN_VIEW"))
    listed = list(handler.list({"objects": [("jobs", job_id), ("jobs", "999")]}))
    assert [str(a) for a, _ in listed] == [f"databricks_permissions.jobs/{job_id}"]


def test_to_observed_ignores_inherited_grants():
    raw = {
        "access_control_list": [
            {
                "group_name": "admins",
                "all_permissions": [{"permission_level": "CAN_MANAGE", "inherited": True}],
            },
            {"user_name": "u", "all_permissions": [{"permission_level": "IS_OWNER"}]},
            {"group_name": "g", "all_permissions": [{"permission_level": "CAN_VIEW"}]},
        ]
    }
    assert to_observed(raw, "jobs", "1") == {
        "object_type": "jobs",
        "object_id": "1",
        "owner": {"user_name": "u"},
        "access_control_list": [{"group_name": "g", "permission_level": "CAN_VIEW"}],
    }
