"""``databricks_user_role``: one role of a user (``{user_id, role}``), see
``_roles.py``."""

from __future__ import annotations

from data_iac.providers.databricks._roles import RoleHandler, RoleKind, role_schema

__all__ = ["KIND", "SCHEMA", "Handler"]

KIND = "databricks_user_role"
ROLE_KIND = RoleKind(KIND, "user_id", lambda w: w.users)
SCHEMA = role_schema(ROLE_KIND)


class Handler(RoleHandler):
    """CRUD of one role of a user."""

    schema = SCHEMA
    role_kind = ROLE_KIND
