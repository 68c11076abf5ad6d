"""Pydantic models of the top-level keys every config format shares.

Every model forbids unknown keys (``extra="forbid"``) so a typo is an error, not a silently
ignored setting. The formats' own models are in config/dataiku/schema.py and
config/stack/schema.py.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Backend",
    "DatabricksProviderSettings",
    "DataikuProviderSettings",
    "LifecycleSettings",
    "LocalBackend",
    "Moved",
    "Providers",
    "S3Backend",
    "SharedConfig",
    "SharedKeys",
    "StrictModel",
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
    # The rest of the SDK's Config attributes, as Laktory's provider spells them.
    alias: str | None = None
    azure_client_id: str | None = None
    azure_client_secret: str | None = None
    azure_environment: str | None = None
    azure_login_app_id: str | None = None
    azure_tenant_id: str | None = None
    azure_use_msi: bool | None = None
    azure_workspace_resource_id: str | None = None
    cluster_id: str | None = None
    databricks_cli_path: str | None = None
    debug_headers: bool | None = None
    debug_truncate_bytes: int | None = None
    google_credentials: str | None = None
    google_service_account: str | None = None
    http_timeout_seconds: int | None = None
    metadata_service_url: str | None = None
    password: str | None = None
    retry_timeout_seconds: int | None = None
    skip_verify: bool | None = None
    username: str | None = None
    warehouse_id: str | None = None


class Providers(StrictModel):
    """Connection settings per platform."""

    dataiku: DataikuProviderSettings | None = None
    databricks: DatabricksProviderSettings | None = None


class LocalBackend(StrictModel):
    """State in ``.iac/state/<config>/<env>.json``, or in the file ``path`` (relative to
    the working directory; ``{env}`` and ``{name}`` are filled in)."""

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
    # A folder of policy rules (docs/policies.md) that every `iac plan` checks.
    policy: str | None = None


class SharedConfig(SharedKeys):
    """A file holding only shared keys (``backend:``, ``variables:``...)."""
