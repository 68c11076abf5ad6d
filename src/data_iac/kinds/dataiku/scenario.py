"""``dataiku_scenario``: a scenario of a DSS project; DSS generates its id, the address key
is its name."""

from __future__ import annotations

from data_iac.config.dataiku.children import build_scenario
from data_iac.config.dataiku.schema import Scenario
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

_IDENTITY = frozenset({"project_key", "name"})

SPEC = KindSpec(
    kind="dataiku_scenario",
    sections=("scenarios",),
    config_model=Scenario,
    build=build_scenario,
    immutable=_IDENTITY | {"type"},
    computed=frozenset({"id"}),
    parent="dataiku_project",
    scope=ListScope(("project_key",)),
    identity=("project_key", "name"),
    import_id="`<project key>.<scenario name>`: `SALES.nightly`",
    refresh=Strategy.MARKERS,
    handler="data_iac.providers.dataiku.scenarios:ScenarioHandler",
)
