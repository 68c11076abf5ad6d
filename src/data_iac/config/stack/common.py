"""Helpers every stack kind builder shares: the spec, options, grants and permissions.

A primary resource is the one a stack key names (it can be referenced as
``${resources.KEY...}``); its grants or access controls become separate resources that
share its key (``databricks_grants.KEY``, ``databricks_permissions.KEY``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.context import Draft, StackContext
from data_iac.config.stack.principals import PRINCIPAL_PARTS
from data_iac.model.references import canonical_reference
from data_iac.model.resource import Lifecycle

__all__ = [
    "Builder",
    "add_grants",
    "add_permissions",
    "apply_options",
    "ignore_kept_owner",
    "make_spec",
    "primary",
]

_NOT_SPEC = frozenset(
    {
        "resource_options",
        "lifecycle",
        "access_controls",
        "grants",
        "grants_mode",
        "schemas",
        "volumes",
        "secrets",
        "permissions",
        "force_destroy",
        "groups",
        "dirpath",
        *PRINCIPAL_PARTS,
    }
)
_IGNORED_OPTIONS = (
    "aliases",
    "delete_before_replace",
    "replace_on_changes",
    "import",
)

Builder = Callable[[StackContext, str, dict[str, Any], NodePath], None]


def make_spec(raw: dict[str, Any], **defaults: Any) -> dict[str, Any]:
    """The REST spec of an entry: its keys minus Laktory's own, with defaults for unset keys."""
    spec = {key: value for key, value in raw.items() if key not in _NOT_SPEC}
    for key, value in defaults.items():
        if spec.get(key) is None:
            spec[key] = value
    return spec


def primary(
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
    apply_options(ctx, draft, raw, path)
    return draft


def apply_options(ctx: StackContext, draft: Draft, raw: dict[str, Any], path: NodePath) -> None:
    """Apply ``resource_options`` (depends_on, ignore_changes, provider) and ``lifecycle``
    to a draft."""
    options = raw.get("resource_options") or {}
    lifecycle = raw.get("lifecycle") or {}
    for index, entry in enumerate(options.get("depends_on") or []):
        draft.depends_on_keys.append((entry, (*path, "resource_options", "depends_on", index)))
    if isinstance(options.get("provider"), str):
        provider = ctx.provider_of(options["provider"], (*path, "resource_options", "provider"))
        draft.provider = None if provider == "databricks" else provider
    ignore = [*options.get("ignore_changes", []), *lifecycle.get("ignore_changes", [])]
    draft.lifecycle = Lifecycle(bool(lifecycle.get("prevent_destroy", False)), tuple(ignore))
    if isinstance(options.get("moved_from"), str):  # Terraform's moved block, same type
        ctx.moved.append((f"{draft.address.kind}.{options['moved_from']}", str(draft.address)))
    ignored = [name for name in _IGNORED_OPTIONS if options.get(name) is not None]
    if ignored:
        ctx.notes.append(f"{draft.address}: resource_options {', '.join(ignored)} ignored")


def add_grants(
    ctx: StackContext,
    key: str,
    securable: str,
    full_name: str,
    parent: Draft,
    grants: list[dict[str, Any]] | None,
    path: NodePath,
    mode: str | None = None,
) -> None:
    """Add ``databricks_grants.<key>`` for a securable's ``grants:``.

    ``mode`` is the securable's ``grants_mode``: ``additive`` (the default) manages only the
    principals listed; ``authoritative`` also revokes every privilege of the others.
    """
    if grants is None:
        return
    spec = {
        "securable_type": securable,
        "full_name": full_name,
        "grants": [
            {"principal": g["principal"], "privileges": list(g["privileges"])} for g in grants
        ],
        "grants_mode": mode or "additive",
    }
    ctx.add("databricks_grants", key, spec, path).depends_on.add(parent.address)


def add_permissions(
    ctx: StackContext,
    key: str,
    object_type: str,
    target: Draft,
    raw: dict[str, Any],
    path: NodePath,
    attr: str = "id",
) -> None:
    """Add ``databricks_permissions.<key>`` for an object's ``access_controls:``."""
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
    ignore_kept_owner(draft)


def ignore_kept_owner(draft: Draft) -> None:
    """An ACL of a job, pipeline or warehouse naming no owner keeps the current one: the
    plan shows that, and the owner is never compared (kinds/databricks/permissions.py)."""
    from data_iac.kinds.databricks.permissions import keep_owner

    if keep_owner(draft.spec):
        ignored = (*draft.lifecycle.ignore_changes, "owner")
        draft.lifecycle = Lifecycle(draft.lifecycle.prevent_destroy, ignored)
