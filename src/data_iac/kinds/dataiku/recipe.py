"""``dataiku_recipe``: a recipe of a DSS project, ``KEY.NAME``."""

from __future__ import annotations

from data_iac.config.dataiku.children import build_recipe
from data_iac.config.dataiku.schema import Recipe
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

_IDENTITY = frozenset({"project_key", "name"})

SPEC = KindSpec(
    kind="dataiku_recipe",
    sections=("recipes",),
    config_model=Recipe,
    build=build_recipe,
    immutable=_IDENTITY | {"type"},
    parent="dataiku_project",
    scope=ListScope(("project_key",)),
    identity=("project_key", "name"),
    import_id="`<project key>.<recipe name>`: `SALES.compute_orders`",
    refresh=Strategy.MARKERS,
    handler="data_iac.providers.dataiku.recipes:RecipeHandler",
)
