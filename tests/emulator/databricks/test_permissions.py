"""Generic object permissions through the real SDK against the emulator.

Facts about what a PUT must hold come from databricks/cli at 7bbe2852 (commit
7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f):
``acceptance/bundle/resources/permissions/factcheck/output.txt`` (run on real workspaces,
``CloudSlow = true``) and ``libs/testserver/permissions.go`` ("verified against the backend");
the unknown-principal message from terraform-provider-databricks issues #1415 and #4604.
"""

from __future__ import annotations

import re

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound
from databricks.sdk.service import iam
from databricks.sdk.service.workspace import ImportFormat, Language

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

OWNER = "emulator-user@example.com"


def _groups(w: WorkspaceClient, *names: str) -> None:
    """Workspace groups an ACL may name (the service refuses unknown principals)."""
    for name in names:
        w.groups.create(display_name=name)


def _owner(name: str = OWNER) -> iam.AccessControlRequest:
    return iam.AccessControlRequest(user_name=name, permission_level=iam.PermissionLevel.IS_OWNER)


def _acl(**levels: str) -> list[iam.AccessControlRequest]:
    return [
        iam.AccessControlRequest(group_name=g, permission_level=iam.PermissionLevel(level))
        for g, level in levels.items()
    ]


def _direct(perms: iam.ObjectPermissions) -> dict[str, str]:
    found = {}
    for entry in perms.access_control_list or []:
        for perm in entry.all_permissions or []:
            if not perm.inherited and perm.permission_level:
                name = entry.user_name or entry.group_name or entry.service_principal_name
                found[str(name)] = perm.permission_level.value
    return found


def test_job_get_has_the_real_shape(w: WorkspaceClient):
    job_id = w.jobs.create(name="j").job_id
    raw = w.api_client.do("GET", f"/api/2.0/permissions/jobs/{job_id}")
    assert isinstance(raw, dict)
    assert (raw["object_id"], raw["object_type"]) == (f"/jobs/{job_id}", "job")
    assert_round_trips(iam.ObjectPermissions, raw)
    perms = w.permissions.get("jobs", str(job_id))
    assert _direct(perms) == {OWNER: "IS_OWNER"}
    admins = [e for e in perms.access_control_list or [] if e.group_name == "admins"]
    assert admins and admins[0].all_permissions and admins[0].all_permissions[0].inherited


def test_put_replaces_a_job_acl_that_holds_its_one_owner(emu: Emulator, w: WorkspaceClient):
    _groups(w, "data")
    job_id = str(w.jobs.create(name="j").job_id)
    sent = capture(emu)
    w.permissions.set("jobs", job_id, access_control_list=[*_acl(users="CAN_VIEW"), _owner()])
    assert bodies(sent) == [
        {
            "access_control_list": [
                {"group_name": "users", "permission_level": "CAN_VIEW"},
                {"permission_level": "IS_OWNER", "user_name": OWNER},
            ]
        }
    ]
    w.permissions.set("jobs", job_id, access_control_list=[*_acl(data="CAN_MANAGE_RUN"), _owner()])
    assert _direct(w.permissions.get("jobs", job_id)) == {
        "data": "CAN_MANAGE_RUN",
        OWNER: "IS_OWNER",
    }


@pytest.mark.parametrize("object_type", ["jobs", "pipelines"])
def test_a_job_or_pipeline_put_without_exactly_one_owner_is_refused(
    w: WorkspaceClient, object_type: str
):
    _groups(w, "data")
    if object_type == "jobs":
        object_id, noun = str(w.jobs.create(name="j").job_id), "job"
    else:
        object_id, noun = str(w.pipelines.create(name="p", catalog="c").pipeline_id), "pipeline"
    with pytest.raises(BadRequest, match=f"^The {noun} must have exactly one owner.$"):
        w.permissions.set(object_type, object_id, access_control_list=_acl(users="CAN_VIEW"))
    w.users.create(user_name="ada@example.com")
    two = [_owner(), _owner("ada@example.com")]
    with pytest.raises(BadRequest, match="exactly one owner"):
        w.permissions.set(object_type, object_id, access_control_list=two)
    assert _direct(w.permissions.get(object_type, object_id)) == {OWNER: "IS_OWNER"}


def test_the_last_level_of_a_principal_named_twice_wins(w: WorkspaceClient):
    job_id = str(w.jobs.create(name="j").job_id)
    twice = [*_acl(users="CAN_VIEW"), *_acl(users="CAN_MANAGE_RUN"), _owner()]
    assert _direct(w.permissions.set("jobs", job_id, access_control_list=twice))["users"] == (
        "CAN_MANAGE_RUN"
    )
    owner_then_manage = [
        _owner(),
        iam.AccessControlRequest(user_name=OWNER, permission_level=iam.PermissionLevel.CAN_MANAGE),
    ]
    with pytest.raises(BadRequest, match=r"^The job must have exactly one owner\.$"):
        w.permissions.set("jobs", job_id, access_control_list=owner_then_manage)


def test_an_unknown_principal_is_refused(w: WorkspaceClient):
    job_id = str(w.jobs.create(name="j").job_id)
    bot = iam.AccessControlRequest(
        service_principal_name="etl-bot", permission_level=iam.PermissionLevel.CAN_VIEW
    )
    for request, message in [
        (_acl(ghosts="CAN_VIEW"), "Principal: GroupName(ghosts) does not exist"),
        (_acl(**{"account users": "CAN_VIEW"}), "Principal: GroupName(account users)"),
        ([bot], "Principal: ServicePrincipalName(etl-bot) does not exist"),
    ]:
        with pytest.raises(NotFound, match=re.escape(message)):
            w.permissions.set("jobs", job_id, access_control_list=[*request, _owner()])
    # A service principal is named by its application id, not its display name.
    sp = w.service_principals.create(display_name="etl-bot")
    by_app_id = iam.AccessControlRequest(
        service_principal_name=sp.application_id, permission_level=iam.PermissionLevel.CAN_VIEW
    )
    w.permissions.set("jobs", job_id, access_control_list=[by_app_id, _owner()])


def test_patch_merges(w: WorkspaceClient):
    _groups(w, "a", "b")
    cluster_id = w.clusters.create(spark_version="15.4.x-scala2.12").response.cluster_id
    assert cluster_id
    w.permissions.set("clusters", cluster_id, access_control_list=_acl(a="CAN_ATTACH_TO"))
    updated = w.permissions.update(
        "clusters", cluster_id, access_control_list=_acl(b="CAN_RESTART", a="CAN_MANAGE")
    )
    assert _direct(updated) == {"a": "CAN_MANAGE", "b": "CAN_RESTART"}
    assert updated.object_type == "cluster"


def test_warehouses_under_both_spellings_share_one_acl(w: WorkspaceClient):
    _groups(w, "a")
    warehouse_id = w.warehouses.create(name="wh", cluster_size="Small").response.id
    assert warehouse_id
    w.permissions.set("sql/warehouses", warehouse_id, access_control_list=_acl(a="CAN_USE"))
    assert _direct(w.warehouses.get_permissions(warehouse_id))["a"] == "CAN_USE"


def _notebook_id(w: WorkspaceClient) -> str:
    w.users.create(user_name="a@b.c")
    w.workspace.import_(
        "/Shared/nb", content="cHJpbnQoMSk=", format=ImportFormat.SOURCE, language=Language.PYTHON
    )
    return str(w.workspace.get_status("/Shared/nb").object_id)


def test_notebooks_pipelines_and_policies(w: WorkspaceClient):
    _groups(w, "u")
    notebook_id = _notebook_id(w)
    w.permissions.set(
        "notebooks",
        notebook_id,
        access_control_list=[
            iam.AccessControlRequest(
                user_name="a@b.c", permission_level=iam.PermissionLevel.CAN_RUN
            )
        ],
    )
    assert _direct(w.permissions.get("notebooks", notebook_id)) == {"a@b.c": "CAN_RUN"}
    with pytest.raises(NotFound):
        w.permissions.get("directories", notebook_id)
    pipeline_id = w.pipelines.create(name="p", catalog="c").pipeline_id
    assert pipeline_id
    assert w.permissions.get("pipelines", pipeline_id).object_type == "pipelines"
    policy_id = w.cluster_policies.create(name="p", definition="{}").policy_id
    w.permissions.set("cluster-policies", policy_id, access_control_list=_acl(u="CAN_USE"))
    levels = w.permissions.get_permission_levels("cluster-policies", policy_id)
    assert [lvl.permission_level for lvl in levels.permission_levels or []] == [
        iam.PermissionLevel.CAN_USE
    ]


def test_missing_object_and_bad_levels(w: WorkspaceClient):
    with pytest.raises(NotFound):
        w.permissions.get("jobs", "999")
    job_id = str(w.jobs.create(name="j").job_id)
    with pytest.raises(BadRequest, match="not supported"):
        w.permissions.set("jobs", job_id, access_control_list=_acl(a="CAN_USE"))


def test_deleting_the_object_drops_its_acl(w: WorkspaceClient):
    job_id = w.jobs.create(name="j").job_id
    w.permissions.set("jobs", str(job_id), access_control_list=[*_acl(users="CAN_VIEW"), _owner()])
    w.jobs.delete(job_id)
    with pytest.raises(NotFound):
        w.permissions.get("jobs", str(job_id))


def test_patch_sends_the_captured_body(emu: Emulator, w: WorkspaceClient):
    notebook_id = _notebook_id(w)
    sent = capture(emu)
    w.permissions.update(
        "notebooks",
        notebook_id,
        access_control_list=[
            iam.AccessControlRequest(
                user_name="a@b.c", permission_level=iam.PermissionLevel.CAN_RUN
            )
        ],
    )
    assert (sent[0].method, sent[0].path) == (
        "PATCH",
        f"/api/2.0/permissions/notebooks/{notebook_id}",
    )
    assert bodies(sent) == [
        {"access_control_list": [{"permission_level": "CAN_RUN", "user_name": "a@b.c"}]}
    ]
