"""``databricks_secret``: one secret in a scope, ``scope/key``; its value is never read back."""

from __future__ import annotations

from data_iac.config.stack.standalone import StandaloneSecret, build_secret
from data_iac.model.kind import KindSpec, ListScope, Strategy

__all__ = ["SPEC"]

_VALUES = frozenset({"string_value", "bytes_value"})

SPEC = KindSpec(
    kind="databricks_secret",
    sections=("databricks_secrets",),
    config_model=StandaloneSecret,
    build=build_secret,
    immutable=frozenset({"scope", "key"}),
    computed=frozenset({"last_updated_timestamp"}),
    sensitive=_VALUES,
    write_only=_VALUES,
    parent="databricks_secret_scope",
    scope=ListScope(("scope",), separator="/"),
    name_field="key",
    identity=("scope", "key"),
    import_id="`<scope>/<key>`: `etl/password`",
    refresh=Strategy.LISTING,
    handler="data_iac.providers.databricks.secrets:Handler",
)
