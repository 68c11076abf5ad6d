"""Vector search indexes (``/api/2.0/vector-search/indexes``), a REST collection addressed
by the index's Unity Catalog name.

Facts from ``vectorsearch.VectorSearchIndexesAPI`` and ``vectorsearch.VectorIndex``
(databricks-sdk 0.162): create needs ``name``, ``endpoint_name``, ``primary_key`` and
``index_type`` (``DELTA_SYNC`` with a ``delta_sync_index_spec``, or ``DIRECT_ACCESS``
with a ``direct_access_index_spec``) and answers the index; get and delete address it by
name; the listing takes ``endpoint_name`` and pages under ``vector_indexes``
(``MiniVectorIndex``); there is no update. The emulator also wants the endpoint and the
index's schema to exist and reports the index ready at once; the error wordings are this
emulator's.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.databricks.uc_objects import SCHEMA, get_or_404
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

_SPEC_OF = {"DELTA_SYNC": "delta_sync_index_spec", "DIRECT_ACCESS": "direct_access_index_spec"}
_MINI = ("creator", "endpoint_id", "endpoint_name", "index_subtype", "index_type", "name",
         "primary_key")  # fmt: skip


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    name = str(doc.get("name") or "")
    parts = name.split(".")
    if len(parts) != 3 or not all(parts):
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Index name must be catalog.schema.index: {name}"
        )
    get_or_404(ctx, SCHEMA, ".".join(parts[:2]))
    if str(doc.get("endpoint_name")) not in ctx.table("vector_search_endpoints"):
        raise api_error(
            404, "RESOURCE_DOES_NOT_EXIST", f"Vector search endpoint {doc.get('endpoint_name')} "
            "not found"
        )  # fmt: skip
    wanted = _SPEC_OF.get(str(doc.get("index_type")))
    if wanted is None:
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Invalid index_type: {doc.get('index_type')}"
        )
    if not isinstance(doc.get(wanted), dict):
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Missing required field: {wanted}")


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    endpoint = ctx.table("vector_search_endpoints")[str(doc["endpoint_name"])]
    return {
        "creator": ctx.user_name,
        "endpoint_id": endpoint.get("id"),
        "status": {"ready": True, "message": "Index is ready", "indexed_row_count": 0},
    }


def _mini(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in _MINI if k in doc}


COLLECTION = Collection(
    noun="vector search index",
    table="vector_search_indexes",
    base=r"/api/2\.0/vector-search/indexes",
    id_field="name",
    list_key="vector_indexes",
    fields=(
        "name",
        "endpoint_name",
        "primary_key",
        "index_type",
        "index_subtype",
        "delta_sync_index_spec",
        "direct_access_index_spec",
    ),
    required=("name", "endpoint_name", "primary_key", "index_type"),
    new_id=same_as("name"),
    stamps=_stamps,
    duplicate=ErrorShape(409, "RESOURCE_ALREADY_EXISTS", "Index {} already exists"),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Index {} does not exist"),
    page_size_param="page_size",
    list_filter=("endpoint_name",),
    list_view=_mini,
    check=_check,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return [r for r in COLLECTION.routes(ctx) if r.method != "PATCH"]  # no update call
