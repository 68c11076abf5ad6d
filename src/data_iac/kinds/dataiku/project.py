"""``dataiku_project``: a DSS project, identified by its project key."""

from __future__ import annotations

from data_iac.config.dataiku.schema import Project
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="dataiku_project",
    sections=("project",),
    config_model=Project,
    immutable=frozenset({"project_key"}),
    computed=frozenset({"owner"}),
    unordered=frozenset({"tags"}),
    name_field="project_key",
    identity=("project_key", "name"),
    import_id="the project key: `SALES`",
    refresh=Strategy.MARKERS,
    handler="data_iac.providers.dataiku.projects:ProjectHandler",
)
