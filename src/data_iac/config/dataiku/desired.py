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
- project variables (a flat mapping in the seed) -> the ``standard`` section of a
  ``project.variables`` resource; ``project.permissions`` -> a ``project.permissions``
  resource (both kinds of their own, living in the project).
- project ``settings`` keep the seed's keys (``owner``, ``exposed``, ``git``); the provider
  stores each where DSS keeps it (see providers/dataiku/project_settings.py).

Which sections a project has, in which order they are built, and the kind each builds come
from the records (``data_iac.kinds.dataiku``): each record names its section and its
``build`` function (config/dataiku/children.py for the kinds in a project,
config/dataiku/instance.py for instance objects). Nothing here names a kind.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from data_iac.addresses import Address
from data_iac.config.dataiku.schema import (
    DataikuConfig,
)
from data_iac.config.locations import Marks, locate
from data_iac.config.schema import LifecycleSettings
from data_iac.kinds import children_of, spec_by_section, specs_of
from data_iac.model.kind import KindSpec
from data_iac.model.resource import Lifecycle, Resource

__all__ = [
    "ProjectBuilder",
    "build_dataiku_resources",
    "code_env_lang",
    "instance_kinds",
    "kind_of",
    "optional",
    "project_children",
    "project_kind",
]

_NO_LIFECYCLE = Lifecycle()
_PLATFORM = "dataiku"


def kind_of(section: str) -> str:
    """The kind a section of the project format holds (``zones`` -> its record's kind)."""
    spec = spec_by_section(_PLATFORM, section)
    if spec is None:  # pragma: no cover - the sections below all have records
        raise KeyError(f"no Dataiku record has the section {section!r}")
    return spec.kind


def project_kind() -> str:
    """The kind of the project itself: the record of the ``project`` section."""
    return kind_of("project")


@cache
def project_children() -> tuple[KindSpec, ...]:
    """The records of the kinds living in a project that have a section in the format,
    in the order of ``DataikuConfig``'s fields (the order they are built and generated)."""
    by_section = {s.section: s for s in children_of(project_kind()) if s.section}
    return tuple(by_section[f] for f in DataikuConfig.model_fields if f in by_section)


@cache
def instance_kinds() -> tuple[KindSpec, ...]:
    """The records of the instance-level kinds a project document may declare (admin
    objects the project uses: code envs ...), in the order of ``DataikuConfig``'s fields."""
    project = project_kind()
    by_section = {
        s.section: s
        for s in specs_of(_PLATFORM)
        if s.section and s.parent is None and s.kind != project
    }
    return tuple(by_section[f] for f in DataikuConfig.model_fields if f in by_section)


def build_dataiku_resources(config: DataikuConfig, marks: Marks) -> list[Resource]:
    """Every resource of one project, section by section, with dependencies and location:
    the instance-level objects it declares, the project, then what lives in it."""
    builder = ProjectBuilder(config, marks)
    resources: list[Resource] = []
    for spec in instance_kinds():
        if spec.build is not None:
            resources += builder.each(spec, getattr(config, str(spec.section)), spec.build)
    resources.append(builder.project(config))
    resources += builder.project_documents(config)
    for spec in project_children():
        if spec.build is None:
            continue
        make: Callable[[ProjectBuilder, Any], Resource] = spec.build
        resources += builder.each(spec, getattr(config, str(spec.section)), make)
    return resources


def optional(spec: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Add only the values that are set: an unset key is not managed, so never diffed."""
    for key, value in values.items():
        if value is not None:
            spec[key] = value
    return spec


def _lifecycle(settings: LifecycleSettings | None) -> Lifecycle:
    if settings is None:
        return _NO_LIFECYCLE
    return Lifecycle(settings.prevent_destroy, tuple(settings.ignore_changes))


class ProjectBuilder:
    """Makes the resources of one project; ``key`` is its project key."""

    def __init__(self, config: DataikuConfig, marks: Marks) -> None:
        self.key = config.project.key
        self.marks = marks
        self.project_address = Address(project_kind(), self.key)
        self.folders = {folder.name for folder in config.managed_folders}
        self.code_envs = {(env.lang, env.name) for env in config.code_envs}
        self.connections = {connection.name for connection in config.connections}
        self.articles = {article.name for article in config.wiki_articles}
        self.kind = ""
        self.section = ""
        self.index = 0

    def each(
        self, spec: KindSpec, items: list[Any], make: Callable[[ProjectBuilder, Any], Resource]
    ) -> list[Resource]:
        made = []
        self.kind, self.section = spec.kind, str(spec.section)
        for self.index, item in enumerate(items):
            made.append(make(self, item))
        return made

    def resource(
        self, name: str, spec: dict[str, Any], depends: set[Address], life: Any
    ) -> Resource:
        """A resource of the section being built, inside the project."""
        depends.add(self.project_address)
        return Resource(
            Address(self.kind, f"{self.key}.{name}"),
            spec,
            frozenset(depends),
            _lifecycle(life),
            locate(self.marks, (self.section, self.index)),
        )

    def address(self, section: str, name: str) -> Address:
        """The address of the object ``name`` of another section of this project."""
        return Address(kind_of(section), f"{self.key}.{name}")

    def zone_dependency(self, zone: str | None) -> set[Address]:
        return set() if zone is None else {self.address("zones", zone)}

    def code_env_dependency(self, lang: str, name: str | None) -> set[Address]:
        """The code env ``name`` of ``lang`` when this document declares it."""
        if name is None or (lang, name) not in self.code_envs:
            return set()
        return {Address(kind_of("code_envs"), f"{lang}.{name}")}

    def connection_dependency(self, name: str | None) -> set[Address]:
        """The connection ``name`` when this document declares it."""
        if name is None or name not in self.connections:
            return set()
        return {Address(kind_of("connections"), name)}

    def instance_resource(
        self, key: str, spec: dict[str, Any], depends: set[Address], life: Any
    ) -> Resource:
        """A resource of the section being built that lives on the instance, not in the
        project: its address key is its own (``PYTHON.py311``)."""
        return Resource(
            Address(self.kind, key),
            spec,
            frozenset(depends),
            _lifecycle(life),
            locate(self.marks, (self.section, self.index)),
        )

    def project_documents(self, config: DataikuConfig) -> list[Resource]:
        """The project's variables and permission entries, each a resource of its own."""
        project, out = config.project, []
        documents = (
            ("project.variables", "variables", {"standard": project.variables}),
            ("project.permissions", "permissions", {"permissions": project.permissions}),
        )
        for section, field, values in documents:
            if getattr(project, field) is None:
                continue
            out.append(
                Resource(
                    Address(kind_of(section), self.key),
                    {"project_key": self.key, **values},
                    frozenset({self.project_address}),
                    _lifecycle(project.lifecycle),
                    locate(self.marks, ("project", field)),
                )
            )
        return out

    def project(self, config: DataikuConfig) -> Resource:
        project = config.project
        spec = optional(
            {"project_key": self.key, "name": project.name or self.key},
            description=project.description,
            tags=project.tags,
            settings=None
            if project.settings is None
            else project.settings.model_dump(exclude_none=True),
        )
        envs = project.settings.code_envs if project.settings else None
        depends: set[Address] = set()
        if envs is not None:
            depends |= self.code_env_dependency("PYTHON", envs.python)
            depends |= self.code_env_dependency("R", envs.r)
        return Resource(
            self.project_address,
            spec,
            frozenset(depends),
            lifecycle=_lifecycle(project.lifecycle),
            location=locate(self.marks, ("project",)),
        )


def code_env_lang(recipe_type: str) -> str:
    """The language of the code env a code recipe of ``recipe_type`` runs in."""
    return "R" if recipe_type in ("r", "sparkr") else "PYTHON"
