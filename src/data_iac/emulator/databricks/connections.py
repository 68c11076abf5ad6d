"""Lakehouse Federation connections (``/api/2.1/unity-catalog/connections``).

A generic collection addressed by name. ``options`` may hold credentials
(``password``, ``personalAccessToken``, ``client_secret`` ...): the service stores them
and never returns them (``catalog.ConnectionInfo.options`` is documented as the options
"required to access the data source"; terraform-provider-databricks marks the connection's
``options`` sensitive). A duplicate answers 400 ``RESOURCE_ALREADY_EXISTS``; a missing
connection 404 ``RESOURCE_DOES_NOT_EXIST`` (no connection-specific code exists in
databricks-sdk ``apps.ErrorCode``).
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks._uc_stamps import uc_created, uc_updated
from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "SECRET_OPTIONS", "routes"]

SECRET_OPTIONS = frozenset(
    {"password", "personalAccessToken", "client_secret", "pem_private_key", "token"}
)
CONNECTION_TYPES = frozenset(
    {
        "BIGQUERY", "DATABRICKS", "GLUE", "HIVE_METASTORE", "HTTP", "MYSQL", "ORACLE",
        "POSTGRESQL", "REDSHIFT", "SALESFORCE", "SALESFORCE_DATA_CLOUD", "SNOWFLAKE",
        "SQLDW", "SQLSERVER", "TERADATA", "WORKDAY_RAAS",
    }
)  # fmt: skip


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    if doc.get("connection_type") not in CONNECTION_TYPES:
        raise api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            f"Invalid connection type: {doc.get('connection_type')}",
        )


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {
        **uc_created(ctx, doc),
        "full_name": doc["name"],
        "connection_id": ctx.store.new_uuid(),
        "credential_type": "USERNAME_PASSWORD",
        "provisioning_info": {"state": "ACTIVE"},
    }


def shown(doc: dict[str, Any]) -> dict[str, Any]:
    """The connection as the API answers: credentials left out of ``options``."""
    out = copy.deepcopy(doc)
    options = out.get("options") or {}
    out["options"] = {k: v for k, v in options.items() if k not in SECRET_OPTIONS}
    return out


COLLECTION = Collection(
    noun="Connection",
    table="connections",
    base=r"/api/2\.1/unity-catalog/connections",
    id_field="name",
    list_key="connections",
    fields=(
        "name",
        "connection_type",
        "options",
        "comment",
        "properties",
        "read_only",
        "owner",
        "environment_settings",
    ),
    required=("name", "connection_type", "options"),
    update_fields=("options", "owner", "environment_settings"),
    new_id=same_as("name"),
    stamps=_stamps,
    update_stamps=uc_updated,
    duplicate=ErrorShape(400, "RESOURCE_ALREADY_EXISTS", "Connection '{}' already exists"),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Connection '{}' does not exist."),
    check=_check,
    view=shown,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
