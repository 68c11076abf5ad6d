"""Pydantic models of the Dataiku project format (``project.yml``).

The models describe the config as users of Dataiku IaC write it (the seed's type names, flat
project variables); config/dataiku/desired.py maps them to the platforms' own names. Unknown
keys are errors (``StrictModel``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from data_iac.config.schema import LifecycleSettings, SharedKeys, StrictModel

__all__ = [
    "CodeEnv",
    "CodeEnvSelection",
    "Column",
    "ColumnSchema",
    "ConfigMetadata",
    "Connection",
    "DataikuConfig",
    "Dataset",
    "GitSettings",
    "ManagedFolder",
    "Project",
    "ProjectSettings",
    "Recipe",
    "Scenario",
    "WikiArticle",
    "Zone",
]


_VERSION = re.compile(r"[0-9]+(\.[0-9]+)?")


class ConfigMetadata(BaseModel):
    """The seed's top-level ``metadata:``: about the file (who wrote it, why), not about the
    project. Free-form, as in the seed's schema; DSS never sees it."""

    model_config = ConfigDict(extra="allow")

    description: str | None = None
    author: str | None = None
    created: str | datetime | date | None = None


class GitSettings(StrictModel):
    """The project's git repository: DSS versions every project in git (it cannot be turned
    off); ``remote`` is the URL of its ``origin`` remote."""

    enabled: Literal[True] = True
    remote: str | None = None


class CodeEnvSelection(StrictModel):
    """The code envs a project's code runs in by default, by language: the name of a code
    env (DSS mode ``EXPLICIT_ENV``). Unset: not managed (DSS's default is its built-in
    env)."""

    python: str | None = Field(default=None, min_length=1)
    r: str | None = Field(default=None, min_length=1)


class ProjectSettings(StrictModel):
    """The project settings, each stored where DSS keeps it: ``owner`` in the permissions
    document, ``git.remote`` as the git remote ``origin``, ``exposed`` in the project's
    custom metadata (DSS has no such switch of its own), ``code_envs`` in the project's
    settings document (``settings.codeEnvs``)."""

    owner: str | None = Field(default=None, min_length=1)
    exposed: bool | None = None
    git: GitSettings | None = None
    code_envs: CodeEnvSelection | None = None


class Project(StrictModel):
    """The DSS project itself."""

    key: str = Field(max_length=100)
    name: str = Field(min_length=1, max_length=200)
    description: str | None = None
    tags: list[str] | None = None
    variables: dict[str, Any] | None = None
    permissions: list[dict[str, Any]] | None = None
    settings: ProjectSettings | None = None
    lifecycle: LifecycleSettings | None = None


class Column(BaseModel):
    """One schema column: ``name`` and ``type``, plus any of DSS's column fields
    (``comment``, ``meaning``, ``maxLength``...), passed to DSS as written."""

    model_config = ConfigDict(extra="allow")

    name: str
    type: str


class ColumnSchema(StrictModel):
    """A dataset's schema as DSS stores it: its columns, and ``userModified`` (true when
    the schema was set by hand rather than inferred)."""

    columns: list[Column] = Field(default_factory=list)
    user_modified: bool | None = Field(default=None, alias="userModified")


class Dataset(StrictModel):
    """A dataset; ``type`` is the seed's name (``managed``, ``snowflake``) or DSS's own."""

    name: str = Field(max_length=100)
    type: str
    managed: bool | None = None
    connection: str | None = None
    params: dict[str, Any] | None = None
    format_type: str | None = None
    format_params: dict[str, Any] | None = None
    schema_: ColumnSchema | None = Field(default=None, alias="schema")
    description: str | None = None
    tags: list[str] | None = None
    zone: str | None = None
    lifecycle: LifecycleSettings | None = None


class Recipe(StrictModel):
    """A recipe reading ``inputs`` and writing ``outputs`` (dataset or folder names); the
    rules (config/dataiku/validate.py) require at least one output."""

    name: str = Field(max_length=100)
    type: str
    description: str | None = None
    inputs: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    params: dict[str, Any] | None = None
    code: str | None = None
    settings: dict[str, Any] | None = None
    code_env: str | None = Field(default=None, min_length=1)
    zone: str | None = None
    lifecycle: LifecycleSettings | None = None


class Scenario(StrictModel):
    """A scenario: a list of steps, or a custom Python script."""

    name: str
    type: Literal["step_based", "custom_python"] = "step_based"
    active: bool = False
    triggers: list[dict[str, Any]] | None = None
    steps: list[dict[str, Any]] | None = None
    script: str | None = None
    lifecycle: LifecycleSettings | None = None


class ManagedFolder(StrictModel):
    """A managed folder, by default on the managed filesystem connection."""

    name: str
    connection: str | None = None
    type: str | None = None
    params: dict[str, Any] | None = None
    zone: str | None = None
    lifecycle: LifecycleSettings | None = None


class Zone(StrictModel):
    """A flow zone."""

    name: str
    color: str | None = None
    lifecycle: LifecycleSettings | None = None


class CodeEnv(StrictModel):
    """A code env of the DSS instance (admin): its language, how DSS manages it, and the
    packages it installs. Several projects may use it."""

    name: str = Field(pattern=r"^[A-Za-z0-9_-]+$", max_length=100)
    lang: Literal["PYTHON", "R"] = "PYTHON"
    deployment_mode: Literal["DESIGN_MANAGED", "DESIGN_NON_MANAGED", "EXTERNAL_CONDA_NAMED"] = (
        "DESIGN_MANAGED"
    )
    python_interpreter: str | None = Field(default=None, pattern=r"^PYTHON[0-9]+$")
    packages: list[str] | None = None
    install_core_packages: bool | None = None
    install_jupyter_support: bool | None = None
    usable_by_all: bool | None = None
    permissions: list[dict[str, Any]] | None = None
    lifecycle: LifecycleSettings | None = None

    @field_validator("lang", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        """``python`` and ``PYTHON`` are the same language (DSS's URLs use upper case)."""
        return value.upper() if isinstance(value, str) else value


class Connection(StrictModel):
    """A connection of the DSS instance (admin): its type and params; secret params go in
    ``credentials`` (written, never read back or shown)."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$", max_length=100)
    type: str = Field(min_length=1)
    description: str | None = None
    params: dict[str, Any] | None = None
    credentials: dict[str, str] | None = None
    usable_by: Literal["ALL", "ALLOWED"] | None = None
    allowed_groups: list[str] | None = None
    details_readable_by: Literal["NONE", "ALL", "ALLOWED"] | None = None
    allow_write: bool | None = None
    allow_managed_datasets: bool | None = None
    allow_managed_folders: bool | None = None
    lifecycle: LifecycleSettings | None = None


class WikiArticle(StrictModel):
    """An article of the project's wiki: markdown ``body``, its ``parent`` article (by
    name; none: at the top), and whether it is the wiki's ``home``."""

    name: str = Field(min_length=1, max_length=200)
    body: str | None = None
    parent: str | None = None
    home: bool | None = None
    lifecycle: LifecycleSettings | None = None


class DataikuConfig(SharedKeys):
    """One Dataiku project in the format users of Dataiku IaC write (``project.yml``)."""

    version: str = "1.0"
    metadata: ConfigMetadata | None = None
    project: Project
    zones: list[Zone] = Field(default_factory=list)
    datasets: list[Dataset] = Field(default_factory=list)
    managed_folders: list[ManagedFolder] = Field(default_factory=list)
    recipes: list[Recipe] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    wiki_articles: list[WikiArticle] = Field(default_factory=list)
    code_envs: list[CodeEnv] = Field(default_factory=list)
    connections: list[Connection] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        """``version: 1.0`` (a YAML float) means the same as ``version: "1.0"``; the seed
        accepts any ``MAJOR.MINOR`` text, and so do we (plus a bare ``MAJOR``)."""
        plain = isinstance(value, int | float) and not isinstance(value, bool)
        text = str(value) if plain else value
        if isinstance(text, str) and not _VERSION.fullmatch(text):
            raise ValueError("version must look like 1.0 (MAJOR.MINOR)")
        return text
