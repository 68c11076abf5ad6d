"""Pydantic models of the Laktory stack format (``stack.yaml``), as users write it.

Unity Catalog objects, workspace objects and principals have small, closed models (a typo
is an error). Jobs, DLT pipelines, clusters and SQL warehouses take the REST API's large
JSON documents as they are (``extra="allow"``), with only Laktory's own keys modelled.
Every resource accepts ``resource_options`` (Laktory) and ``lifecycle`` (ours).
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any, Literal

from pydantic import ConfigDict, Field, RootModel, create_model

from data_iac.config.schema import LifecycleSettings, SharedKeys, StrictModel

__all__ = [
    "AccessControl",
    "Grant",
    "OpenDocument",
    "ResourceOptions",
    "StackConfig",
    "StackEntry",
    "section_model",
]


class ResourceOptions(StrictModel):
    """Laktory's per-resource options (import, moved_from and the Pulumi-era ones are noted)."""

    name: str | None = None
    depends_on: list[str] = Field(default_factory=list)
    ignore_changes: list[str] = Field(default_factory=list)
    is_enabled: bool = True
    provider: str | None = None
    import_: str | None = Field(None, alias="import")
    moved_from: str | None = None
    aliases: list[str] | None = None
    delete_before_replace: bool | None = None
    replace_on_changes: list[str] | None = None


class Grant(StrictModel):
    """Unity Catalog privileges of one principal."""

    principal: str
    privileges: list[str]


class AccessControl(StrictModel):
    """One entry of a workspace object's access control list (REST names)."""

    group_name: str | None = None
    user_name: str | None = None
    service_principal_name: str | None = None
    permission_level: str


class StackEntry(StrictModel):
    """What every stack entry accepts besides its kind's fields (a kind's model extends it)."""

    resource_options: ResourceOptions | None = None
    lifecycle: LifecycleSettings | None = None


_Resource = StackEntry


class OpenDocument(_Resource):
    """A REST document passed through as written, plus Laktory's keys."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)
    access_controls: list[AccessControl] = Field(default_factory=list)


class Volume(_Resource):
    """A Unity Catalog volume (MANAGED unless ``storage_location`` makes it EXTERNAL)."""

    name: str | None = None
    catalog_name: str | None = None
    schema_name: str | None = None
    volume_type: Literal["MANAGED", "EXTERNAL"] = "MANAGED"
    storage_location: str | None = None
    comment: str | None = None
    owner: str | None = None
    grants: list[Grant] | None = None
    grants_mode: Literal["additive", "authoritative"] | None = None


class Schema(_Resource):
    """A Unity Catalog schema, with optional nested ``volumes:``."""

    name: str | None = None
    catalog_name: str | None = None
    comment: str | None = None
    properties: dict[str, str] | None = None
    storage_root: str | None = None
    owner: str | None = None
    enable_predictive_optimization: str | None = None
    force_destroy: bool | None = None
    grants: list[Grant] | None = None
    grants_mode: Literal["additive", "authoritative"] | None = None
    volumes: list[Volume] | None = None


class Catalog(_Resource):
    """A Unity Catalog catalog, with optional nested ``schemas:``."""

    name: str | None = None
    comment: str | None = None
    isolation_mode: Literal["OPEN", "ISOLATED"] | None = None
    properties: dict[str, str] | None = None
    storage_root: str | None = None
    owner: str | None = None
    enable_predictive_optimization: str | None = None
    options: dict[str, str] | None = None
    connection_name: str | None = None
    provider_name: str | None = None
    share_name: str | None = None
    force_destroy: bool | None = None
    grants: list[Grant] | None = None
    grants_mode: Literal["additive", "authoritative"] | None = None
    schemas: list[Schema] | None = None


class Notebook(_Resource):
    """A notebook uploaded from a local ``source`` file."""

    source: str
    path: str | None = None
    dirpath: str | None = None
    language: str | None = None
    format: str | None = None
    access_controls: list[AccessControl] = Field(default_factory=list)


class WorkspaceFile(_Resource):
    """A workspace file uploaded from a local ``source`` file."""

    source: str
    path: str | None = None
    dirpath: str | None = None
    access_controls: list[AccessControl] = Field(default_factory=list)


class WorkspaceTree(_Resource):
    """Laktory's workspace tree: a local folder uploaded file by file."""

    source: str
    path: str | None = None
    exclude_paths: list[str] = Field(default_factory=list)
    use_gitignore: bool = False
    access_controls: list[AccessControl] = Field(default_factory=list)


class PythonPackage(_Resource):
    """Laktory's Python package: a local package built as a wheel and uploaded."""

    package_name: str
    config_filepath: str
    dirpath: str | None = None
    path: str | None = None
    build_command: str | None = None
    access_controls: list[AccessControl] = Field(default_factory=list)


class DbfsFile(_Resource):
    """A DBFS file uploaded from a local ``source`` file."""

    source: str
    path: str | None = None
    dirpath: str | None = None


class Directory(_Resource):
    """A workspace directory."""

    path: str
    access_controls: list[AccessControl] = Field(default_factory=list)


class ClusterPolicy(_Resource):
    """A cluster policy."""

    name: str | None = None
    definition: str | dict[str, Any] | None = None
    description: str | None = None
    max_clusters_per_user: int | None = None
    libraries: list[dict[str, Any]] | None = None
    policy_family_id: str | None = None
    policy_family_definition_overrides: str | dict[str, Any] | None = None
    access_controls: list[AccessControl] = Field(default_factory=list)


class WorkspaceAssignment(StrictModel):
    """An account principal's permissions on one workspace (Laktory's
    ``workspace_permission_assignments`` item)."""

    workspace_id: int | str
    permissions: list[Literal["USER", "ADMIN"]]
    principal_id: str | None = None


class _Principal(_Resource):
    """What every principal may declare besides itself (config/stack/principals.py)."""

    display_name: str | None = None
    external_id: str | None = None
    workspace_permission_assignments: list[WorkspaceAssignment] | None = None
    roles: list[str] | None = None
    allow_cluster_create: bool | None = None
    allow_instance_pool_create: bool | None = None
    databricks_sql_access: bool | None = None
    workspace_access: bool | None = None
    workspace_consume: bool | None = None


class Group(_Principal):
    """A group; ``members`` lists member ids (users and service principals also join a
    group by their own ``groups``)."""

    members: list[str] | None = None


class User(_Principal):
    """A user; ``groups`` (Terraform's ``group_ids``) lists groups it belongs to."""

    user_name: str | None = None
    active: bool | None = None
    groups: list[str] | None = None


class ServicePrincipal(_Principal):
    """A service principal; ``groups`` lists groups it belongs to."""

    application_id: str | None = None
    active: bool | None = None
    groups: list[str] | None = None


class Secret(StrictModel):
    """One secret of a scope; ``value`` is sensitive."""

    key: str
    value: str


class SecretPermission(StrictModel):
    """One principal's permission on a secret scope."""

    principal: str
    permission: Literal["READ", "WRITE", "MANAGE", "read", "write", "manage"]


class SecretScope(_Resource):
    """A secret scope with its secrets and ACLs."""

    name: str | None = None
    initial_manage_principal: str | None = None
    scope_backend_type: str | None = None
    backend_azure_keyvault: dict[str, Any] | None = None
    secrets: list[Secret] | None = None
    permissions: list[SecretPermission] | None = None


class Permissions(_Resource):
    """Laktory's stand-alone permissions: the target by one ``*_id`` / ``*_path`` key."""

    access_controls: list[AccessControl]
    object_type: str | None = None
    object_id: str | None = None
    job_id: str | None = None
    pipeline_id: str | None = None
    cluster_id: str | None = None
    cluster_policy_id: str | None = None
    sql_endpoint_id: str | None = None
    warehouse_id: str | None = None
    notebook_id: str | None = None
    notebook_path: str | None = None
    directory_id: str | None = None
    directory_path: str | None = None
    workspace_file_id: str | None = None
    workspace_file_path: str | None = None


def _section(model: type[StrictModel]) -> type[RootModel[dict[str, Any]]]:
    """A model of one ``resources.<kind>`` mapping: resource key -> resource."""
    return RootModel[dict[str, model]]  # type: ignore[valid-type]


# Kinds whose model is derived from the SDK's create request (config/stack/sdk_models.py),
# plus the keys of Laktory's older spellings that the builders map.
_SDK_REQUESTS = {
    "jobs": ("Job", "jobs", "JobsAPI"),
    "clusters": ("Cluster", "compute", "ClustersAPI"),
    "pipelines": ("Pipeline", "pipelines", "PipelinesAPI"),
    "warehouses": ("Warehouse", "sql", "WarehousesAPI"),
}
_LAKTORY_KEYS: dict[str, dict[str, Any]] = {
    "jobs": {"clusters": (list[dict[str, Any]] | None, Field(None, description=(
        "Older Laktory: job clusters as cluster specs with a `name` (our job_clusters)"
    )))},
    "clusters": {
        "name": (str | None, Field(None, description="Older Laktory: cluster_name")),
        "libraries": (list[dict[str, Any]] | None, Field(None, description=(
            "Libraries to install on the cluster (compute.Library): each a databricks_library"
        ))),
    },
}  # fmt: skip


@cache
def section_model(kind: str, docs: bool = False) -> type[RootModel[dict[str, Any]]]:
    """The model of one ``resources.<kind>`` mapping (``kind`` in any spelling of a record's
    section): the record's ``config_model``, or, for jobs, clusters, DLT pipelines and SQL
    warehouses, a model derived from the SDK's create request (the SDK is imported then).
    ``docs`` adds every nested field's description, for the JSON Schema."""
    if kind not in _SDK_REQUESTS:
        from data_iac.kinds import spec_by_section

        spec = spec_by_section("databricks", kind)
        if spec is None or spec.config_model is None:
            raise KeyError(kind)
        return _section(spec.config_model)
    name, module, api = _SDK_REQUESTS[kind]
    with warnings.catch_warnings():  # a pipeline's "schema" shadows BaseModel.schema
        warnings.simplefilter("ignore", UserWarning)
        model = _request_model(kind, name, module, api, docs)
    return _section(model)


def _request_model(kind: str, name: str, module: str, api: str, docs: bool) -> type[StrictModel]:
    from data_iac.config.stack.sdk_models import request_fields

    return create_model(
        name,
        __base__=_Resource,
        __doc__=f"A {name.lower()}: the fields of the SDK's {api}.create, plus Laktory's keys.",
        access_controls=(list[AccessControl], Field(default_factory=list)),
        **_LAKTORY_KEYS.get(kind, {}),
        **request_fields(kind, docs=docs),
    )


class StackConfig(SharedKeys):
    """The top level of a Laktory stack; ``resources`` is checked section by section."""

    resources: dict[str, Any] = Field(default_factory=dict)
    organization: str | None = None
    description: str | None = None
    config: dict[str, Any] | None = None
    pulumi: dict[str, Any] | None = None
    terraform: dict[str, Any] | None = None
    settings: dict[str, Any] | None = None
    backend: Any = None  # a mapping is our state backend; terraform|pulumi are noted
