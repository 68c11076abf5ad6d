"""One builder per stack kind: a validated Laktory entry -> drafts with REST-named specs.

Addresses are ``databricks_<kind>.<stack key>``; a nested child's key is its parent's key
plus its name (``databricks_schema.catalog-finance.raw``), and the grants or permissions of
an object share that object's key (``databricks_grants.catalog-finance.raw``).
Laktory spellings are mapped where the REST API differs: job ``clusters`` ->
``job_clusters`` (``{job_cluster_key, new_cluster}``), pipeline cluster ``name`` ->
``label``, cluster ``name`` -> ``cluster_name``; a notebook's ``source`` is a local file
whose absolute path and SHA-256 go into the spec.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack_context import Draft, StackContext
from data_iac.model.references import canonical_reference
from data_iac.model.resource import Lifecycle

__all__ = ["KIND_BUILDERS"]

# Keys that are Laktory's (or ours), never part of a REST spec.
_NOT_SPEC = frozenset(
    {
        "resource_options",
        "lifecycle",
        "access_controls",
        "grants",
        "schemas",
        "volumes",
        "secrets",
        "permissions",
        "force_destroy",
        "groups",
        "dirpath",
    }
)
_LANGUAGES = {".py": "PYTHON", ".sql": "SQL", ".scala": "SCALA", ".r": "R", ".ipynb": "PYTHON"}
_IGNORED_OPTIONS = ("provider", "aliases", "delete_before_replace", "replace_on_changes")

Builder = Callable[[StackContext, str, dict[str, Any], NodePath], None]


def _spec(raw: dict[str, Any], **defaults: Any) -> dict[str, Any]:
    spec = {key: value for key, value in raw.items() if key not in _NOT_SPEC}
    for key, value in defaults.items():
        if spec.get(key) is None:
            spec[key] = value
    return spec


def _primary(
    ctx: StackContext,
    kind: str,
    key: str,
    spec: dict[str, Any],
    raw: dict[str, Any],
    path: NodePath,
) -> Draft:
    """The resource a stack key names: registered for references, options applied."""
    draft = ctx.add(kind, key, spec, path)
    ctx.register(key, draft.address, path)
    _apply_options(ctx, draft, raw, path)
    return draft


def _apply_options(ctx: StackContext, draft: Draft, raw: dict[str, Any], path: NodePath) -> None:
    options = raw.get("resource_options") or {}
    lifecycle = raw.get("lifecycle") or {}
    for index, entry in enumerate(options.get("depends_on") or []):
        key = entry.removeprefix("${resources.").removesuffix("}").split(".")[0]
        draft.depends_on_keys.append((key, (*path, "resource_options", "depends_on", index)))
    ignore = [*options.get("ignore_changes", []), *lifecycle.get("ignore_changes", [])]
    draft.lifecycle = Lifecycle(bool(lifecycle.get("prevent_destroy", False)), tuple(ignore))
    ignored = [name for name in _IGNORED_OPTIONS if options.get(name) is not None]
    if ignored:
        ctx.notes.append(f"{draft.address}: resource_options {', '.join(ignored)} ignored")


def _grants(
    ctx: StackContext,
    key: str,
    securable: str,
    full_name: str,
    parent: Draft,
    grants: list[dict[str, Any]] | None,
    path: NodePath,
) -> None:
    if grants is None:
        return
    spec = {
        "securable_type": securable,
        "full_name": full_name,
        "grants": [
            {"principal": g["principal"], "privileges": list(g["privileges"])} for g in grants
        ],
        "grants_mode": "additive",
    }
    ctx.add("databricks_grants", key, spec, path).depends_on.add(parent.address)


def _permissions(
    ctx: StackContext,
    key: str,
    object_type: str,
    target: Draft,
    raw: dict[str, Any],
    path: NodePath,
    attr: str = "id",
) -> None:
    acl = raw.get("access_controls")
    if not acl:
        return
    spec = {
        "object_type": object_type,
        "object_id": canonical_reference(target.address, attr),
        "access_control_list": [dict(entry) for entry in acl],
    }
    draft = ctx.add("databricks_permissions", key, spec, (*path, "access_controls"))
    draft.depends_on.add(target.address)


def build_catalog(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    name = raw.get("name") or key
    catalog = _primary(ctx, "databricks_catalog", key, _spec(raw, name=name), raw, path)
    _grants(ctx, key, "catalog", name, catalog, raw.get("grants"), (*path, "grants"))
    for index, schema in enumerate(raw.get("schemas") or []):
        _schema(ctx, key, name, schema, (*path, "schemas", index), catalog)


def _schema(
    ctx: StackContext,
    parent_key: str,
    catalog: str,
    raw: dict[str, Any],
    path: NodePath,
    parent: Draft | None,
) -> Draft:
    name = raw.get("name") or parent_key
    key = f"{parent_key}.{name}" if parent is not None else parent_key
    spec = _spec(raw, name=name, catalog_name=catalog)
    if parent is None:
        schema = _primary(ctx, "databricks_schema", key, spec, raw, path)
    else:
        schema = ctx.add("databricks_schema", key, spec, path)
        schema.depends_on.add(parent.address)
        _apply_options(ctx, schema, raw, path)
    full_name = f"{catalog}.{name}"
    _grants(ctx, key, "schema", full_name, schema, raw.get("grants"), (*path, "grants"))
    for index, volume in enumerate(raw.get("volumes") or []):
        _volume(ctx, key, catalog, name, volume, (*path, "volumes", index), schema)
    return schema


def build_schema(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    if not raw.get("catalog_name"):
        ctx.report(path, "a schema needs catalog_name", "or declare it under a catalog's schemas:")
        return
    _schema(ctx, key, raw["catalog_name"], raw, path, None)


def _volume(
    ctx: StackContext,
    parent_key: str,
    catalog: str,
    schema: str,
    raw: dict[str, Any],
    path: NodePath,
    parent: Draft | None,
) -> None:
    name = raw.get("name") or parent_key
    key = f"{parent_key}.{name}" if parent is not None else parent_key
    spec = _spec(raw, name=name, catalog_name=catalog, schema_name=schema)
    if parent is None:
        volume = _primary(ctx, "databricks_volume", key, spec, raw, path)
    else:
        volume = ctx.add("databricks_volume", key, spec, path)
        volume.depends_on.add(parent.address)
        _apply_options(ctx, volume, raw, path)
    full_name = f"{catalog}.{schema}.{name}"
    _grants(ctx, key, "volume", full_name, volume, raw.get("grants"), (*path, "grants"))


def build_volume(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    if not raw.get("catalog_name") or not raw.get("schema_name"):
        ctx.report(
            path,
            "a volume needs catalog_name and schema_name",
            "or declare it under a schema's volumes:",
        )
        return
    _volume(ctx, key, raw["catalog_name"], raw["schema_name"], raw, path, None)


def build_job(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    spec = _spec(raw, name=key)
    clusters = spec.pop("clusters", None)
    if clusters is not None:
        spec["job_clusters"] = [_job_cluster(cluster) for cluster in clusters]
    job = _primary(ctx, "databricks_job", key, spec, raw, path)
    _permissions(ctx, key, "jobs", job, raw, path)


def _job_cluster(cluster: dict[str, Any]) -> dict[str, Any]:
    if "job_cluster_key" in cluster:
        return cluster
    settings = {k: v for k, v in cluster.items() if k != "name"}
    return {"job_cluster_key": cluster.get("name"), "new_cluster": settings}


def build_pipeline(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    spec = _spec(raw, name=key)
    if isinstance(spec.get("clusters"), list):
        spec["clusters"] = [_labelled(cluster) for cluster in spec["clusters"]]
    pipeline = _primary(ctx, "databricks_pipeline", key, spec, raw, path)
    _permissions(ctx, key, "pipelines", pipeline, raw, path)


def _labelled(cluster: Any) -> Any:
    if not isinstance(cluster, dict) or "name" not in cluster or "label" in cluster:
        return cluster
    return {"label" if k == "name" else k: v for k, v in cluster.items()}


def build_cluster(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    spec = _spec(raw)
    name = spec.pop("name", None)
    spec.setdefault("cluster_name", name or key)
    cluster = _primary(ctx, "databricks_cluster", key, spec, raw, path)
    _permissions(ctx, key, "clusters", cluster, raw, path)


def build_warehouse(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    warehouse = _primary(ctx, "databricks_sql_warehouse", key, _spec(raw, name=key), raw, path)
    _permissions(ctx, key, "sql/warehouses", warehouse, raw, path)


def build_cluster_policy(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    spec = {k: v for k, v in _spec(raw, name=key).items() if v is not None}
    policy = _primary(ctx, "databricks_cluster_policy", key, spec, raw, path)
    _permissions(ctx, key, "cluster-policies", policy, raw, path)


def _local_file(ctx: StackContext, raw: dict[str, Any], path: NodePath) -> tuple[Path, str] | None:
    source = (ctx.directory / raw["source"]).resolve()
    if not source.is_file():
        ctx.report(
            (*path, "source"),
            f"no such file: {source}",
            "source is a local file path, relative to the stack file",
        )
        return None
    return source, hashlib.sha256(source.read_bytes()).hexdigest()


def _workspace_file_spec(
    ctx: StackContext, raw: dict[str, Any], path: NodePath, folder: str
) -> dict[str, Any] | None:
    found = _local_file(ctx, raw, path)
    if found is None:
        return None
    source, digest = found
    workspace_path = (
        raw.get("path") or f"{(raw.get('dirpath') or folder).rstrip('/')}/{source.stem}"
    )
    spec = {k: v for k, v in _spec(raw).items() if v is not None}
    spec.update(path=workspace_path, source=str(source), content_sha256=digest)
    return spec


def build_notebook(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    spec = _workspace_file_spec(ctx, raw, path, "/.laktory/notebooks")
    if spec is None:
        return
    language = spec.get("language") or _LANGUAGES.get(Path(raw["source"]).suffix.lower())
    if language:
        spec["language"] = str(language).upper()
    notebook = _primary(ctx, "databricks_notebook", key, spec, raw, path)
    _permissions(ctx, key, "notebooks", notebook, raw, path, attr="object_id")


def build_workspace_file(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    spec = _workspace_file_spec(ctx, raw, path, "/.laktory/workspacefiles")
    if spec is None:
        return
    if not raw.get("path"):  # files keep their extension, unlike notebooks
        spec["path"] = f"{(raw.get('dirpath') or '/.laktory/workspacefiles').rstrip('/')}/" + (
            Path(raw["source"]).name
        )
    file = _primary(ctx, "databricks_workspace_file", key, spec, raw, path)
    _permissions(ctx, key, "files", file, raw, path, attr="object_id")


def build_directory(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    directory = _primary(ctx, "databricks_directory", key, {"path": raw["path"]}, raw, path)
    _permissions(ctx, key, "directories", directory, raw, path, attr="object_id")


def _principal_spec(raw: dict[str, Any], **defaults: Any) -> dict[str, Any]:
    return {k: v for k, v in _spec(raw, **defaults).items() if v is not None}


def build_group(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    _primary(ctx, "databricks_group", key, _principal_spec(raw, display_name=key), raw, path)


def build_user(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    user = _primary(ctx, "databricks_user", key, _principal_spec(raw, user_name=key), raw, path)
    if raw.get("groups"):
        ctx.memberships.append((user, list(raw["groups"])))


def build_service_principal(
    ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    spec = _principal_spec(raw, display_name=key)
    principal = _primary(ctx, "databricks_service_principal", key, spec, raw, path)
    if raw.get("groups"):
        ctx.memberships.append((principal, list(raw["groups"])))


def build_secret_scope(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    name = raw.get("name") or key
    scope = _primary(
        ctx, "databricks_secret_scope", key, _principal_spec(raw, name=name), raw, path
    )
    for index, secret in enumerate(raw.get("secrets") or []):
        spec = {"scope": name, "key": secret["key"], "string_value": secret["value"]}
        ctx.sensitive.add(secret["value"])
        draft = ctx.add(
            "databricks_secret", f"{key}.{secret['key']}", spec, (*path, "secrets", index)
        )
        draft.depends_on.add(scope.address)
    for index, acl in enumerate(raw.get("permissions") or []):
        spec = {
            "scope": name,
            "principal": acl["principal"],
            "permission": acl["permission"].upper(),
        }
        draft = ctx.add(
            "databricks_secret_acl",
            f"{key}.{acl['principal']}",
            spec,
            (*path, "permissions", index),
        )
        draft.depends_on.add(scope.address)


_PERMISSION_TARGETS = {
    "job_id": "jobs",
    "pipeline_id": "pipelines",
    "cluster_id": "clusters",
    "cluster_policy_id": "cluster-policies",
    "sql_endpoint_id": "sql/warehouses",
    "warehouse_id": "sql/warehouses",
    "notebook_id": "notebooks",
    "directory_id": "directories",
    "workspace_file_id": "files",
}


def build_permissions(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    targets = [(field, kind) for field, kind in _PERMISSION_TARGETS.items() if raw.get(field)]
    if raw.get("object_type") and raw.get("object_id"):
        object_type, object_id = raw["object_type"], raw["object_id"]
    elif len(targets) == 1:
        object_type, object_id = targets[0][1], raw[targets[0][0]]
    else:
        ctx.report(
            path,
            "permissions need exactly one target",
            f"set one of {', '.join(_PERMISSION_TARGETS)} (or object_type + object_id)",
        )
        return
    spec = {
        "object_type": object_type,
        "object_id": object_id,
        "access_control_list": [dict(entry) for entry in raw["access_controls"]],
    }
    _primary(ctx, "databricks_permissions", key, spec, raw, path)


KIND_BUILDERS: dict[str, Builder] = {
    "catalogs": build_catalog,
    "schemas": build_schema,
    "volumes": build_volume,
    "jobs": build_job,
    "pipelines": build_pipeline,
    "clusters": build_cluster,
    "warehouses": build_warehouse,
    "clusterpolicies": build_cluster_policy,
    "notebooks": build_notebook,
    "workspacefiles": build_workspace_file,
    "directories": build_directory,
    "groups": build_group,
    "users": build_user,
    "serviceprincipals": build_service_principal,
    "secretscopes": build_secret_scope,
    "permissions": build_permissions,
}
