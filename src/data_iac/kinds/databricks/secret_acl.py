"""``databricks_secret_acl``: one principal's permission on a secret scope, ``scope/principal``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC", "normalize_spec"]


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Upper-case ``permission``. Pure."""
    out = dict(spec)
    if isinstance(out.get("permission"), str):
        out["permission"] = out["permission"].upper()
    return out


SPEC = KindSpec(
    kind="databricks_secret_acl",
    immutable=frozenset({"scope", "principal"}),
    normalize=normalize_spec,
    list_keys={"acls": "principal"},
    parent="databricks_secret_scope",
    scope=ListScope(("scope",), separator="/"),
    name_field="principal",
    identity=("scope", "principal"),
    import_id="`<scope>/<principal>`: `etl/data-engineers`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.databricks.secret_acls:Handler",
)
