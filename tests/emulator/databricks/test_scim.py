"""Workspace SCIM through the real SDK against the emulator."""

from __future__ import annotations

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound, ResourceConflict
from databricks.sdk.service import iam

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

PATCH_OP = [iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP]


def _member(resource_id: str | None) -> iam.Patch:
    return iam.Patch(op=iam.PatchOp.ADD, path="members", value=[{"value": resource_id}])


def test_users_create_get_and_round_trip(emu: Emulator, w: WorkspaceClient):
    sent = capture(emu)
    user = w.users.create(user_name="a@b.c", display_name="A")
    assert bodies(sent) == [{"displayName": "A", "userName": "a@b.c"}]
    assert user.id and user.active is True
    raw = w.api_client.do("GET", f"/api/2.0/preview/scim/v2/Users/{user.id}")
    assert isinstance(raw, dict) and raw["emails"][0]["value"] == "a@b.c"
    assert_round_trips(iam.User, raw)


def test_duplicates_answer_409_without_scim_type(w: WorkspaceClient):
    w.groups.create(display_name="admins2")
    with pytest.raises(ResourceConflict) as caught:
        w.groups.create(display_name="admins2")
    assert caught.value.error_code == "SCIM_409"
    assert str(caught.value) == "None Group with name admins2 already exists."
    w.users.create(user_name="a@b.c")
    with pytest.raises(ResourceConflict, match=r"User with username a@b.c already exists\."):
        w.users.create(user_name="a@b.c")


def test_missing_objects_answer_404(w: WorkspaceClient):
    with pytest.raises(NotFound, match=r"Group not found\."):
        w.groups.get("42")
    with pytest.raises(NotFound):
        w.service_principals.delete("42")


def test_list_honours_start_index_count_and_filter(small: Emulator, small_w: WorkspaceClient):
    ids = [small_w.users.create(user_name=f"u{i}@x.y").id for i in range(5)]
    assert [u.id for u in small_w.users.list()] == ids
    found = small_w.users.list(filter='userName eq "U3@X.Y"')
    assert [u.user_name for u in found] == ["u3@x.y"]
    both = small_w.users.list(filter='userName sw "u1" or userName co "4@"')
    assert sorted(u.user_name or "" for u in both) == ["u1@x.y", "u4@x.y"]
    raw = small_w.api_client.do(
        "GET", "/api/2.0/preview/scim/v2/Users", query={"startIndex": 5, "count": 10}
    )
    assert isinstance(raw, dict) and raw["itemsPerPage"] == 1 and raw["totalResults"] == 5
    assert_round_trips(iam.ListUsersResponse, raw)
    past = small_w.api_client.do("GET", "/api/2.0/preview/scim/v2/Users", query={"startIndex": 6})
    assert isinstance(past, dict) and "Resources" not in past


def test_bad_filter_is_400(w: WorkspaceClient):
    with pytest.raises(BadRequest):
        list(w.groups.list(filter="displayName ~ x"))


def test_group_membership_patch_add_and_remove(emu: Emulator, w: WorkspaceClient):
    user = w.users.create(user_name="a@b.c")
    sp = w.service_principals.create(display_name="sp")
    group = w.groups.create(display_name="g")
    assert group.id and user.id and sp.id and sp.application_id
    sent = capture(emu)
    w.groups.patch(group.id, operations=[_member(user.id)], schemas=PATCH_OP)
    assert bodies(sent) == [
        {
            "Operations": [{"op": "add", "path": "members", "value": [{"value": user.id}]}],
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        }
    ]
    w.groups.patch(group.id, operations=[_member(sp.id), _member(user.id)], schemas=PATCH_OP)
    members = w.groups.get(group.id).members or []
    assert [(m.value, m.display) for m in members] == [(user.id, "a@b.c"), (sp.id, "sp")]
    got_user = w.users.get(user.id)
    assert [g.display for g in got_user.groups or []] == ["g"]
    remove = iam.Patch(op=iam.PatchOp.REMOVE, path=f'members[value eq "{user.id}"]')
    w.groups.patch(group.id, operations=[remove], schemas=PATCH_OP)
    assert [m.value for m in w.groups.get(group.id).members or []] == [sp.id]
    raw = w.api_client.do("GET", f"/api/2.0/preview/scim/v2/Groups/{group.id}")
    assert isinstance(raw, dict)
    assert_round_trips(iam.Group, raw)


def test_user_patch_ignores_user_name_and_put_replaces(w: WorkspaceClient):
    user = w.users.create(user_name="a@b.c", display_name="A")
    assert user.id
    w.users.patch(
        user.id,
        operations=[
            iam.Patch(op=iam.PatchOp.REPLACE, path="userName", value="z@z.z"),
            iam.Patch(op=iam.PatchOp.REPLACE, value={"displayName": "B", "active": False}),
        ],
        schemas=PATCH_OP,
    )
    got = w.users.get(user.id)
    assert (got.user_name, got.display_name, got.active) == ("a@b.c", "B", False)
    w.users.update(user.id, user_name="a@b.c", display_name="C")
    got = w.users.get(user.id)
    assert (got.display_name, got.active) == ("C", True)


def test_deleting_a_user_removes_it_from_groups(w: WorkspaceClient):
    user = w.users.create(user_name="a@b.c")
    group = w.groups.create(display_name="g", members=[iam.ComplexValue(value=user.id)])
    assert user.id and group.id
    w.users.delete(user.id)
    assert not w.groups.get(group.id).members


def test_service_principal_round_trip(w: WorkspaceClient):
    sp = w.service_principals.create(
        application_id="00000000-0000-0000-0000-000000000001", display_name="sp"
    )
    assert sp.id
    raw = w.api_client.do("GET", f"/api/2.0/preview/scim/v2/ServicePrincipals/{sp.id}")
    assert isinstance(raw, dict)
    assert_round_trips(iam.ServicePrincipal, raw)
    with pytest.raises(ResourceConflict):
        w.service_principals.create(application_id="00000000-0000-0000-0000-000000000001")


def test_me_and_workspace_id(w: WorkspaceClient):
    assert w.current_user.me().user_name == "emulator-user@example.com"
    assert w.get_workspace_id() == 1234567890123456


def test_patch_without_a_value_is_refused(w: WorkspaceClient):
    # The SDK's Patch.as_dict drops a falsy value: {"op": "replace", "path": "active"}.
    user = w.users.create(user_name="a@b.c")
    assert user.id
    with pytest.raises(BadRequest, match="needs a value"):
        w.users.patch(
            user.id,
            operations=[iam.Patch(op=iam.PatchOp.REPLACE, path="active", value=False)],
            schemas=PATCH_OP,
        )


def test_list_and_sp_create_send_the_captured_shapes(emu: Emulator, w: WorkspaceClient):
    sent = capture(emu)
    list(w.users.list(filter='userName eq "a@b.c"'))
    assert dict(sent[0].query) == {
        "filter": ['userName eq "a@b.c"'],
        "startIndex": ["1"],
        "count": ["10000"],
    }
    w.service_principals.create(
        application_id="00000000-0000-0000-0000-000000000001", display_name="sp"
    )
    assert bodies(sent) == [
        {"applicationId": "00000000-0000-0000-0000-000000000001", "displayName": "sp"}
    ]
