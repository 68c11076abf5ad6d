"""``databricks_group_member``: one member (user, service principal or group) of a group,
as its own resource (the Terraform provider's ``databricks_group_member``, Laktory's
``databricks_groupmembers``).

Served by ``providers/databricks/group_members.py`` over the group's SCIM ``members``
(databricks/terraform-provider-databricks ``scim/resource_group_member.go``: add with a
PATCH ``add`` of ``members``, remove with ``members[value eq "ID"]``). Remote id
``GROUP_ID|MEMBER_ID`` (the provider's import id); both fields are immutable. A group
whose own entry lists ``members`` manages all of them: do not also add members of that
group this way (the group's next apply would remove them).
"""

from __future__ import annotations

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["SPEC", "GroupMember"]


class GroupMember(StackEntry):
    """A group (its SCIM id) and one member's SCIM id."""

    group_id: str
    member_id: str


SPEC = KindSpec(
    kind="databricks_group_member",
    sections=("group_members", "groupmembers"),
    config_model=GroupMember,
    immutable=frozenset({"group_id", "member_id"}),
    identity=("group_id", "member_id"),
    name_field="member_id",
    import_id="`<group_id>|<member_id>`: `987654321|123456789`",
    handler="data_iac.providers.databricks.group_members:Handler",
)
