"""``databricks_group_member`` (kinds/databricks/group_member.py): one member in a group's
SCIM ``members``, added and removed by SCIM PATCH through ``w.groups``: the same handling as
a principal's roles (``_roles.py``), on the ``members`` attribute."""

from __future__ import annotations

from data_iac.kinds.databricks.group_member import SPEC
from data_iac.providers.databricks._roles import RoleHandler, RoleKind

__all__ = ["Handler"]

MEMBERS = RoleKind(SPEC.kind, "group_id", lambda w: w.groups, "members", "member_id")


class Handler(RoleHandler):
    """CRUD of one group membership; thread safe."""

    schema = SPEC
    role_kind = MEMBERS
