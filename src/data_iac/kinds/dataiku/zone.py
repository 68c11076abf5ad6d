"""``dataiku_zone``: a flow zone of a DSS project; DSS generates its id."""

from __future__ import annotations

from data_iac.config.dataiku.children import build_zone
from data_iac.config.dataiku.schema import Zone
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

_IDENTITY = frozenset({"project_key", "name"})

SPEC = KindSpec(
    kind="dataiku_zone",
    sections=("zones",),
    config_model=Zone,
    build=build_zone,
    immutable=_IDENTITY,
    computed=frozenset({"id"}),
    parent="dataiku_project",
    scope=ListScope(("project_key",)),
    identity=("project_key", "name"),
    import_id="`<project key>.<zone name>`: `SALES.ingestion`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.dataiku.zones:ZoneHandler",
)
