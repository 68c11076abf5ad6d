"""Laktory's stand-alone Unity Catalog grants and secrets: ``databricks_grants``,
``databricks_grant`` and ``databricks_secrets`` sections.

- ``databricks_grants.K: {catalog|schema|volume|table: NAME, grant|grants: [{principal,
  privileges}], grants_mode?}`` and ``databricks_grant.K: {catalog|...: NAME, principal,
  privileges}`` -> ``databricks_grants.K`` on that securable. Both keep our semantics (the
  listed principals' privileges exact, other principals left alone); Terraform's
  ``databricks_grants`` is authoritative over the securable, so a ``databricks_grants``
  entry without ``grants_mode`` gets the same note as a securable's ``grants:``.
- ``databricks_secrets.K: {scope, key, string_value}`` -> ``databricks_secret.K``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import primary
from data_iac.config.stack.context import StackContext
from data_iac.config.stack.schema import Grant, _Resource

__all__ = [
    "StandaloneGrants",
    "StandaloneSecret",
    "add_securable_dependencies",
    "build_grants",
    "build_secret",
]

_SECURABLES = ("catalog", "schema", "volume", "table")


class StandaloneGrants(_Resource):
    """Grants on one securable named by exactly one of catalog, schema, volume, table."""

    catalog: str | None = None
    schema_: str | None = Field(None, alias="schema")
    volume: str | None = None
    table: str | None = None
    grant: Grant | list[Grant] | None = None
    grants: list[Grant] | None = None
    principal: str | None = None
    privileges: list[str] | None = None
    grants_mode: str | None = Field(None, pattern="^(additive|authoritative)$")

    @model_validator(mode="after")
    def _one_securable(self) -> StandaloneGrants:
        named = [s for s in _SECURABLES if getattr(self, "schema_" if s == "schema" else s)]
        if len(named) != 1:
            raise ValueError(f"name exactly one securable among {', '.join(_SECURABLES)}")
        return self


class StandaloneSecret(_Resource):
    """One secret in a scope, by the scope's name."""

    scope: str
    key: str
    string_value: str


def build_grants(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """``databricks_grants.K`` on the securable the entry names."""
    securable = next(s for s in _SECURABLES if raw.get(s))
    entries = raw.get("grants") or raw.get("grant") or []
    if isinstance(entries, dict):
        entries = [entries]
    if raw.get("principal"):
        entries = [*entries, {"principal": raw["principal"], "privileges": raw["privileges"]}]
    if raw.get("grants") is not None and raw.get("grants_mode") is None:
        ctx.laktory_grants.append(path)
    spec = {
        "securable_type": securable,
        "full_name": str(raw[securable]),
        "grants": [
            {"principal": g["principal"], "privileges": list(g["privileges"])} for g in entries
        ],
        "grants_mode": raw.get("grants_mode") or "additive",
    }
    primary(ctx, "databricks_grants", key, spec, raw, path)


def build_secret(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """``databricks_secret.K`` (its value sensitive)."""
    spec = {"scope": raw["scope"], "key": raw["key"], "string_value": raw["string_value"]}
    ctx.sensitive.add(str(raw["string_value"]))
    primary(ctx, "databricks_secret", key, spec, raw, path)


def add_securable_dependencies(ctx: StackContext) -> None:
    """Grants wait for the securable they name when the stack declares it (a catalog,
    schema, volume or table, by its natural key: ``main``, ``main.raw``...)."""
    from data_iac.kinds import spec_of

    declared = {}
    for draft in ctx.drafts:
        if draft.address.kind in _SECURABLE_KINDS.values():
            name = spec_of(draft.address.kind).natural_key(draft.spec)
            if name is not None:
                declared[(draft.address.kind, name.lower())] = draft.address
    for draft in ctx.drafts:
        securable = str(draft.spec.get("securable_type", "")).lower()
        if draft.address.kind != "databricks_grants" or securable not in _SECURABLE_KINDS:
            continue
        # The securable, else the closest declared parent (a catalog's `default` schema).
        parts = str(draft.spec.get("full_name", "")).lower().split(".")
        for depth in range(len(parts), 0, -1):
            kind = _SECURABLE_KINDS[_SECURABLES[min(depth, 3) - 1]]
            target = declared.get((kind, ".".join(parts[:depth])))
            if target is not None and target != draft.address:
                draft.depends_on.add(target)
                break


_SECURABLE_KINDS = {s: f"databricks_{s}" for s in _SECURABLES}
