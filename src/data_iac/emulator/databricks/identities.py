"""Lookups across the two directories: the account's (``account_scim_*``) and the
workspace's (``scim_*``), OAuth secrets, federation policies and workspace assignments.

Facts: a service principal created in a workspace is added to the account as well
(docs.databricks.com/dev-tools/auth/oauth-m2m.html: "Service principals created in workspaces
are automatically added to the account"); an account principal reaches a workspace through
a workspace permission assignment (``/api/2.0/accounts/ID/workspaces/WS/permissionassignments``).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.databricks.tokens import secret_hash

__all__ = [
    "account_service_principal",
    "assignments",
    "check_secret",
    "federation_policies_of",
    "in_workspace",
    "secrets_table",
]


def secrets_table(ctx: DatabricksContext) -> dict[str, Any]:
    return ctx.table("sp_secrets")


def assignments(ctx: DatabricksContext) -> dict[str, Any]:
    """Workspace permission assignments: principal id -> {"permissions": [...]}."""
    return ctx.table("account_workspace_assignments")


def _by_application_id(table: dict[str, Any], application_id: str) -> dict[str, Any] | None:
    for principal in table.values():
        if isinstance(principal, dict) and principal.get("applicationId") == application_id:
            return principal
    return None


def account_service_principal(ctx: DatabricksContext, application_id: str) -> dict[str, Any] | None:
    """The service principal with this application (client) id, in the account or, created
    in the workspace, in both."""
    return _by_application_id(
        ctx.table("account_scim_serviceprincipals"), application_id
    ) or _by_application_id(ctx.table("scim_serviceprincipals"), application_id)


def in_workspace(ctx: DatabricksContext, application_id: str) -> bool:
    """Whether the service principal may use the workspace: created there, or assigned."""
    if _by_application_id(ctx.table("scim_serviceprincipals"), application_id):
        return True
    principal = _by_application_id(ctx.table("account_scim_serviceprincipals"), application_id)
    return principal is not None and principal["id"] in assignments(ctx)


def check_secret(ctx: DatabricksContext, application_id: str, secret: str) -> bool:
    """Whether ``secret`` is an active, unexpired OAuth secret of that service principal."""
    principal = account_service_principal(ctx, application_id)
    if principal is None:
        return False
    digest = secret_hash(secret)
    now_ms = ctx.tokens.now() * 1000
    for entry in secrets_table(ctx).values():
        if (
            entry.get("service_principal_id") == principal["id"]
            and entry.get("hash") == digest
            and entry.get("status") == "ACTIVE"
            and float(entry.get("expire_ms", 0)) > now_ms
        ):
            return True
    return False


def federation_policies_of(ctx: DatabricksContext, principal_id: str) -> list[dict[str, Any]]:
    return [
        policy
        for policy in ctx.table("sp_federation_policies").values()
        if str(policy.get("service_principal_id")) == str(principal_id)
    ]
