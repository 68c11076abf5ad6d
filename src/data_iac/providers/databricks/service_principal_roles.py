"""``databricks_service_principal_role``: one role of a service principal
(``{service_principal_id, role}``), see ``_roles.py``."""

from __future__ import annotations

from data_iac.providers.databricks._roles import RoleHandler, RoleKind, role_schema

__all__ = ["KIND", "SCHEMA", "Handler"]

KIND = "databricks_service_principal_role"
ROLE_KIND = RoleKind(KIND, "service_principal_id", lambda w: w.service_principals)
SCHEMA = role_schema(ROLE_KIND)


class Handler(RoleHandler):
    """CRUD of one role of a service principal."""

    schema = SCHEMA
    role_kind = ROLE_KIND
