"""``databricks_user``: a workspace user; its ``groups:`` make it a member of those groups."""

from __future__ import annotations

from data_iac.config.stack.kinds import build_user
from data_iac.config.stack.schema import User
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_user",
    level="both",
    sections=("users",),
    config_model=User,
    build=build_user,
    immutable=frozenset({"user_name"}),
    computed=frozenset({"id", "emails", "groups"}),
    managed=frozenset({"user_name", "display_name", "active", "external_id"}),
    name_field="user_name",
    identity=("user_name", "display_name"),
    import_id="the SCIM id: `123456789012345`",
    principal_fields=("user_name",),
    refresh=Strategy.LISTING,
    generate="user",
    handler="data_iac.providers.databricks.users:Handler",
)
