"""``databricks_entitlements``: the workspace entitlements of one user, group or service
principal (``workspace_access``, ``databricks_sql_access``, ``allow_cluster_create``...).

Made by the stack from a principal's entitlement keys (Laktory's ``workspace_access: true``
on a user, group or service principal, config/stack/principals.py) or written on its own
(Laktory's ``databricks_entitlements``, the Terraform provider's resource). Served by
``providers/databricks/entitlements.py`` over the workspace SCIM API: each entitlement is
a value in the principal's ``entitlements`` (``allow-cluster-create``...). Only the
entitlements the config writes are managed: ``true`` adds the value, ``false`` removes
it, an unwritten one is left as it is. Remote id ``user/<id>``, ``group/<id>`` or
``spn/<id>`` (the Terraform provider's import id).
"""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["ENTITLEMENT_VALUES", "PRINCIPAL_FIELDS", "SPEC", "Entitlements"]

# Config field -> the SCIM entitlement value (databricks/terraform-provider-databricks
# scim/entitlements.go @f1697cb, which also makes workspace_consume conflict with
# workspace_access and databricks_sql_access).
ENTITLEMENT_VALUES = {
    "allow_cluster_create": "allow-cluster-create",
    "allow_instance_pool_create": "allow-instance-pool-create",
    "databricks_sql_access": "databricks-sql-access",
    "workspace_access": "workspace-access",
    "workspace_consume": "workspace-consume",
}
# The principal field -> the remote id's prefix (Terraform's import id).
PRINCIPAL_FIELDS = {"user_id": "user", "group_id": "group", "service_principal_id": "spn"}


class Entitlements(StackEntry):
    """One principal (exactly one of the ids) and the entitlements it should have."""

    user_id: str | None = None
    group_id: str | None = None
    service_principal_id: str | None = None
    allow_cluster_create: bool | None = None
    allow_instance_pool_create: bool | None = None
    databricks_sql_access: bool | None = None
    workspace_access: bool | None = None
    workspace_consume: bool | None = None

    @model_validator(mode="after")
    def _one_principal(self) -> Self:
        named = [f for f in PRINCIPAL_FIELDS if getattr(self, f)]
        if len(named) != 1:
            raise ValueError("name exactly one of user_id, group_id, service_principal_id")
        if self.workspace_consume and (self.workspace_access or self.databricks_sql_access):
            raise ValueError(
                "workspace_consume cannot be set with workspace_access or databricks_sql_access"
            )
        return self


SPEC = KindSpec(
    kind="databricks_entitlements",
    sections=("entitlements",),
    config_model=Entitlements,
    immutable=frozenset(PRINCIPAL_FIELDS),
    identity=tuple(PRINCIPAL_FIELDS),
    import_id="`user/<id>`, `group/<id>` or `spn/<id>`: `group/123456`",
    handler="data_iac.providers.databricks.entitlements:Handler",
)
