"""``databricks_user``: a workspace user, ``{user_name, display_name?, active?,
external_id?}``; remote id: the SCIM id. ``user_name`` cannot change (SCIM ignores it on
PATCH), so a new one plans a replace."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.kinds.databricks.user import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._principals import PrincipalHandler, PrincipalKind
from data_iac.providers.databricks._scim import scim_attributes

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_user"
# spec field -> SCIM attribute
FIELDS = {
    "user_name": "userName",
    "display_name": "displayName",
    "active": "active",
    "external_id": "externalId",
}


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A SCIM User JSON as attributes in the spec's snake_case names."""
    attributes = scim_attributes(raw, FIELDS)
    attributes["emails"] = sorted(str(e.get("value")) for e in raw.get("emails") or [])
    return attributes


class Handler(PrincipalHandler):
    """CRUD for workspace users through ``client``; thread safe."""

    schema = SCHEMA
    principal = PrincipalKind(
        kind=KIND,
        what="user",
        service=lambda w: w.users,
        key="user_name",
        fields=FIELDS,
        to_observed=to_observed,
    )

    def find_by_user_name(self, user_name: str) -> Observed | None:
        return self.find_by_key(user_name)
