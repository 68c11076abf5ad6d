"""Databricks provider: one module per kind, through the real ``databricks-sdk``.

Each kind module (listed in KIND_MODULES) exports ``SCHEMA: KindSchema`` (pure) and
``Handler``, a class built as ``Handler(client: DatabricksClient)`` that implements
``ResourceHandler``. The module must not import ``databricks.sdk`` at module level.

The desired ``spec`` of a kind uses the REST API's own field names (the JSON its create or
update call takes), plus the identity fields of its parent (e.g. ``catalog_name`` for a
schema). The stack loader maps Laktory's spellings to these.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from data_iac.providers.base import KindSchema, ResourceHandler

__all__ = ["KIND_MODULES", "SCHEMAS", "make_handlers"]

KIND_MODULES: Mapping[str, str] = {
    "databricks_catalog": "catalogs",
    "databricks_schema": "schemas",
    "databricks_volume": "volumes",
    "databricks_grants": "grants",
    "databricks_job": "jobs",
    "databricks_pipeline": "pipelines",
    "databricks_notebook": "notebooks",
    "databricks_directory": "directories",
    "databricks_workspace_file": "workspace_files",
    "databricks_cluster": "clusters",
    "databricks_cluster_policy": "cluster_policies",
    "databricks_sql_warehouse": "warehouses",
    "databricks_group": "groups",
    "databricks_user": "users",
    "databricks_service_principal": "service_principals",
    "databricks_secret_scope": "secret_scopes",
    "databricks_secret": "secrets",
    "databricks_secret_acl": "secret_acls",
    "databricks_permissions": "permissions",
    "databricks_dbfs_file": "dbfs_files",
}
# Kinds served by an account provider only, loaded by name like the others.
# TODO(auth): join KIND_MODULES when the stack loader makes them (and the CLI lifecycle
# cases cover them).
ACCOUNT_KIND_MODULES: Mapping[str, str] = {
    "databricks_mws_permission_assignment": "mws_permission_assignments",
}


def _kind_module(kind: str) -> Any | None:
    module = KIND_MODULES.get(kind) or ACCOUNT_KIND_MODULES[kind]
    name = f"data_iac.providers.databricks.{module}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None  # a kind not written yet


@cache
def _schemas() -> Mapping[str, KindSchema]:
    found: dict[str, KindSchema] = {}
    for kind in KIND_MODULES:
        module = _kind_module(kind)
        if module is not None:
            normalize = getattr(module, "normalize_spec", None)
            found[kind] = (
                replace(module.SCHEMA, normalize=normalize) if normalize else module.SCHEMA
            )
    return found


def __getattr__(name: str) -> Any:
    if name == "SCHEMAS":
        return _schemas()
    raise AttributeError(name)


def make_handlers(settings: Mapping[str, Any]) -> Mapping[str, ResourceHandler]:
    """One handler per kind. ``settings`` are one workspace's (host, token or profile,
    client_id ..., rate_limit), connected now; or ``{"providers": {name: settings}}`` for
    several named providers (``databricks``, ``databricks.ALIAS``, account-level when they
    set ``account_id``), each connected when a resource first needs it (``_routing.py``)."""
    named = settings.get("providers")
    if isinstance(named, Mapping):
        return _routed_handlers(named)
    return _connected_handlers(settings, account=False)


def _connected_handlers(settings: Mapping[str, Any], account: bool) -> dict[str, ResourceHandler]:
    from data_iac.providers.databricks._routing import ACCOUNT_KINDS
    from data_iac.providers.databricks.client import connect, connect_account

    client = connect_account(settings) if account else connect(settings)
    handlers: dict[str, ResourceHandler] = {}
    for kind in [*KIND_MODULES, *(ACCOUNT_KIND_MODULES if account else ())]:
        module = _kind_module(kind)
        if module is not None and (not account or kind in ACCOUNT_KINDS):
            handlers[kind] = module.Handler(client)
    return handlers


def _routed_handlers(named: Mapping[str, Mapping[str, Any]]) -> dict[str, ResourceHandler]:
    from data_iac.providers.databricks._routing import ProviderRouter, RoutedHandler

    router = ProviderRouter(named, _connected_handlers)
    schemas = {**_schemas(), **_account_schemas()}
    return {kind: RoutedHandler(kind, schema, router) for kind, schema in schemas.items()}


def _account_schemas() -> dict[str, KindSchema]:
    found: dict[str, KindSchema] = {}
    for kind in ACCOUNT_KIND_MODULES:
        module = _kind_module(kind)
        assert module is not None, kind
        normalize = getattr(module, "normalize_spec", None)
        found[kind] = replace(module.SCHEMA, normalize=normalize) if normalize else module.SCHEMA
    return found
