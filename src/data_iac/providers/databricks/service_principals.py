"""``databricks_service_principal``: ``{display_name, application_id?, active?,
external_id?}``; remote id: the SCIM id. ``application_id`` is set by the workspace when
the spec leaves it out, and cannot change afterwards (a new one plans a replace)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.kinds.databricks.service_principal import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._principals import PrincipalHandler, PrincipalKind
from data_iac.providers.databricks._scim import scim_attributes

__all__ = ["KIND", "SCHEMA", "Handler", "to_observed"]

KIND = "databricks_service_principal"
FIELDS = {
    "application_id": "applicationId",
    "display_name": "displayName",
    "active": "active",
    "external_id": "externalId",
}


def to_observed(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A SCIM ServicePrincipal JSON as attributes in snake_case."""
    return scim_attributes(raw, FIELDS)


class Handler(PrincipalHandler):
    """CRUD for service principals through ``client``; thread safe."""

    schema = SCHEMA
    principal = PrincipalKind(
        kind=KIND,
        what="service principal",
        service=lambda w: w.service_principals,
        key="application_id",
        fields=FIELDS,
        to_observed=to_observed,
    )

    def find_by_application_id(self, application_id: str) -> Observed | None:
        return self.find_by_key(application_id)
