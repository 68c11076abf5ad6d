"""A validated Dataiku project -> Resources, with specs in DSS's own vocabulary.

Specs follow the contract in ``data_iac.providers.dataiku``: optional keys are left out when
the user did not set them (so they are never diffed), and the seed's type names are mapped
to DSS's, so that a plan right after an apply is empty:

- dataset ``managed`` -> ``Filesystem`` with ``managed: true`` (connection
  ``filesystem_managed`` unless one is given); ``sql`` (the seed's generic SQL type) ->
  ``PostgreSQL``, DSS's usual SQL connection type; other lower-case seed names map to the
  DSS spelling (``snowflake`` -> ``Snowflake``, ``sqlserver`` -> ``SQLServer``...). A name
  that is not all lower case is taken to be DSS's own and passes through.
- recipe ``sql`` -> ``sql_query``, ``prepare`` -> ``shaker``; other types pass through.
- project variables (a flat mapping in the seed) -> ``{"standard": {...}, "local": {}}``.
- project ``settings`` keep the seed's keys (``owner``, ``exposed``, ``git``); the provider
  stores each where DSS keeps it (see providers/dataiku/project_settings.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from data_iac.addresses import Address
from data_iac.config.dataiku.schema import (
    DataikuConfig,
    Dataset,
    ManagedFolder,
    Recipe,
    Scenario,
    Zone,
)
from data_iac.config.dataiku.types import MANAGED_CONNECTION, dss_dataset_type, dss_recipe_type
from data_iac.config.locations import Marks, locate
from data_iac.config.schema import LifecycleSettings
from data_iac.model.resource import Lifecycle, Resource

__all__ = ["build_dataiku_resources"]

_NO_LIFECYCLE = Lifecycle()


def build_dataiku_resources(config: DataikuConfig, marks: Marks) -> list[Resource]:
    """Every resource of one project, in config order, with its dependencies and location."""
    builder = _Builder(config.project.key, marks)
    resources = [builder.project(config)]
    resources += builder.each("zones", config.zones, builder.zone)
    resources += builder.each("datasets", config.datasets, builder.dataset)
    resources += builder.each("managed_folders", config.managed_folders, builder.folder)
    folders = {folder.name for folder in config.managed_folders}
    resources += builder.each("recipes", config.recipes, lambda r: builder.recipe(r, folders))
    resources += builder.each("scenarios", config.scenarios, builder.scenario)
    return resources


def _optional(spec: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Add only the values that are set: an unset key is not managed, so never diffed."""
    for key, value in values.items():
        if value is not None:
            spec[key] = value
    return spec


def _lifecycle(settings: LifecycleSettings | None) -> Lifecycle:
    if settings is None:
        return _NO_LIFECYCLE
    return Lifecycle(settings.prevent_destroy, tuple(settings.ignore_changes))


class _Builder:
    """Makes the resources of one project; ``key`` is its project key."""

    def __init__(self, key: str, marks: Marks) -> None:
        self.key = key
        self.marks = marks
        self.project_address = Address("dataiku_project", key)
        self.section = ""
        self.index = 0

    def each(self, section: str, items: Iterable[Any], make: Any) -> list[Resource]:
        made = []
        self.section = section
        for self.index, item in enumerate(items):
            made.append(make(item))
        return made

    def resource(
        self, kind: str, name: str, spec: dict[str, Any], depends: set[Address], life: Any
    ) -> Resource:
        depends.add(self.project_address)
        return Resource(
            Address(kind, f"{self.key}.{name}"),
            spec,
            frozenset(depends),
            _lifecycle(life),
            locate(self.marks, (self.section, self.index)),
        )

    def zone_dependency(self, zone: str | None) -> set[Address]:
        return set() if zone is None else {Address("dataiku_zone", f"{self.key}.{zone}")}

    def project(self, config: DataikuConfig) -> Resource:
        project = config.project
        variables = None
        if project.variables is not None:
            variables = {"standard": dict(project.variables), "local": {}}
        spec = _optional(
            {"project_key": self.key, "name": project.name or self.key},
            description=project.description,
            tags=project.tags,
            variables=variables,
            permissions=project.permissions,
            settings=None
            if project.settings is None
            else project.settings.model_dump(exclude_none=True),
        )
        return Resource(
            self.project_address,
            spec,
            lifecycle=_lifecycle(project.lifecycle),
            location=locate(self.marks, ("project",)),
        )

    def zone(self, zone: Zone) -> Resource:
        spec = _optional({"project_key": self.key, "name": zone.name}, color=zone.color)
        return self.resource("dataiku_zone", zone.name, spec, set(), zone.lifecycle)

    def dataset(self, dataset: Dataset) -> Resource:
        managed = dataset.type == "managed" if dataset.managed is None else dataset.managed
        connection = dataset.connection
        if dataset.type == "managed" and connection is None:
            connection = MANAGED_CONNECTION
        spec = _optional(
            {
                "project_key": self.key,
                "name": dataset.name,
                "type": dss_dataset_type(dataset.type) or dataset.type,
                "managed": managed,
            },
            connection=connection,
            params=dataset.params,
            format_type=dataset.format_type,
            format_params=dataset.format_params,
            schema=None
            if dataset.schema_ is None
            else dataset.schema_.model_dump(by_alias=True, exclude_none=True),
            description=dataset.description,
            tags=dataset.tags,
            zone=dataset.zone,
        )
        depends = self.zone_dependency(dataset.zone)
        return self.resource("dataiku_dataset", dataset.name, spec, depends, dataset.lifecycle)

    def folder(self, folder: ManagedFolder) -> Resource:
        spec = _optional(
            {"project_key": self.key, "name": folder.name},
            connection=folder.connection,
            type=folder.type,
            params=folder.params,
            zone=folder.zone,
        )
        depends = self.zone_dependency(folder.zone)
        return self.resource("dataiku_managed_folder", folder.name, spec, depends, folder.lifecycle)

    def recipe(self, recipe: Recipe, folders: set[str]) -> Resource:
        spec = _optional(
            {
                "project_key": self.key,
                "name": recipe.name,
                "type": dss_recipe_type(recipe.type) or recipe.type,
                "inputs": list(recipe.inputs),
                "outputs": list(recipe.outputs),
            },
            description=recipe.description,
            params=recipe.params,
            code=recipe.code,
            zone=recipe.zone,
        )
        depends = self.zone_dependency(recipe.zone)
        for name in (*recipe.inputs, *recipe.outputs):
            kind = "dataiku_managed_folder" if name in folders else "dataiku_dataset"
            depends.add(Address(kind, f"{self.key}.{name}"))
        return self.resource("dataiku_recipe", recipe.name, spec, depends, recipe.lifecycle)

    def scenario(self, scenario: Scenario) -> Resource:
        spec = _optional(
            {
                "project_key": self.key,
                "name": scenario.name,
                "type": scenario.type,
                "active": scenario.active,
            },
            triggers=scenario.triggers,
            steps=scenario.steps,
            script=scenario.script,
        )
        return self.resource("dataiku_scenario", scenario.name, spec, set(), scenario.lifecycle)
