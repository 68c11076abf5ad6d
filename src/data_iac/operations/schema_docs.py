"""Descriptions (and enums) for the stack schema's fields, at schema export only.

A field of a hand-written kind model gets the description the Databricks SDK gives it:
the ``:param name:`` of the kind's create method, or the docstring under the field of the
SDK dataclass of the object (``CatalogInfo.comment``...), or of an SDK dataclass of the
same name as the model. Where the SDK types a plain string field of ours as an enum, the
enum's values are added. data-iac's and Laktory's own keys (``resource_options``,
``grants``, ``lookup_existing``...), the resource sections and the provider settings are
described here. The SDK is imported here, never at validate.
"""

from __future__ import annotations

import importlib
import inspect
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from data_iac.config.stack.sdk_snapshot import enum_values, module_field_docs, param_docs
from data_iac.kinds import section_key, spec_by_section

__all__ = ["describe"]

# Our model -> the SDK's ("module", "Class" or "Class.method") that describe its fields.
_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "Catalog": (("catalog", "CatalogsAPI.create"), ("catalog", "CatalogInfo")),
    "Schema": (("catalog", "SchemasAPI.create"), ("catalog", "SchemaInfo")),
    "Volume": (("catalog", "VolumesAPI.create"), ("catalog", "VolumeInfo")),
    "ExternalLocation": (("catalog", "ExternalLocationsAPI.create"),),
    "StorageCredential": (("catalog", "StorageCredentialsAPI.create"),),
    "Connection": (("catalog", "ConnectionsAPI.create"),),
    "RegisteredModel": (("catalog", "RegisteredModelsAPI.create"),),
    "User": (("iam", "User"),),
    "Group": (("iam", "Group"),),
    "ServicePrincipal": (("iam", "ServicePrincipal"),),
    "SecretScope": (("workspace", "SecretsAPI.create_scope"),),
    "Secret": (("workspace", "SecretsAPI.put_secret"),),
    "StandaloneSecret": (("workspace", "SecretsAPI.put_secret"),),
    "Notebook": (("workspace", "WorkspaceAPI.import_"),),
    "WorkspaceFile": (("workspace", "WorkspaceAPI.import_"),),
    "Directory": (("workspace", "WorkspaceAPI.mkdirs"),),
    "DbfsFile": (("files", "DbfsAPI.put"),),
    "Query": (("sql", "CreateQueryRequestQuery"),),
    "Alert": (("sql", "CreateAlertRequestAlert"),),
    "Dashboard": (("dashboards", "Dashboard"),),
    "App": (("apps", "App"),),
    "Repo": (("workspace", "ReposAPI.create"),),
    "ClusterPolicy": (("compute", "ClusterPoliciesAPI.create"),),
    "GlobalInitScript": (("compute", "GlobalInitScriptsAPI.create"),),
    "InstancePool": (("compute", "InstancePoolsAPI.create"),),
    "IpAccessList": (("settings", "IpAccessListsAPI.create"),),
    "Experiment": (("ml", "ExperimentsAPI.create_experiment"),),
    "NotificationDestination": (("settings", "NotificationDestinationsAPI.create"),),
    "VectorSearchEndpoint": (("vectorsearch", "VectorSearchEndpointsAPI.create_endpoint"),),
    "AccessControl": (("iam", "AccessControlRequest"),),
    "Permissions": (("iam", "AccessControlRequest"),),
    "Grant": (("catalog", "PrivilegeAssignment"),),
}
# data-iac's and Laktory's own keys, wherever they appear.
_OURS = {
    "resource_options": "Laktory's resource options: name, provider, depends_on, is_enabled, "
    "ignore_changes, moved_from (docs/databricks.md)",
    "lifecycle": "data-iac lifecycle: ignore_changes (fields left as found), prevent_destroy",
    "ignore_changes": "Fields whose differences are not planned",
    "prevent_destroy": "Refuse a plan that deletes or replaces this resource",
    "access_controls": "Permissions on the object (a databricks_permissions resource): "
    "user_name, group_name or service_principal_name with a permission_level",
    "grants": "Unity Catalog privileges per principal; only the listed principals are managed "
    "unless grants_mode is authoritative",
    "grant": "Laktory's singular grant: one principal's privileges (or a list), as grants",
    "grants_mode": "additive (default: other principals untouched) or authoritative",
    "principal": "A user name, group name or service principal application id",
    "privileges": "Unity Catalog privileges (USE_CATALOG, SELECT...)",
    "lookup_existing": "A read-only reference to an object that exists already",
    "variables": "Variables, ${vars.NAME}",
    "source": "A local file, relative to the stack file",
    "dirpath": "Folder under the workspace root (Laktory 0.13) where the file goes",
    "members": "Member keys or names (users, groups, service principals) of this group",
    "groups": "Group keys or display names this principal is a member of",
    "roles": "Account roles of this principal",
    "workspace_permission_assignments": "Workspaces this principal is assigned to",
    "schemas": "Schemas nested in this catalog (each may nest volumes)",
    "volumes": "Volumes nested in this schema",
    "force_destroy": "Terraform's switch: delete with the content (accepted, ignored)",
    "depends_on": "Resources to create first: ${resources.KEY}",
    "is_enabled": "false leaves the entry out",
    "provider": "The connection: databricks or databricks.ALIAS (${resources.databricks.ALIAS})",
    "moved_from": "The entry's former key: a rename, not a replace",
    "name": "The object's name",
    "permission_level": "CAN_VIEW, CAN_RUN, CAN_MANAGE... (the object type's levels)",
    "object_type": "The permissions API's object type (jobs, pipelines, clusters...)",
    "object_id": "The object's id (or a workspace object's path)",
    **{
        f"{target}_{attr}": f"The {target.replace('_', ' ')} the permissions are on (its {attr})"
        for target, attr in (
            ("job", "id"),
            ("pipeline", "id"),
            ("cluster", "id"),
            ("cluster_policy", "id"),
            ("sql_endpoint", "id"),
            ("warehouse", "id"),
            ("notebook", "id"),
            ("notebook", "path"),
            ("directory", "id"),
            ("directory", "path"),
            ("workspace_file", "id"),
            ("workspace_file", "path"),
        )
    },
    "user_id": "The user (its id, ${resources.KEY.id})",
    "group_id": "The group (its id, ${resources.KEY.id})",
    "service_principal_id": "The service principal (its id, ${resources.KEY.id})",
    "allow_cluster_create": "Entitlement: may create clusters",
    "allow_instance_pool_create": "Entitlement: may create instance pools",
    "databricks_sql_access": "Entitlement: may use Databricks SQL",
    "workspace_access": "Entitlement: may use the workspace",
    "workspace_consume": "Entitlement: consumer access (not with workspace_access)",
    "aliases": "Laktory option: accepted and ignored with a note",
    "delete_before_replace": "Laktory option: accepted and ignored with a note",
    "replace_on_changes": "Laktory option: accepted and ignored with a note",
    "import": "Laktory option: accepted and ignored (use iac import)",
    "secrets": "The scope's secrets: key and string_value (or value)",
    "permissions": "Secret ACLs of the scope: principal and permission (READ, WRITE, MANAGE)",
}


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with a description on every field the SDK or we can describe."""
    defs = schema.get("$defs", {})
    for name, node in defs.items():
        props = node.get("properties") if isinstance(node, dict) else None
        if not isinstance(props, dict):
            continue
        if name == "StackResources":
            _describe_sections(props)
        elif name.endswith("ProviderSettings"):
            _describe_provider(props)
        else:
            _describe_fields(name, props)
    return schema


def _describe_fields(model: str, props: dict[str, Any]) -> None:
    docs, enums = _sdk_docs(model)
    for field, value in props.items():
        if not isinstance(value, dict):
            continue
        if "description" not in value:
            text = docs.get(field) or _OURS.get(field)
            if text:
                value["description"] = text
        if field in enums and _plain_string(value):
            _set_enum(value, enums[field])


def _describe_sections(props: dict[str, Any]) -> None:
    for section, value in props.items():
        if not isinstance(value, dict) or "description" in value:
            continue
        spec = spec_by_section("databricks", section)
        if spec is not None:
            key = section_key(spec.sections[0]) if spec.sections else section
            value["description"] = (
                f"{spec.kind} resources: stack key -> entry (also written {key} or "
                f"databricks_{key}; docs/kinds.md)"
            )
        elif section == "providers":
            value["description"] = "Connections: databricks and databricks.ALIAS"
        elif section == "pipelines":
            value["description"] = "Data pipelines (nodes:) or Databricks pipelines"


def _describe_provider(props: dict[str, Any]) -> None:
    from databricks.sdk.config import Config

    for field, value in props.items():
        if not isinstance(value, dict) or "description" in value:
            continue
        attribute = getattr(Config, field, None)
        env = getattr(attribute, "env", None)
        value["description"] = f"Databricks SDK Config `{field}`" + (
            f" (environment variable {env})" if env else ""
        )


def _sdk_docs(model: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Field -> description and field -> enum values the SDK gives ``model``'s fields."""
    docs: dict[str, str] = {}
    enums: dict[str, list[str]] = {}
    sources = _SOURCES.get(model, ())
    for module, name in (*sources, *_same_name(model)):
        found_docs, found_enums = _source_docs(module, name)
        for field, text in found_docs.items():
            docs.setdefault(field, text)
        for field, values in found_enums.items():
            enums.setdefault(field, values)
    return docs, enums


def _same_name(model: str) -> Iterator[tuple[str, str]]:
    for module, classes in _all_dataclasses().items():
        if model in classes:
            yield module, model


# The SDK modules searched for a dataclass named like one of our models (parsing every
# module of the SDK would triple the export's time for a few more fields).
_SEARCHED = ("catalog", "compute", "iam", "jobs", "pipelines", "sql", "workspace", "settings")


@cache
def _all_dataclasses() -> dict[str, frozenset[str]]:
    return {module: frozenset(module_field_docs(_path(module))) for module in _SEARCHED}


def _path(module: str) -> str:
    return f"databricks.sdk.service.{module}"


def _module(module: str) -> Any:
    return importlib.import_module(_path(module))


@cache
def _source_docs(module: str, name: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    owner, _, method = name.partition(".")
    cls = getattr(_module(module), owner, None)
    if cls is None:
        return {}, {}
    if method:
        function = getattr(cls, method, None)
        if function is None:
            return {}, {}
        hints = typing.get_type_hints(function)
        docs = param_docs(inspect.getdoc(function) or "")
    else:
        hints = typing.get_type_hints(cls)
        docs = module_field_docs(_path(module)).get(owner, {})
    enums = {field: values for field, hint in hints.items() if (values := enum_values(hint))}
    return docs, enums


def _plain_string(value: dict[str, Any]) -> bool:
    options = value.get("anyOf", [value])
    kinds = [o for o in options if isinstance(o, dict) and o.get("type") != "null"]
    return len(kinds) == 1 and kinds[0] == {"type": "string"}


def _set_enum(value: dict[str, Any], values: list[str]) -> None:
    for option in value.get("anyOf", [value]):
        if option == {"type": "string"}:
            option["enum"] = values
