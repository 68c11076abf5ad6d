"""Builders of the kinds living in a DSS project, one per section: entry -> Resource.

Each child record (``data_iac.kinds.dataiku``) names its builder as ``build``; the
``ProjectBuilder`` (config/dataiku/desired.py) calls it with the entry and places the
resource in the project, with its dependencies on zones, folders, datasets, connections,
code envs and parent articles that the same document declares.
"""

from __future__ import annotations

from data_iac.config.dataiku.desired import ProjectBuilder, code_env_lang, optional
from data_iac.config.dataiku.payloads import without_metadata
from data_iac.config.dataiku.schema import (
    Dataset,
    ManagedFolder,
    Recipe,
    Scenario,
    WikiArticle,
    Zone,
)
from data_iac.config.dataiku.types import MANAGED_CONNECTION, dss_dataset_type, dss_recipe_type
from data_iac.model.resource import Resource

__all__ = [
    "build_dataset",
    "build_folder",
    "build_recipe",
    "build_scenario",
    "build_wiki_article",
    "build_zone",
]


def build_zone(b: ProjectBuilder, zone: Zone) -> Resource:
    spec = optional({"project_key": b.key, "name": zone.name}, color=zone.color)
    return b.resource(zone.name, spec, set(), zone.lifecycle)


def build_dataset(b: ProjectBuilder, dataset: Dataset) -> Resource:
    managed = dataset.type == "managed" if dataset.managed is None else dataset.managed
    connection = dataset.connection
    if dataset.type == "managed" and connection is None:
        connection = MANAGED_CONNECTION
    spec = optional(
        {
            "project_key": b.key,
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
    depends = b.zone_dependency(dataset.zone) | b.connection_dependency(connection)
    return b.resource(dataset.name, spec, depends, dataset.lifecycle)


def build_folder(b: ProjectBuilder, folder: ManagedFolder) -> Resource:
    spec = optional(
        {"project_key": b.key, "name": folder.name},
        connection=folder.connection,
        type=folder.type,
        params=folder.params,
        zone=folder.zone,
    )
    depends = b.zone_dependency(folder.zone) | b.connection_dependency(folder.connection)
    return b.resource(folder.name, spec, depends, folder.lifecycle)


def build_recipe(b: ProjectBuilder, recipe: Recipe) -> Resource:
    spec = optional(
        {
            "project_key": b.key,
            "name": recipe.name,
            "type": dss_recipe_type(recipe.type) or recipe.type,
            "inputs": list(recipe.inputs),
            "outputs": list(recipe.outputs),
        },
        description=recipe.description,
        params=recipe.params,
        code=recipe.code,
        settings=None if recipe.settings is None else without_metadata(recipe.settings),
        code_env=recipe.code_env,
        zone=recipe.zone,
    )
    depends = b.zone_dependency(recipe.zone)
    depends |= b.code_env_dependency(code_env_lang(str(spec["type"])), recipe.code_env)
    for name in (*recipe.inputs, *recipe.outputs):
        section = "managed_folders" if name in b.folders else "datasets"
        depends.add(b.address(section, name))
    return b.resource(recipe.name, spec, depends, recipe.lifecycle)


def build_scenario(b: ProjectBuilder, scenario: Scenario) -> Resource:
    spec = optional(
        {
            "project_key": b.key,
            "name": scenario.name,
            "type": scenario.type,
            "active": scenario.active,
        },
        triggers=scenario.triggers,
        steps=scenario.steps,
        script=scenario.script,
    )
    return b.resource(scenario.name, spec, set(), scenario.lifecycle)


def build_wiki_article(b: ProjectBuilder, article: WikiArticle) -> Resource:
    spec = optional(
        {"project_key": b.key, "name": article.name},
        body=article.body,
        parent=article.parent,
        home=article.home,
    )
    depends = set()
    if article.parent is not None and article.parent in b.articles:
        depends.add(b.address("wiki_articles", article.parent))
    return b.resource(article.name, spec, depends, article.lifecycle)
