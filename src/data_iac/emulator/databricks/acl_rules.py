"""What the workspace Permissions API checks in an access control list before it stores it.

Facts, each from a source nobody on this project wrote:

- The same principal named twice keeps the *last* level; "IS_OWNER, CAN_MANAGE" for one
  user therefore leaves no owner (databricks/cli
  ``acceptance/bundle/resources/permissions/factcheck/output.txt`` at 7bbe2852, recorded on
  real workspaces: ``jobs CAN_MANAGE_RUN,CAN_VIEW => CAN_VIEW``).
- A job or pipeline ACL must hold exactly one ``IS_OWNER`` after that: zero or two answer
  400 ``INVALID_PARAMETER_VALUE`` "The job must have exactly one owner." (same file, and
  ``libs/testserver/permissions.go`` at 7bbe2852: "verified against the backend").
- A principal the workspace does not know answers 404 ``RESOURCE_DOES_NOT_EXIST``
  "Principal: ServicePrincipalName(foo) does not exist" (terraform-provider-databricks
  issues #1415, #4604; ``GroupName(account users)`` with 404 RESOURCE_DOES_NOT_EXIST in a
  public workshop script's record of a real run). A service principal is named by its
  application id; ``account users`` is an account group the workspace ACLs do not resolve.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DEFAULT_USER, DatabricksContext, api_error

__all__ = ["PRINCIPAL_FIELDS", "check_principals", "deduplicated", "require_one_owner"]

PRINCIPAL_FIELDS = ("user_name", "group_name", "service_principal_name")
OWNER = "IS_OWNER"
# Workspace-local groups every workspace has.
_BUILTIN_GROUPS = frozenset({"users", "admins"})
# (ACL field, SCIM directory suffix, SCIM attribute, the name in the error message)
_DIRECTORIES = {
    "user_name": ("users", "userName", "UserName"),
    "group_name": ("groups", "displayName", "GroupName"),
    "service_principal_name": ("serviceprincipals", "applicationId", "ServicePrincipalName"),
}
# Object types whose ACL always has exactly one owner, and the noun of their error.
OWNED_TYPES = {"jobs": "job", "pipelines": "pipeline"}


def principal_of(entry: dict[str, Any]) -> tuple[str, str]:
    """(field, name) of the one principal an entry names."""
    return next((f, str(entry[f])) for f in PRINCIPAL_FIELDS if entry.get(f))


def deduplicated(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``entries`` with one entry per principal, the last level winning, in first-seen order."""
    by_principal: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        by_principal[principal_of(entry)] = entry
    return list(by_principal.values())


def require_one_owner(type_path: str, entries: list[dict[str, Any]]) -> None:
    """400 unless a job's or pipeline's ACL holds exactly one ``IS_OWNER``."""
    noun = OWNED_TYPES.get(type_path)
    if noun is None:
        return
    owners = sum(e["permission_level"] == OWNER for e in entries)
    if owners != 1:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"The {noun} must have exactly one owner.")


def check_principals(ctx: DatabricksContext, entries: list[dict[str, Any]]) -> None:
    """404 for the first principal the workspace cannot resolve."""
    for entry in entries:
        field, name = principal_of(entry)
        if not _known(ctx, field, name):
            label = _DIRECTORIES[field][2]
            raise api_error(
                404, "RESOURCE_DOES_NOT_EXIST", f"Principal: {label}({name}) does not exist"
            )


def _known(ctx: DatabricksContext, field: str, name: str) -> bool:
    if field == "user_name" and name in (ctx.user_name, DEFAULT_USER):
        return True
    if field == "group_name" and name in _BUILTIN_GROUPS:
        return True
    suffix, attribute, _ = _DIRECTORIES[field]
    if any(doc.get(attribute) == name for doc in ctx.table(f"scim_{suffix}").values()):
        return True
    assigned = ctx.table("account_workspace_assignments")
    return any(
        doc.get(attribute) == name and str(doc.get("id")) in assigned
        for doc in ctx.table(f"account_scim_{suffix}").values()
    )
