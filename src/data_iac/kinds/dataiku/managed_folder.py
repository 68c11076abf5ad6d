"""``dataiku_managed_folder``: a managed folder of a DSS project; DSS generates its id."""

from __future__ import annotations

from data_iac.config.dataiku.children import build_folder
from data_iac.config.dataiku.schema import ManagedFolder
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

_IDENTITY = frozenset({"project_key", "name"})

SPEC = KindSpec(
    kind="dataiku_managed_folder",
    sections=("managed_folders",),
    config_model=ManagedFolder,
    build=build_folder,
    immutable=_IDENTITY,
    computed=frozenset({"id"}),
    parent="dataiku_project",
    scope=ListScope(("project_key",)),
    identity=("project_key", "name"),
    import_id="`<project key>.<folder name>`: `SALES.exports`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.dataiku.managed_folders:ManagedFolderHandler",
)
