"""``databricks_user_role``: one role of a user (Laktory's ``roles:`` item).

Made by the stack from a principal's ``roles`` (config/stack/principals.py); served by a
workspace (an instance profile) or an account provider (``account_admin``). Remote id
``PRINCIPAL_ID|ROLE`` (the Terraform provider's pair id); both fields are immutable.
"""

from __future__ import annotations

from data_iac.model.kind import KindSpec

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_user_role",
    level="both",
    immutable=frozenset({"user_id", "role"}),
    identity=("user_id", "role"),
    name_field="role",
    import_id="`<user_id>|<role>`: `987654321|account_admin`",
    handler="data_iac.providers.databricks.user_roles:Handler",
)
