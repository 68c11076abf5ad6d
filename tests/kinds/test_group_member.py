"""databricks_group_member on the emulator's workspace SCIM. Facts and sources:
databricks/terraform-provider-databricks ``scim/resource_group_member.go`` (a member is added
by a PATCH ``add`` of ``members`` and removed by ``remove`` with ``members[value eq "ID"]``;
the import id is ``GROUP_ID|MEMBER_ID``)."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.group_members import Handler
from tests.providers.databricks.lifecycle import assert_no_diff

KIND = "databricks_group_member"


def test_add_read_remove(dbx: DatabricksClient) -> None:
    group = dbx.w.groups.create(display_name="analysts")
    user = dbx.w.users.create(user_name="ana@example.com")
    other = dbx.w.users.create(user_name="bo@example.com")
    handler = Handler(dbx)
    spec = {"group_id": group.id, "member_id": user.id}
    created = handler.create(Address(KIND, "ana"), spec)
    assert created.remote_id == f"{group.id}|{user.id}"
    assert_no_diff(handler, spec, created)
    handler.create(Address(KIND, "bo"), {"group_id": group.id, "member_id": other.id})
    handler.delete(Address(KIND, "ana"), created)
    assert handler.read(Address(KIND, "ana"), created.remote_id) is None
    members = {m.value for m in dbx.w.groups.get(group.id).members or []}
    assert members == {other.id}  # the other membership is its own resource: kept
    dbx.w.groups.delete(group.id)
    handler.delete(Address(KIND, "ana"), created)  # the group is gone: not an error
