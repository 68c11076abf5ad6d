"""databricks_user_role / _group_role / _service_principal_role: one role in a principal's
SCIM ``roles``, added and removed by PATCH as the Terraform provider does
(scim/resource_group_role.go of databricks/terraform-provider-databricks at 0ff084b5)."""

from __future__ import annotations

from databricks.sdk.service import iam

from data_iac.addresses import Address
from data_iac.providers.databricks import group_roles, user_roles
from data_iac.providers.databricks.client import DatabricksClient

ROLE = "arn:aws:iam::123456789012:instance-profile/etl"


def test_a_user_role_is_added_read_and_removed(dbx: DatabricksClient) -> None:
    user = dbx.w.users.create(user_name="role-user@example.com")
    handler = user_roles.Handler(dbx)
    address = Address("databricks_user_role", f"u.{ROLE}")
    created = handler.create(address, {"user_id": user.id, "role": ROLE})
    assert created.remote_id == f"{user.id}|{ROLE}"
    assert created.attributes == {"user_id": user.id, "role": ROLE}
    assert [r.value for r in dbx.w.users.get(str(user.id)).roles or []] == [ROLE]
    handler.delete(address, created)
    assert handler.read(address, created.remote_id) is None
    handler.delete(address, created)  # already gone: not an error


def test_removing_one_group_role_keeps_the_others(dbx: DatabricksClient) -> None:
    other = iam.ComplexValue(value="arn:aws:iam::123456789012:instance-profile/other")
    group = dbx.w.groups.create(display_name="role-group", roles=[other])
    handler = group_roles.Handler(dbx)
    address = Address("databricks_group_role", "g")
    created = handler.create(address, {"group_id": group.id, "role": ROLE})
    handler.delete(address, created)
    assert [r.value for r in dbx.w.groups.get(str(group.id)).roles or []] == [other.value]


def test_a_missing_principal_reads_as_no_role(dbx: DatabricksClient) -> None:
    handler = user_roles.Handler(dbx)
    assert handler.read(Address("databricks_user_role", "x"), f"987654|{ROLE}") is None


def test_a_service_principal_role_is_added_and_removed(dbx: DatabricksClient) -> None:
    from data_iac.providers.databricks import service_principal_roles

    principal = dbx.w.service_principals.create(display_name="role-bot")
    handler = service_principal_roles.Handler(dbx)
    address = Address("databricks_service_principal_role", "bot")
    created = handler.create(address, {"service_principal_id": principal.id, "role": ROLE})
    assert created.remote_id == f"{principal.id}|{ROLE}"
    roles = dbx.w.service_principals.get(str(principal.id)).roles or []
    assert [r.value for r in roles] == [ROLE]
    handler.delete(address, created)
    assert handler.read(address, created.remote_id) is None
