"""Unity Catalog kinds of a stack: catalogs, schemas and volumes, nested or on their own.

A catalog may hold ``schemas:`` and a schema ``volumes:``; a nested child's address key is
its parent's key plus its name (``databricks_schema.catalog-finance.raw``), and each
object's ``grants:`` become ``databricks_grants`` with the object's key.
"""

from __future__ import annotations

from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import add_grants, apply_options, make_spec, primary
from data_iac.config.stack.context import Draft, StackContext

__all__ = ["build_catalog", "build_schema", "build_volume"]


def build_catalog(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A catalog with its grants and nested schemas."""
    name = raw.get("name") or key
    spec = _with_force_destroy(make_spec(raw, name=name), raw)
    catalog = primary(ctx, "databricks_catalog", key, spec, raw, path)
    add_grants(
        ctx,
        key,
        "catalog",
        name,
        catalog,
        raw.get("grants"),
        (*path, "grants"),
        raw.get("grants_mode"),
    )
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
    spec = _with_force_destroy(make_spec(raw, name=name, catalog_name=catalog), raw)
    if parent is None:
        schema = primary(ctx, "databricks_schema", key, spec, raw, path)
    else:
        schema = ctx.add("databricks_schema", key, spec, path)
        schema.depends_on.add(parent.address)
        apply_options(ctx, schema, raw, path)
    full_name = f"{catalog}.{name}"
    add_grants(
        ctx,
        key,
        "schema",
        full_name,
        schema,
        raw.get("grants"),
        (*path, "grants"),
        raw.get("grants_mode"),
    )
    for index, volume in enumerate(raw.get("volumes") or []):
        _volume(ctx, key, catalog, name, volume, (*path, "volumes", index), schema)
    return schema


def build_schema(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A schema declared on its own (needs ``catalog_name``)."""
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
    volume_type = "EXTERNAL" if raw.get("storage_location") else "MANAGED"
    spec = make_spec(
        raw, name=name, catalog_name=catalog, schema_name=schema, volume_type=volume_type
    )
    if parent is None:
        volume = primary(ctx, "databricks_volume", key, spec, raw, path)
    else:
        volume = ctx.add("databricks_volume", key, spec, path)
        volume.depends_on.add(parent.address)
        apply_options(ctx, volume, raw, path)
    full_name = f"{catalog}.{schema}.{name}"
    add_grants(
        ctx,
        key,
        "volume",
        full_name,
        volume,
        raw.get("grants"),
        (*path, "grants"),
        raw.get("grants_mode"),
    )


def build_volume(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A volume declared on its own (needs ``catalog_name`` and ``schema_name``)."""
    if not raw.get("catalog_name") or not raw.get("schema_name"):
        ctx.report(
            path,
            "a volume needs catalog_name and schema_name",
            "or declare it under a schema's volumes:",
        )
        return
    _volume(ctx, key, raw["catalog_name"], raw["schema_name"], raw, path, None)


def _with_force_destroy(spec: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
    """``force_destroy: true`` goes to the spec (an input-only field the provider reads at
    destroy); false or unset stays out, so older states plan no change."""
    if raw.get("force_destroy"):
        spec["force_destroy"] = True
    return spec
