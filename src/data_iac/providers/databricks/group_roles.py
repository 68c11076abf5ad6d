"""``databricks_group_role``: one role of a group (``{group_id, role}``), see
``_roles.py``."""

from __future__ import annotations

from data_iac.providers.databricks._roles import RoleHandler, RoleKind, role_schema

__all__ = ["KIND", "SCHEMA", "Handler"]

KIND = "databricks_group_role"
ROLE_KIND = RoleKind(KIND, "group_id", lambda w: w.groups)
SCHEMA = role_schema(ROLE_KIND)


class Handler(RoleHandler):
    """CRUD of one role of a group."""

    schema = SCHEMA
    role_kind = ROLE_KIND
