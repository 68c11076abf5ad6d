"""``databricks_grants``: the Unity Catalog privileges on one securable.

Remote id ``<securable_type>/<full_name>`` (``catalog/main``). ``grants_mode`` directs the
handler (``additive`` manages only the listed principals, ``authoritative`` revokes every
other one); it is not platform state, so it is never diffed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.standalone import StandaloneGrants, build_grants
from data_iac.errors import ProviderError
from data_iac.model.kind import KindSpec, ListScope

__all__ = [
    "ADDITIVE",
    "AUTHORITATIVE",
    "SPEC",
    "as_grant_mapping",
    "normalize_spec",
    "unlisted",
]

ADDITIVE, AUTHORITATIVE = "additive", "authoritative"
Grants = dict[str, list[str]]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The spec in attribute shape; pure and idempotent.

    Raises:
        ProviderError: an unknown ``grants_mode`` or a malformed ``grants`` entry.
    """
    mode = str(spec.get("grants_mode") or ADDITIVE).lower()
    if mode not in (ADDITIVE, AUTHORITATIVE):
        raise ProviderError(
            f"grants_mode must be {ADDITIVE!r} or {AUTHORITATIVE!r}, not {mode!r}",
            platform="databricks",
        )
    out = dict(spec)
    out["securable_type"] = str(spec["securable_type"]).upper()
    out["full_name"] = str(spec["full_name"]).lower()
    out["grants"] = as_grant_mapping(spec.get("grants") or {})
    out["grants_mode"] = mode
    if mode == AUTHORITATIVE:
        out["principals"] = sorted(out["grants"])
    else:
        out.pop("principals", None)
    return out


def as_grant_mapping(grants: Any) -> Grants:
    """``[{principal, privileges}]`` or ``{principal: privileges}`` -> sorted mapping."""
    if isinstance(grants, Mapping):
        return {str(p): sorted(set(privileges)) for p, privileges in grants.items()}
    merged: dict[str, set[str]] = {}
    for entry in grants:
        if not isinstance(entry, Mapping) or "principal" not in entry:
            raise ProviderError(
                f"each grant needs a principal and privileges, got {entry!r}",
                platform="databricks",
            )
        merged.setdefault(str(entry["principal"]), set()).update(entry.get("privileges") or [])
    return {p: sorted(privileges) for p, privileges in merged.items()}


def keep(recorded: Mapping[str, Any], live: Mapping[str, Any]) -> dict[str, Any]:
    """What state keeps of live grants: in additive mode only the recorded principals (so a
    destroy never revokes another principal's privileges); ``grants_mode`` as recorded."""
    merged = {**recorded, **live}
    if str(recorded.get("grants_mode") or ADDITIVE) == ADDITIVE:
        mine = set(dict(recorded.get("grants") or {}))
        grants = {p: v for p, v in dict(live.get("grants") or {}).items() if p in mine}
        merged["grants"] = grants
        merged["principals"] = sorted(grants)
    return merged


def unlisted(spec: Mapping[str, Any], live: Mapping[str, Any]) -> list[str]:
    """The principals holding privileges that additive ``grants`` do not name, in words
    (authoritative grants name every principal: the others are drift instead). Pure."""
    if str(spec.get("grants_mode") or ADDITIVE).lower() == AUTHORITATIVE:
        return []
    named = set(as_grant_mapping(spec.get("grants") or {}))
    held = sorted(dict(live.get("grants") or {}).items())
    return [f"{p} holds {', '.join(privileges)}" for p, privileges in held if p not in named]


def recorded(spec: Mapping[str, Any]) -> dict[str, Any]:
    """What an import records of a ``grants`` spec: its mode and listed principals."""
    mode = str(spec.get("grants_mode") or ADDITIVE).lower()
    grants = spec.get("grants") or {}
    if not isinstance(grants, Mapping):
        grants = {str(g["principal"]): g.get("privileges") for g in grants}
    return {"grants_mode": mode, "grants": {str(p): [] for p in grants}}


def _closed(spec: Mapping[str, Any]) -> frozenset[str]:
    """Authoritative grants are compared both ways: every privilege of an unlisted
    principal shows in the plan as one to revoke."""
    return frozenset({"grants"}) if spec.get("grants_mode") == AUTHORITATIVE else frozenset()


SPEC = KindSpec(
    kind="databricks_grants",
    sections=("databricks_grants", "databricks_grant"),
    config_model=StandaloneGrants,
    build=build_grants,
    immutable=frozenset({"securable_type", "full_name"}),
    computed=frozenset({"grants_mode"}),
    closed=_closed,
    normalize=normalize_spec,
    keep=keep,
    recorded=recorded,
    unlisted=unlisted,
    scope=ListScope(),
    list_keys={"grants": "principal"},
    identity=("securable_type", "full_name"),
    import_id="`<securable type>/<full name>`: `catalog/main`, `schema/main.raw`",
    handler="data_iac.providers.databricks.grants:Handler",
)
