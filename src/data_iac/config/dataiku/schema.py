"""Pydantic models of the Dataiku project format (``project.yml``).

The models describe the config as users of Dataiku IaC write it (the seed's type names, flat
project variables); config/dataiku/desired.py maps them to the platforms' own names. Unknown
keys are errors (``StrictModel``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from data_iac.config.schema import LifecycleSettings, SharedKeys, StrictModel

__all__ = [
    "ColumnSchema",
    "DataikuConfig",
    "Dataset",
    "ManagedFolder",
    "Project",
    "Recipe",
    "Scenario",
    "Zone",
]


class Project(StrictModel):
    """The DSS project itself."""

    key: str
    name: str | None = None
    description: str | None = None
    tags: list[str] | None = None
    variables: dict[str, Any] | None = None
    permissions: list[dict[str, Any]] | None = None
    settings: dict[str, Any] | None = None
    lifecycle: LifecycleSettings | None = None


class ColumnSchema(StrictModel):
    """A dataset's columns, as DSS stores them."""

    columns: list[dict[str, Any]] = Field(default_factory=list)


class Dataset(StrictModel):
    """A dataset; ``type`` is the seed's name (``managed``, ``snowflake``) or DSS's own."""

    name: str
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
    """A recipe reading ``inputs`` and writing ``outputs`` (dataset or folder names)."""

    name: str
    type: str
    inputs: list[str] = Field(default_factory=list)
    outputs: list[str] = Field(default_factory=list)
    params: dict[str, Any] | None = None
    code: str | None = None
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


class DataikuConfig(SharedKeys):
    """One Dataiku project in the format users of Dataiku IaC write (``project.yml``)."""

    version: Literal["1", "1.0"] = "1.0"
    project: Project
    datasets: list[Dataset] = Field(default_factory=list)
    recipes: list[Recipe] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    managed_folders: list[ManagedFolder] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        """``version: 1.0`` (a YAML float) means the same as ``version: "1.0"``."""
        return str(value) if isinstance(value, int | float) else value
