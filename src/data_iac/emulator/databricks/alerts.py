"""SQL alerts (``/api/2.0/sql/alerts``), a generic REST collection.

From ``sql.AlertsAPI`` (databricks-sdk): the body nests the alert under ``alert``;
``display_name``, ``query_id`` and ``condition`` are needed and the query must exist; the
server sets ``state: UNKNOWN`` until the alert first runs; update needs ``update_mask``;
DELETE trashes; the listing pages by ``page_size`` under ``results``.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks import queries
from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _query_exists(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    query = ctx.table(queries.COLLECTION.table).get(str(doc.get("query_id")))
    if query is None or query.get("lifecycle_state") == "TRASHED":
        raise queries.COLLECTION.missing.raise_for(doc.get("query_id"))


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {
        "owner_user_name": doc.get("owner_user_name") or ctx.user_name,
        "state": "UNKNOWN",
        "lifecycle_state": "ACTIVE",
        "create_time": now,
        "update_time": now,
    }


COLLECTION = Collection(
    noun="alert",
    table="sql_alerts",
    base=r"/api/2\.0/sql/alerts",
    id_field="id",
    list_key="results",
    fields=(
        "display_name",
        "query_id",
        "condition",
        "custom_subject",
        "custom_body",
        "notify_on_ok",
        "seconds_to_retrigger",
        "parent_path",
        "owner_user_name",
    ),
    required=("display_name", "query_id", "condition"),
    defaults={"seconds_to_retrigger": 0, "notify_on_ok": False},
    stamps=_stamps,
    update_stamps=lambda ctx, doc: {"update_time": ctx.now()},
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Alert {} does not exist."),
    request_key="alert",
    update_mask=True,
    page_size_param="page_size",
    soft_delete=("lifecycle_state", "TRASHED"),
    check=_query_exists,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
