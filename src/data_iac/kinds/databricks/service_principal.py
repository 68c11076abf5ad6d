"""``databricks_service_principal``: a workspace service principal."""

from __future__ import annotations

from data_iac.config.stack.kinds import build_service_principal
from data_iac.config.stack.schema import ServicePrincipal
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_service_principal",
    level="both",
    sections=("service_principals",),
    config_model=ServicePrincipal,
    build=build_service_principal,
    immutable=frozenset({"application_id"}),
    computed=frozenset({"id", "groups"}),
    managed=frozenset({"display_name", "application_id", "active", "external_id"}),
    name_field="display_name",
    # application_id when set, else external_id (the user's, or data-iac's address marker)
    identity=("display_name", "application_id", "external_id"),
    import_id="the SCIM id: `123456789012345`",
    principal_fields=("application_id", "display_name"),
    refresh=Strategy.LISTING,
    generate="service_principal",
    handler="data_iac.providers.databricks.service_principals:Handler",
)
