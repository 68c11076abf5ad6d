"""A principal's workspace assignments, roles and entitlements become their own resources."""

from __future__ import annotations

from pathlib import Path

from data_iac.config.stack.context import StackContext
from data_iac.config.stack.principals import add_principal_parts


def test_assignments_roles_and_entitlements_are_resources() -> None:
    ctx = StackContext({}, Path("."))
    user = ctx.add("databricks_user", "u", {"user_name": "u@x"}, ("resources", "users", "u"))
    raw = {
        "workspace_permission_assignments": [{"workspace_id": 42, "permissions": ["USER"]}],
        "roles": ["account_admin"],
        "workspace_access": True,
        "allow_cluster_create": False,
    }
    add_principal_parts(ctx, "u", raw, user, ("resources", "users", "u"))
    made = {str(d.address): d.spec for d in ctx.drafts[1:]}
    assert made == {
        "databricks_mws_permission_assignment.u.42": {
            "workspace_id": 42,
            "principal_id": "${ref:databricks_user.u#id}",
            "permissions": ["USER"],
        },
        "databricks_user_role.u.account_admin": {
            "role": "account_admin",
            "user_id": "${ref:databricks_user.u#id}",
        },
        "databricks_entitlements.u": {
            "user_id": "${ref:databricks_user.u#id}",
            "workspace_access": True,
            "allow_cluster_create": False,
        },
    }
    assert ctx.problems == []
