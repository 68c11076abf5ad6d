"""``databricks_group``: a workspace group; members come from users' ``groups:`` too."""

from __future__ import annotations

from data_iac.config.stack.kinds import build_group
from data_iac.config.stack.schema import Group
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_group",
    level="both",
    sections=("groups",),
    config_model=Group,
    build=build_group,
    immutable=frozenset({"display_name"}),
    computed=frozenset({"id", "groups"}),
    unordered=frozenset({"members"}),
    managed=frozenset({"display_name", "members", "external_id"}),
    name_field="display_name",
    identity=("display_name",),
    import_id="the SCIM id: `123456789012345`",
    principal_fields=("display_name",),
    refresh=Strategy.LISTING,
    generate="group",
    handler="data_iac.providers.databricks.groups:Handler",
)
