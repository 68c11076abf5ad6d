"""``databricks_group_role``: one role of a group (Laktory's ``roles:`` item).

Made by the stack from a principal's ``roles`` (config/stack/principals.py); served by a
workspace (an instance profile) or an account provider (``account_admin``). Remote id
``PRINCIPAL_ID|ROLE`` (the Terraform provider's pair id); both fields are immutable.
"""

from __future__ import annotations

from data_iac.model.kind import KindSpec

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_group_role",
    level="both",
    immutable=frozenset({"group_id", "role"}),
    identity=("group_id", "role"),
    name_field="role",
    import_id="`<group_id>|<role>`: `987654321|account_admin`",
    handler="data_iac.providers.databricks.group_roles:Handler",
)
