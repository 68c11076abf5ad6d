"""``dataiku_project_variables``: a project's variables document, ``KEY``.

Written in the seed's format as ``project.variables`` (a flat mapping: the ``standard``
section); managed as a kind of its own so it can be imported, refreshed and ignored
(``lifecycle``) apart from the project. Only the variables written are compared."""

from __future__ import annotations

from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="dataiku_project_variables",
    sections=("project.variables",),
    immutable=frozenset({"project_key"}),
    parent="dataiku_project",
    name_field="project_key",
    identity=("project_key",),
    import_id="the project key: `SALES`",
    refresh=Strategy.MARKERS,
    parent_version=True,
    handler="data_iac.providers.dataiku.project_documents:VariablesHandler",
)
