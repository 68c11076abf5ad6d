"""What a Laktory principal entry manages besides the principal: workspace assignments,
account roles and workspace entitlements.

Laktory's Terraform translation makes each its own resource, and so do we, with the
Terraform type as our kind and the principal's key plus the item as the key:

- ``workspace_permission_assignments: [{workspace_id, permissions}]`` ->
  ``databricks_mws_permission_assignment.<key>.<workspace_id>`` (an account principal's
  access to a workspace, through the account API);
- ``roles: [account_admin]`` -> ``databricks_<user|group|service_principal>_role.<key>.<role>``;
- entitlements (``allow_cluster_create``, ``databricks_sql_access``, ``workspace_access``...)
  -> ``databricks_entitlements.<key>`` (the principal's workspace entitlements, through the
  default workspace provider; only the entitlements written are managed).

Group membership (Terraform's ``databricks_group_member``) stays folded into the group's
``members`` (see config/stack/document.py).
"""

from __future__ import annotations

from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.context import Draft, StackContext
from data_iac.model.references import canonical_reference

__all__ = ["ENTITLEMENTS", "PRINCIPAL_PARTS", "add_principal_parts"]

ENTITLEMENTS = (
    "allow_cluster_create",
    "allow_instance_pool_create",
    "databricks_sql_access",
    "workspace_access",
    "workspace_consume",
)
PRINCIPAL_PARTS = frozenset({"workspace_permission_assignments", "roles", *ENTITLEMENTS})
# Principal kind -> (role kind, the role's field naming the principal).
# Principal kind -> the entitlements' field naming it (kinds/databricks/entitlements.py).
_ENTITLED_BY = {
    "databricks_user": "user_id",
    "databricks_group": "group_id",
    "databricks_service_principal": "service_principal_id",
}
_ROLE_KINDS = {
    "databricks_user": ("databricks_user_role", "user_id"),
    "databricks_group": ("databricks_group_role", "group_id"),
    "databricks_service_principal": ("databricks_service_principal_role", "service_principal_id"),
}


def add_principal_parts(
    ctx: StackContext, key: str, raw: dict[str, Any], principal: Draft, path: NodePath
) -> None:
    """Add the assignments, roles and entitlements ``raw`` declares for ``principal``."""
    principal_id = canonical_reference(principal.address, "id")
    for index, item in enumerate(raw.get("workspace_permission_assignments") or []):
        spec = {
            "workspace_id": item["workspace_id"],
            "principal_id": principal_id,
            "permissions": list(item["permissions"]),
        }
        where = (*path, "workspace_permission_assignments", index)
        _part(ctx, "databricks_mws_permission_assignment", f"{key}.{item['workspace_id']}", spec,
              principal, where)  # fmt: skip
    role_kind, field = _ROLE_KINDS[principal.address.kind]
    for index, role in enumerate(raw.get("roles") or []):
        spec = {"role": role, field: principal_id}
        _part(ctx, role_kind, f"{key}.{role}", spec, principal, (*path, "roles", index))
    written = {name: raw[name] for name in ENTITLEMENTS if raw.get(name) is not None}
    if written:
        spec = {_ENTITLED_BY[principal.address.kind]: principal_id, **written}
        ctx.add("databricks_entitlements", key, spec, path).depends_on.add(principal.address)


def _part(
    ctx: StackContext, kind: str, key: str, spec: dict[str, Any], principal: Draft, path: NodePath
) -> None:
    draft = ctx.add(kind, key, spec, path)
    draft.depends_on.add(principal.address)
