"""Grants naming a workspace-local group: a warning at validate time.

Unity Catalog resolves account-level principals only; a group created through the workspace
SCIM API is workspace-local, and a grant naming it fails on a real workspace with "Could not
find principal with name ..." (terraform-provider-databricks issues #1773, #5413). When a
config creates a group through a workspace provider and grants to it, say so before the apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.model.resource import Resource

__all__ = ["workspace_group_grant_warnings"]

_DEFAULT = "databricks"


def workspace_group_grant_warnings(
    resources: Iterable[Resource], providers: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """One warning per (grants resource, workspace group) it names. Pure."""
    resources = list(resources)
    account = {name for name, settings in providers.items() if settings.get("account_id")}
    local = {
        str(r.spec.get("display_name")): r.address
        for r in resources
        if r.address.kind == "databricks_group" and (r.provider or _DEFAULT) not in account
    }
    warnings = []
    for resource in resources:
        if resource.address.kind != "databricks_grants":
            continue
        for principal in sorted(_principals(resource.spec.get("grants"))):
            group = local.get(principal)
            if group is not None:
                warnings.append(
                    f"{resource.address} grants to '{principal}', a group {group} "
                    "creates in the workspace: Unity Catalog resolves account-level principals "
                    "only, and the grant will fail with 'Could not find principal'; create the "
                    "group through an account provider (one with account_id, "
                    "resource_options.provider) and assign it to the workspace"
                )
    return warnings


def _principals(grants: Any) -> set[str]:
    if isinstance(grants, Mapping):
        return {str(p) for p in grants}
    if isinstance(grants, list):
        return {str(g.get("principal")) for g in grants if isinstance(g, Mapping)}
    return set()
