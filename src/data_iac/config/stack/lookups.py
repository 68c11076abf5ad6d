"""Laktory's ``lookup_existing``: a stack entry that refers to an object that exists already.

The entry is not a managed resource: the plan never creates, updates or deletes it. Its
lookup fields (Laktory's per kind: a warehouse's ``id`` or ``name``, a notebook's ``path``,
a pipeline's ``pipeline_id``...) can be referenced as ``${resources.KEY.FIELD}`` (and the
object's identifier as ``${resources.KEY.id}``), which resolve to the values written. What
the entry manages on the object is kept: ``access_controls`` become the object's
``databricks_permissions.KEY`` (the object addressed by its id or workspace path), and a
securable's ``grants`` its ``databricks_grants.KEY``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.context import StackContext

__all__ = ["LOOKUP_SECTIONS", "build_lookup"]


@dataclass(frozen=True, slots=True)
class _Lookup:
    """What a kind's ``lookup_existing`` may name, and how its object is addressed."""

    fields: tuple[str, ...]
    id_field: str
    object_type: str | None = None  # permissions API type, when access_controls apply
    securable: str | None = None  # Unity Catalog securable, when grants apply


_LOOKUPS = {
    "warehouses": _Lookup(("id", "name"), "id", "sql/warehouses"),
    "jobs": _Lookup(("id",), "id", "jobs"),
    "pipelines": _Lookup(("pipeline_id",), "pipeline_id", "pipelines"),
    "clusters": _Lookup(("cluster_id",), "cluster_id", "clusters"),
    "notebooks": _Lookup(("path", "format"), "path", "notebooks"),
    "directories": _Lookup(("path",), "path", "directories"),
    "dbfsfiles": _Lookup(("path", "limit_file_size"), "path"),
    "catalogs": _Lookup(("name",), "name", securable="catalog"),
    "schemas": _Lookup(("name",), "name", securable="schema"),
    "volumes": _Lookup(("name",), "name", securable="volume"),
    "groups": _Lookup(("display_name", "id"), "id"),
    "users": _Lookup(("user_id", "user_name"), "user_id"),
    "serviceprincipals": _Lookup(("application_id",), "application_id"),
}
LOOKUP_SECTIONS = frozenset(_LOOKUPS)
"""The stack sections (canonical keys) whose entries may be a ``lookup_existing``."""
_MANAGED_ON_LOOKUP = frozenset(
    {"lookup_existing", "access_controls", "grants", "grants_mode", "resource_options"}
)


def build_lookup(ctx: StackContext, kind: str, key: str, raw: Any, path: NodePath) -> bool:
    """Register ``raw`` as a read-only reference when it sets ``lookup_existing``; True if
    it did (the entry is then not built as a resource)."""
    if not isinstance(raw, dict) or raw.get("lookup_existing") is None:
        return False
    spec = _LOOKUPS.get(kind)
    where = (*path, "lookup_existing")
    found = raw["lookup_existing"]
    if spec is None:
        ctx.report(where, f"lookup_existing is not supported for {path[1]}")
        return True
    if not isinstance(found, dict) or not found or set(found) - set(spec.fields):
        ctx.report(where, f"lookup_existing takes {' or '.join(spec.fields)}")
        return True
    for extra in sorted(set(raw) - _MANAGED_ON_LOOKUP):
        ctx.notes.append(f"{key}: {extra} is ignored: a lookup_existing entry is read-only")
    known = dict(found)
    if spec.id_field in found:
        known["id"] = found[spec.id_field]
    ctx.register_lookup(key, known, path)
    _access_controls(ctx, key, raw, spec, known, path)
    _grants(ctx, key, raw, spec, known, path)
    return True


def _access_controls(
    ctx: StackContext,
    key: str,
    raw: dict[str, Any],
    spec: _Lookup,
    known: dict[str, Any],
    path: NodePath,
) -> None:
    acl = raw.get("access_controls")
    if not acl:
        return
    if spec.object_type is None or "id" not in known:
        ctx.report(
            (*path, "access_controls"),
            f"access_controls of a lookup need its {spec.id_field}",
            f"look the object up by {spec.id_field}",
        )
        return
    body = {
        "object_type": spec.object_type,
        "object_id": str(known["id"]),
        "access_control_list": [dict(entry) for entry in acl],
    }
    ctx.add("databricks_permissions", key, body, (*path, "access_controls"))


def _grants(
    ctx: StackContext,
    key: str,
    raw: dict[str, Any],
    spec: _Lookup,
    known: dict[str, Any],
    path: NodePath,
) -> None:
    grants = raw.get("grants")
    if not grants or spec.securable is None:
        return
    body = {
        "securable_type": spec.securable,
        "full_name": str(known["name"]),
        "grants": [
            {"principal": g["principal"], "privileges": list(g["privileges"])} for g in grants
        ],
        "grants_mode": raw.get("grants_mode") or "additive",
    }
    ctx.add("databricks_grants", key, body, (*path, "grants"))
