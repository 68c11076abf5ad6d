"""Build one stack entry from its kind's record: the kind's own builder when it has one,
else the generic one (the entry's REST fields as the spec, the name defaulting to the key,
``access_controls:`` as permissions when the kind has a permissions object type)."""

from __future__ import annotations

from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import add_grants, add_permissions, make_spec, primary
from data_iac.config.stack.context import StackContext
from data_iac.model.kind import KindSpec

__all__ = ["build_entry", "build_generic"]


def build_entry(
    spec: KindSpec, ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    """Add the resources of one entry of ``spec``'s section."""
    if spec.build is not None:
        spec.build(ctx, key, raw, path)
    else:
        build_generic(spec, ctx, key, raw, path)


def build_generic(
    spec: KindSpec, ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath
) -> None:
    """The entry's fields (Laktory's own keys and unset ones left out) as the spec; the
    record's ``name_field`` defaults to the stack key; ``grants:`` and ``access_controls:``
    become the grants or permissions resources the record's securable types allow."""
    fields = {k: v for k, v in make_spec(raw).items() if v is not None}
    if spec.name_field and _takes(spec.config_model, spec.name_field):
        fields.setdefault(spec.name_field, key)
    draft = primary(ctx, spec.kind, key, fields, raw, path)
    full_name = spec.natural_key(fields)
    if spec.grants_securable is not None and full_name is not None:
        securable, mode = spec.grants_securable, raw.get("grants_mode")
        add_grants(ctx, key, securable, full_name, draft, raw.get("grants"), path, mode)
    if spec.permissions is not None:
        target = spec.permissions
        attr = target.id_attribute or "id"
        add_permissions(ctx, key, target.object_type, draft, raw, path, attr=attr)


def _takes(model: Any, name: str) -> bool:
    """Whether the entry model has the field ``name`` (or takes any field)."""
    if name in (getattr(model, "model_fields", None) or {}):
        return True
    return (getattr(model, "model_config", None) or {}).get("extra") == "allow"
