"""Pydantic models of the config formats: the shared top-level keys and the Dataiku format.

Every model forbids unknown keys (``extra="forbid"``) so a typo is an error, not a silently
ignored setting. The models describe the config as written (the seed's type names, flat
project variables); config/desired.py maps them to the platforms' own names.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "Backend",
    "ColumnSchema",
    "DatabricksProviderSettings",
    "DataikuConfig",
    "DataikuProviderSettings",
    "Dataset",
    "LifecycleSettings",
    "LocalBackend",
    "ManagedFolder",
    "Moved",
    "Project",
    "Providers",
    "Recipe",
    "S3Backend",
    "Scenario",
    "SharedConfig",
    "SharedKeys",
    "StrictModel",
    "Zone",
]


class StrictModel(BaseModel):
    """Base of every config model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class LifecycleSettings(StrictModel):
    """Terraform's lifecycle options for one resource."""

    prevent_destroy: bool = False
    ignore_changes: list[str] = Field(default_factory=list)


class DataikuProviderSettings(StrictModel):
    """How to reach DSS; ``url: emulator`` means the embedded emulator."""

    url: str | None = None
    api_key: str | None = None
    verify_ssl: bool | None = None


class DatabricksProviderSettings(StrictModel):
    """How to reach a Databricks workspace; ``host: emulator`` means the embedded emulator."""

    host: str | None = None
    token: str | None = None
    profile: str | None = None
    auth_type: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    account_id: str | None = None
    config_file: str | None = None
    rate_limit: float | None = None


class Providers(StrictModel):
    """Connection settings per platform."""

    dataiku: DataikuProviderSettings | None = None
    databricks: DatabricksProviderSettings | None = None


class LocalBackend(StrictModel):
    """State in ``.iac/state/<config>/<env>.json`` (or under ``path``)."""

    type: Literal["local"] = "local"
    path: str | None = None


class S3Backend(StrictModel):
    """State in an S3 bucket, locked with conditional writes."""

    type: Literal["s3"]
    bucket: str
    key: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    profile: str | None = None


Backend = Annotated[LocalBackend | S3Backend, Field(discriminator="type")]


class Moved(StrictModel):
    """A rename: the object at address ``from`` is now managed as ``to``."""

    from_: str = Field(alias="from")
    to: str


class SharedKeys(StrictModel):
    """Top-level keys every config format accepts."""

    name: str | None = None
    variables: dict[str, Any] = Field(default_factory=dict)
    environments: dict[str, dict[str, Any]] = Field(default_factory=dict)
    providers: Providers | None = None
    backend: Backend | None = None
    naming: Literal["strict", "dss"] = "dss"
    moved: list[Moved] = Field(default_factory=list)


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


class SharedConfig(SharedKeys):
    """A file holding only shared keys (``backend:``, ``variables:``...)."""
