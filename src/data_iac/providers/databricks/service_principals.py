"""``databricks_service_principal``: ``{display_name, application_id?, active?,
external_id?}``; remote id: the SCIM id. ``application_id`` is set by the workspace when
the spec leaves it out, and cannot change afterwards (a new one plans a replace).

Found again after a crash or an ambiguous create by its ``application_id``; without one
(the workspace makes it up) by its ``external_id``: the user's, else one data-iac writes,
``data-iac:ADDRESS`` (``address_marker``), which no other principal carries. Display names
repeat, so they never identify one. The marker is not compared by plans (a field the
config leaves out is not diffed); a config that sets ``external_id`` later replaces it in
place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds.databricks.service_principal import SPEC as SCHEMA
from data_iac.model.resource import Observed
from data_iac.providers.databricks._principals import PrincipalHandler, PrincipalKind
from data_iac.providers.databricks._scim import find_one, scim_attributes

__all__ = ["KIND", "SCHEMA", "Handler", "address_marker", "to_observed"]

KIND = "databricks_service_principal"
FIELDS = {
    "application_id": "applicationId",
    "display_name": "displayName",
    "active": "active",
    "external_id": "externalId",
}


def address_marker(address: Address) -> str:
    """The ``external_id`` data-iac gives a service principal whose config sets neither
    ``application_id`` nor ``external_id``: its address, so a create that landed is found."""
    return f"data-iac:{address}"


def marked_spec(address: Address, spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` with the address marker as ``external_id`` when nothing else identifies it."""
    if spec.get("application_id") or spec.get("external_id"):
        return dict(spec)
    return {**spec, "external_id": address_marker(address)}


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

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return super().create(address, marked_spec(address, spec))

    def find_by_address(
        self, address: Address, spec: Mapping[str, Any] | None = None
    ) -> Observed | None:
        """The principal with the spec's ``application_id``, else with its ``external_id``
        (the user's, or the address marker ``create`` wrote), or None."""
        wanted = marked_spec(address, spec or {})
        if wanted.get("application_id"):
            return self.find_by_key(str(wanted["application_id"]))
        raw = find_one(
            self.client, self.principal.service(self.client.w).list, "externalId",
            str(wanted["external_id"]),
        )  # fmt: skip
        return None if raw is None else self._observed(raw)
