"""databricks_permissions through the real SDK against the emulator.

The service refuses a job or pipeline ACL without exactly one ``IS_OWNER`` (databricks/cli
``acceptance/bundle/resources/permissions/factcheck/output.txt`` at 7bbe2852131b, recorded on
real workspaces), so the provider sends the current owner when the spec names none, and a
destroy leaves the creator as the only owner, as terraform-provider-databricks
``permissions/resource_permissions.go`` (``PermissionsAPI.Delete``, at 684f4424) does.
"""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.permissions import SCHEMA, Handler, normalize_spec, to_observed
from tests.emulator.databricks.fidelity import bodies, capture

ADDRESS = Address("databricks_permissions", "job-nightly")
OWNER = "emulator-user@example.com"


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    for group in ("users-x", "data", "ops", "bi"):
        dbx.w.groups.create(display_name=group)
    dbx.w.users.create(user_name="ada@example.com")
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


def _owners(dbx: DatabricksClient, object_type: str, object_id: str) -> list[str]:
    acl = dbx.w.permissions.get(object_type, object_id).access_control_list or []
    return [
        str(e.user_name or e.group_name or e.service_principal_name)
        for e in acl
        for p in e.all_permissions or []
        if p.permission_level and p.permission_level.value == "IS_OWNER"
    ]


def test_a_put_without_an_owner_carries_the_current_one(
    handler: Handler, job_id: str, dbx: DatabricksClient, emulator: Emulator
):
    owned_by_ada = _spec(job_id)
    owned_by_ada["access_control_list"] = [
        {"user_name": "ada@example.com", "permission_level": "IS_OWNER"}
    ]
    before = handler.create(ADDRESS, owned_by_ada)
    sent = capture(emulator)
    created = handler.update(ADDRESS, before, _spec(job_id, data="CAN_VIEW"))
    assert bodies(sent) == [
        {
            "access_control_list": [
                {"group_name": "data", "permission_level": "CAN_VIEW"},
                {"permission_level": "IS_OWNER", "user_name": "ada@example.com"},
            ]
        }
    ]
    assert created.attributes["owner"] == {"user_name": "ada@example.com"}
    assert _owners(dbx, "jobs", job_id) == ["ada@example.com"]


def test_delete_leaves_the_creator_as_the_only_owner(
    handler: Handler, job_id: str, dbx: DatabricksClient
):
    spec = _spec(job_id, data="CAN_VIEW")
    spec["access_control_list"].append(  # type: ignore[attr-defined]
        {"user_name": "ada@example.com", "permission_level": "IS_OWNER"}
    )
    created = handler.create(ADDRESS, spec)
    handler.delete(ADDRESS, created)
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes["access_control_list"] == []
    assert _owners(dbx, "jobs", job_id) == [OWNER]
    dbx.w.jobs.delete(int(job_id))
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_a_pipeline_acl_applies_and_destroys_with_one_owner(
    handler: Handler, dbx: DatabricksClient
):
    pipeline_id = str(dbx.w.pipelines.create(name="p", catalog="c").pipeline_id)
    spec = {
        "object_type": "pipelines",
        "object_id": pipeline_id,
        "access_control_list": [{"group_name": "ops", "permission_level": "CAN_RUN"}],
    }
    created = handler.create(Address("databricks_permissions", "p"), spec)
    assert diff_attributes(spec, created.attributes, SCHEMA) == []
    assert _owners(dbx, "pipelines", pipeline_id) == [OWNER]
    handler.delete(Address("databricks_permissions", "p"), created)
    assert _owners(dbx, "pipelines", pipeline_id) == [OWNER]


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
