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

import re
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import add_permissions, ignore_kept_owner, make_spec, primary
from data_iac.config.stack.context import Draft, StackContext
from data_iac.config.stack.principals import add_principal_parts
from data_iac.kinds.databricks.library import LIBRARY_TYPES
from data_iac.model.references import canonical_reference

__all__ = [
    "build_cluster",
    "build_cluster_policy",
    "build_group",
    "build_job",
    "build_permissions",
    "build_pipeline",
    "build_secret_scope",
    "build_service_principal",
    "build_user",
    "build_warehouse",
]


def build_job(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A job; Laktory's ``clusters`` become ``job_clusters``."""
    spec = make_spec(raw, name=key)
    clusters = spec.pop("clusters", None)
    if clusters is not None:
        spec["job_clusters"] = [_job_cluster(cluster) for cluster in clusters]
    job = primary(ctx, "databricks_job", key, spec, raw, path)
    add_permissions(ctx, key, "jobs", job, raw, path)


def _job_cluster(cluster: dict[str, Any]) -> dict[str, Any]:
    if "job_cluster_key" in cluster:
        return cluster
    settings = {k: v for k, v in cluster.items() if k != "name"}
    return {"job_cluster_key": cluster.get("name"), "new_cluster": settings}


def build_pipeline(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A DLT pipeline; a cluster's ``name`` becomes its ``label``."""
    spec = make_spec(raw, name=key)
    if isinstance(spec.get("clusters"), list):
        spec["clusters"] = [_labelled(cluster) for cluster in spec["clusters"]]
    pipeline = primary(ctx, "databricks_pipeline", key, spec, raw, path)
    add_permissions(ctx, key, "pipelines", pipeline, raw, path)


def _labelled(cluster: Any) -> Any:
    if not isinstance(cluster, dict) or "name" not in cluster or "label" in cluster:
        return cluster
    return {"label" if k == "name" else k: v for k, v in cluster.items()}


def build_cluster(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """An all-purpose cluster; ``name`` becomes ``cluster_name``; each of its
    ``libraries`` is a ``databricks_library`` (installed through the Libraries API)."""
    spec = make_spec(raw)
    name = spec.pop("name", None)
    libraries = spec.pop("libraries", None) or []
    spec.setdefault("cluster_name", name or key)
    cluster = primary(ctx, "databricks_cluster", key, spec, raw, path)
    add_permissions(ctx, key, "clusters", cluster, raw, path)
    for index, library in enumerate(libraries):
        _add_library(ctx, key, cluster, library, (*path, "libraries", index))


def _add_library(ctx: StackContext, key: str, cluster: Draft, library: Any, path: NodePath) -> None:
    """One library of a cluster, keyed by its type and name (``<cluster>.pypi-pandas``)."""
    named = [t for t in LIBRARY_TYPES if isinstance(library, dict) and library.get(t)]
    if len(named) != 1:
        ctx.report(path, f"a library names exactly one of {', '.join(LIBRARY_TYPES)}")
        return
    kind, field = named[0], LIBRARY_TYPES[named[0]]
    value = library[kind] if field is None else dict(library[kind]).get(field)
    label = re.sub(r"[^A-Za-z0-9_]+", "-", f"{kind}-{value}").strip("-")
    spec = {"cluster_id": canonical_reference(cluster.address, "id"), kind: library[kind]}
    ctx.add("databricks_library", f"{key}.{label}", spec, path).depends_on.add(cluster.address)


def build_warehouse(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A SQL warehouse, REST fields as written."""
    warehouse = primary(ctx, "databricks_sql_warehouse", key, make_spec(raw, name=key), raw, path)
    add_permissions(ctx, key, "sql/warehouses", warehouse, raw, path)


def build_cluster_policy(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A cluster policy, ``definition`` as a mapping or JSON text."""
    spec = {k: v for k, v in make_spec(raw, name=key).items() if v is not None}
    policy = primary(ctx, "databricks_cluster_policy", key, spec, raw, path)
    add_permissions(ctx, key, "cluster-policies", policy, raw, path)


def _principalmake_spec(raw: dict[str, Any], **defaults: Any) -> dict[str, Any]:
    return {k: v for k, v in make_spec(raw, **defaults).items() if v is not None}


def build_group(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A group; members are added from users' and service principals' ``groups:``."""
    group = primary(
        ctx, "databricks_group", key, _principalmake_spec(raw, display_name=key), raw, path
    )
    add_principal_parts(ctx, key, raw, group, path)


def build_user(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A user; its ``groups:`` make it a member of those groups."""
    user = primary(ctx, "databricks_user", key, _principalmake_spec(raw, user_name=key), raw, path)
    add_principal_parts(ctx, key, raw, user, path)
    if raw.get("groups"):
        ctx.memberships.append((user, list(raw["groups"])))


def build_service_principal(
    ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    """A service principal; its ``groups:`` make it a member."""
    spec = _principalmake_spec(raw, display_name=key)
    principal = primary(ctx, "databricks_service_principal", key, spec, raw, path)
    add_principal_parts(ctx, key, raw, principal, path)
    if raw.get("groups"):
        ctx.memberships.append((principal, list(raw["groups"])))


def build_secret_scope(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A secret scope with its ``secrets:`` (sensitive) and ``permissions:`` (ACLs)."""
    name = raw.get("name") or key
    scope = primary(
        ctx, "databricks_secret_scope", key, _principalmake_spec(raw, name=name), raw, path
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


def _permission_targets() -> dict[str, str]:
    """Laktory's target keys (``job_id`` ...) -> permissions object type, from the records."""
    from data_iac.kinds import specs_of

    return {
        key: spec.permissions.object_type
        for spec in specs_of("databricks")
        if spec.permissions is not None
        for key in spec.permissions.config_keys
    }


def build_permissions(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """Stand-alone permissions, targeted by one ``*_id`` key or object_type + object_id."""
    known = _permission_targets()
    targets = [(field, kind) for field, kind in known.items() if raw.get(field)]
    if raw.get("object_type") and raw.get("object_id"):
        object_type, object_id = raw["object_type"], raw["object_id"]
    elif len(targets) == 1:
        object_type, object_id = targets[0][1], raw[targets[0][0]]
    else:
        ctx.report(
            path,
            "permissions need exactly one target",
            f"set one of {', '.join(sorted(known))} (or object_type + object_id)",
        )
        return
    spec = {
        "object_type": object_type,
        "object_id": object_id,
        "access_control_list": [dict(entry) for entry in raw["access_controls"]],
    }
    ignore_kept_owner(primary(ctx, "databricks_permissions", key, spec, raw, path))
