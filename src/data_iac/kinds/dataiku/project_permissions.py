"""``dataiku_project_permissions``: the permission entries of a project, ``KEY``.

Written in the seed's format as ``project.permissions`` (DSS's entries: ``group`` or
``user`` and the flags granted); the owner stays the project's ``settings.owner``. A kind
of its own, so it can be imported and refreshed apart from the project."""

from __future__ import annotations

from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="dataiku_project_permissions",
    sections=("project.permissions",),
    immutable=frozenset({"project_key"}),
    parent="dataiku_project",
    name_field="project_key",
    identity=("project_key",),
    import_id="the project key: `SALES`",
    list_keys={"permissions": ("group", "user")},
    refresh=Strategy.MARKERS,
    parent_version=True,
    handler="data_iac.providers.dataiku.project_documents:PermissionsHandler",
)
