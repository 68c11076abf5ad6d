"""``dataiku_dataset``: a dataset of a DSS project, ``KEY.NAME``."""

from __future__ import annotations

from data_iac.config.dataiku.children import build_dataset
from data_iac.config.dataiku.schema import Dataset
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

_IDENTITY = frozenset({"project_key", "name"})

SPEC = KindSpec(
    kind="dataiku_dataset",
    sections=("datasets",),
    config_model=Dataset,
    build=build_dataset,
    immutable=_IDENTITY | {"type", "managed"},
    unordered=frozenset({"tags"}),
    parent="dataiku_project",
    scope=ListScope(("project_key",)),
    identity=("project_key", "name"),
    import_id="`<project key>.<dataset name>`: `SALES.orders`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.dataiku.datasets:DatasetHandler",
)
