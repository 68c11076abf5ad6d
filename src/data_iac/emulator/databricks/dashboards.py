"""Lakeview dashboards (``/api/2.0/lakeview/dashboards``), a generic REST collection.

From ``dashboards.LakeviewAPI`` (databricks-sdk): the body is the ``Dashboard`` itself;
``display_name`` is required; the server sets ``dashboard_id``, ``path``
(``<parent_path>/<display_name>.lvdash.json``), ``etag``, create/update times and
``lifecycle_state: ACTIVE``; DELETE trashes (``TRASHED``, still answered by get, left out
of the listing); the listing pages by ``page_size`` under ``dashboards``.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    parent = str(doc.get("parent_path") or f"/Users/{ctx.user_name}").rstrip("/")
    return {
        "parent_path": parent,
        "path": f"{parent}/{doc['display_name']}.lvdash.json",
        "lifecycle_state": "ACTIVE",
        "etag": str(now),
        "create_time": now,
        "update_time": now,
    }


def _updated(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {"etag": str(now), "update_time": now}


COLLECTION = Collection(
    noun="dashboard",
    table="lakeview_dashboards",
    base=r"/api/2\.0/lakeview/dashboards",
    id_field="dashboard_id",
    list_key="dashboards",
    fields=("display_name", "parent_path", "serialized_dashboard", "warehouse_id"),
    required=("display_name",),
    update_fields=("display_name", "serialized_dashboard", "warehouse_id"),
    new_id=lambda ctx, doc: ctx.store.random_token(32, "0123456789abcdef"),
    stamps=_stamps,
    update_stamps=_updated,
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Unable to find dashboard [{}]"),
    page_size_param="page_size",
    soft_delete=("lifecycle_state", "TRASHED"),
    acl_type="dashboards",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
