"""The provider resource types data-iac maps, one ``TerraformType`` per Databricks kind.

Kinds whose provider type has our kind's name, whose provider ``id`` is our remote id and
whose objects are found by their name field need no entry: ``by_kind`` derives theirs from
the kind's record. The entries below are the kinds where the provider differs (another type
name, another id form, a natural id the config names)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from data_iac.kinds import find_spec
from data_iac.kinds.databricks.entitlements import PRINCIPAL_FIELDS
from data_iac.model.terraform import TerraformType, joined_id, secret_pair_id, spec_fields_id

__all__ = ["GRANT_SECURABLES", "TERRAFORM_TYPES", "by_kind", "by_type"]

# The securable attributes of ``databricks_grants``, in the order the provider checks them.
GRANT_SECURABLES = (
    "catalog",
    "schema",
    "volume",
    "table",
    "function",
    "model",
    "external_location",
    "storage_credential",
    "credential",
    "connection",
    "share",
    "metastore",
    "foreign_connection",
)


def _grants_id(attributes: Mapping[str, Any]) -> str:
    for securable in GRANT_SECURABLES:
        if attributes.get(securable):
            return f"{securable}/{str(attributes[securable]).lower()}"
    return str(attributes.get("id") or "")


def _grants_spec_id(spec: Mapping[str, Any]) -> str:
    securable, name = spec.get("securable_type"), spec.get("full_name")
    return f"{securable}/{name}".lower() if securable and name else ""


def _permissions_id(attributes: Mapping[str, Any]) -> str:
    """``/jobs/123`` -> ``jobs/123``; ``/sql/warehouses/ab`` -> ``sql/warehouses/ab``."""
    return str(attributes.get("id") or "").lstrip("/")


def _entitlements_spec_id(spec: Mapping[str, Any]) -> str:
    """``group/123``: the principal's kind and id, the provider's id of its entitlements."""
    for field_name, prefix in PRINCIPAL_FIELDS.items():
        if spec.get(field_name):
            return f"{prefix}/{spec[field_name]}"
    return ""


def _config_keys(document: Mapping[str, Any]) -> str:
    """The managed settings' keys, sorted and joined: our remote id of workspace settings."""
    config = document.get("custom_config")
    return ",".join(sorted(config)) if isinstance(config, Mapping) else ""


def _pair_import_id(remote_id: str) -> str:
    return remote_id.replace("/", "|||", 1)


_CATALOG = joined_id("name")
_SCHEMA = joined_id("catalog_name", "name")
_VOLUME = joined_id("catalog_name", "schema_name", "name")  # volumes and tables alike


def _path(values: Mapping[str, Any]) -> str:
    """A workspace path without its trailing slash, as the Workspace API stores it."""
    path = str(values.get("path") or values.get("id") or "")
    return path.rstrip("/") or path


_PATH = _path
_NAME = spec_fields_id("name")
_NAME_ATTR = joined_id("name")  # the provider's id of a connection is metastore|name
_MODEL = joined_id("catalog_name", "schema_name", "name")
# Laktory-only kinds: no provider resource to map them onto.
_NO_PROVIDER_TYPE = frozenset({"databricks_python_package", "databricks_workspace_tree"})

TERRAFORM_TYPES: tuple[TerraformType, ...] = (
    TerraformType("databricks_catalog", "databricks_catalog", remote_id=_CATALOG, spec_id=_CATALOG),
    TerraformType("databricks_schema", "databricks_schema", remote_id=_SCHEMA, spec_id=_SCHEMA),
    TerraformType("databricks_volume", "databricks_volume", remote_id=_VOLUME, spec_id=_VOLUME),
    # The provider's id of a table is its full name, as ours.
    TerraformType("databricks_table", "databricks_sql_table", remote_id=_VOLUME, spec_id=_VOLUME),
    TerraformType(
        "databricks_grants",
        "databricks_grants",
        remote_id=_grants_id,
        spec_id=_grants_spec_id,
        also=("databricks_grant",),
        drop=frozenset({"grants_mode", "principals", "securable_type", "full_name"}),
    ),
    TerraformType("databricks_job", "databricks_job", match_by=("name", "name")),
    TerraformType("databricks_pipeline", "databricks_pipeline", match_by=("name", "name")),
    TerraformType(
        "databricks_cluster", "databricks_cluster", match_by=("cluster_name", "cluster_name")
    ),
    TerraformType(
        "databricks_cluster_policy", "databricks_cluster_policy", match_by=("name", "name")
    ),
    TerraformType("databricks_sql_warehouse", "databricks_sql_endpoint", match_by=("name", "name")),
    TerraformType(
        "databricks_group",
        "databricks_group",
        match_by=("display_name", "display_name"),
        drop=frozenset({"members"}),
        folded_into=("databricks_group_member",),
    ),
    TerraformType("databricks_user", "databricks_user", match_by=("user_name", "user_name")),
    # A member of its own (the provider's id ``GROUP_ID|MEMBER_ID`` is ours); members that
    # no such resource adopts are folded into their group above.
    TerraformType(
        "databricks_group_member",
        "databricks_group_member",
        spec_id=spec_fields_id("group_id", "member_id", separator="|"),
    ),
    TerraformType(
        "databricks_entitlements", "databricks_entitlements", spec_id=_entitlements_spec_id
    ),
    # One settings document per workspace: matched by the keys it manages; the provider's
    # id is "_" and it cannot import one (docs/resources/workspace_conf.md "Import").
    TerraformType(
        "databricks_workspace_conf",
        "databricks_workspace_conf",
        remote_id=_config_keys,
        spec_id=_config_keys,
        importable=False,
    ),
    TerraformType(
        "databricks_service_principal",
        "databricks_service_principal",
        match_by=("display_name", "display_name"),
    ),
    TerraformType(
        "databricks_notebook",
        "databricks_notebook",
        remote_id=_PATH,
        spec_id=_PATH,
        drop=frozenset({"content_sha256"}),
    ),
    TerraformType(
        "databricks_workspace_file",
        "databricks_workspace_file",
        remote_id=_PATH,
        spec_id=_PATH,
        drop=frozenset({"content_sha256"}),
    ),
    TerraformType("databricks_directory", "databricks_directory", remote_id=_PATH, spec_id=_PATH),
    TerraformType("databricks_secret_scope", "databricks_secret_scope", spec_id=_NAME),
    TerraformType(
        "databricks_secret",
        "databricks_secret",
        remote_id=secret_pair_id,
        spec_id=spec_fields_id("scope", "key"),
        import_id=_pair_import_id,
    ),
    TerraformType(
        "databricks_secret_acl",
        "databricks_secret_acl",
        remote_id=secret_pair_id,
        spec_id=spec_fields_id("scope", "principal"),
        import_id=_pair_import_id,
    ),
    TerraformType(
        "databricks_mws_permission_assignment",
        "databricks_mws_permission_assignment",
        spec_id=spec_fields_id("workspace_id", "principal_id", separator="|"),
    ),
    TerraformType(
        "databricks_experiment", "databricks_mlflow_experiment", match_by=("name", "name")
    ),
    TerraformType(
        "databricks_connection", "databricks_connection", remote_id=_NAME_ATTR, spec_id=_NAME_ATTR
    ),
    TerraformType(
        "databricks_storage_credential",
        "databricks_storage_credential",
        remote_id=_NAME_ATTR,
        spec_id=_NAME_ATTR,
    ),
    TerraformType(
        "databricks_external_location",
        "databricks_external_location",
        remote_id=_NAME_ATTR,
        spec_id=_NAME_ATTR,
    ),
    TerraformType(
        "databricks_registered_model",
        "databricks_registered_model",
        remote_id=_MODEL,
        spec_id=_MODEL,
    ),
    TerraformType(
        "databricks_dbfs_file",
        "databricks_dbfs_file",
        remote_id=_PATH,
        spec_id=_PATH,
        drop=frozenset({"content_sha256"}),
    ),
    TerraformType(
        "databricks_global_init_script",
        "databricks_global_init_script",
        match_by=("name", "name"),
        renames=MappingProxyType({"script": "content_base64"}),
    ),
    TerraformType(
        "databricks_permissions",
        "databricks_permissions",
        remote_id=_permissions_id,
        spec_id=spec_fields_id("object_type", "object_id"),
        import_id=lambda remote_id: f"/{remote_id}",
        drop=frozenset({"object_type", "object_id", "owner"}),
    ),
)

_BY_KIND = MappingProxyType({t.kind: t for t in TERRAFORM_TYPES})
_BY_TYPE = MappingProxyType({name: t for t in TERRAFORM_TYPES for name in (t.type, *t.also)})
_FOLDED = MappingProxyType({f: t for t in TERRAFORM_TYPES for f in t.folded_into})


def by_kind(kind: str) -> TerraformType | None:
    """The provider type of one of our Databricks kinds, if the provider has one."""
    explicit = _BY_KIND.get(kind)
    if explicit is not None:
        return explicit
    spec = find_spec(kind)
    if spec is None or spec.platform != "databricks" or kind in _NO_PROVIDER_TYPE:
        return None
    return TerraformType(kind, kind, match_by=(spec.name_field, spec.name_field))


def by_type(type_name: str) -> tuple[TerraformType | None, TerraformType | None]:
    """(the type mapped onto a kind, the type it is folded into) for a provider type."""
    explicit = _BY_TYPE.get(type_name)
    if explicit is not None or type_name in _FOLDED:
        return explicit, _FOLDED.get(type_name)
    if type_name in _BY_KIND:  # our kind's name, but the provider spells it otherwise
        return None, None
    return by_kind(type_name), None
