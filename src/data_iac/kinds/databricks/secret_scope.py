"""``databricks_secret_scope``: a secret scope, identified by its name.

Nothing about a scope changes in place; the create-only fields cannot be read back.
"""

from __future__ import annotations

from data_iac.config.stack.kinds import build_secret_scope
from data_iac.config.stack.schema import SecretScope
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["CREATE_ONLY", "SPEC"]

CREATE_ONLY = ("initial_manage_principal", "scope_backend_type", "backend_azure_keyvault")

SPEC = KindSpec(
    kind="databricks_secret_scope",
    sections=("secret_scopes",),
    config_model=SecretScope,
    build=build_secret_scope,
    immutable=frozenset({"name", *CREATE_ONLY}),
    computed=frozenset({"backend_type"}),
    write_only=frozenset(CREATE_ONLY),
    defaults={"scope_backend_type": "DATABRICKS"},
    managed=frozenset({"name", *CREATE_ONLY}),
    identity=("name",),
    import_id="the scope name: `etl`",
    refresh=Strategy.LISTING,
    generate="secret_scope",
    handler="data_iac.providers.databricks.secret_scopes:Handler",
)
