"""Vector search endpoints (``/api/2.0/vector-search/endpoints``), a REST collection.

From ``vectorsearch.VectorSearchEndpointsAPI`` (databricks-sdk): create needs ``name`` and
``endpoint_type`` (STANDARD | STORAGE_OPTIMIZED) and answers the ``EndpointInfo``; the
endpoint is addressed by name; the listing pages by ``page_token`` under ``endpoints``.
The emulator reports the endpoint ONLINE at once (the real one is PROVISIONING first).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    if doc.get("endpoint_type") not in ("STANDARD", "STORAGE_OPTIMIZED"):
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Invalid endpoint_type: {doc.get('endpoint_type')}"
        )


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {
        "id": ctx.store.new_uuid(),
        "creator": ctx.user_name,
        "creation_timestamp": now,
        "last_updated_timestamp": now,
        "last_updated_user": ctx.user_name,
        "endpoint_status": {"state": "ONLINE"},
        "num_indexes": 0,
    }


COLLECTION = Collection(
    noun="vector search endpoint",
    table="vector_search_endpoints",
    base=r"/api/2\.0/vector-search/endpoints",
    id_field="name",
    list_key="endpoints",
    fields=("name", "endpoint_type", "budget_policy_id", "target_qps", "usage_policy_id"),
    required=("name", "endpoint_type"),
    new_id=same_as("name"),
    stamps=_stamps,
    duplicate=ErrorShape(
        409, "RESOURCE_ALREADY_EXISTS", "Vector search endpoint with name {} already exists"
    ),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Vector search endpoint {} not found"),
    check=_check,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
