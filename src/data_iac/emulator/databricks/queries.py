"""Saved SQL queries (``/api/2.0/sql/queries``), a generic REST collection.

From ``sql.QueriesAPI`` (databricks-sdk): the body nests the query under ``query``;
``display_name`` and ``query_text`` are needed; update needs ``update_mask`` and changes
only the fields it names; DELETE trashes (``lifecycle_state: TRASHED``); the listing pages
by ``page_size`` under ``results``.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

_FIELDS = (
    "display_name",
    "query_text",
    "warehouse_id",
    "description",
    "parent_path",
    "catalog",
    "schema",
    "parameters",
    "tags",
    "run_as_mode",
    "apply_auto_limit",
    "owner_user_name",
)


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {
        "owner_user_name": doc.get("owner_user_name") or ctx.user_name,
        "lifecycle_state": "ACTIVE",
        "create_time": now,
        "update_time": now,
        "last_modifier_user_name": ctx.user_name,
    }


COLLECTION = Collection(
    noun="query",
    table="sql_queries",
    base=r"/api/2\.0/sql/queries",
    id_field="id",
    list_key="results",
    fields=_FIELDS,
    required=("display_name", "query_text"),
    stamps=_stamps,
    update_stamps=lambda ctx, doc: {
        "update_time": ctx.now(),
        "last_modifier_user_name": ctx.user_name,
    },
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Query {} does not exist."),
    request_key="query",
    update_mask=True,
    page_size_param="page_size",
    soft_delete=("lifecycle_state", "TRASHED"),
    acl_type="queries",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
