"""Unity Catalog tables: read APIs (get, list, exists, summaries) plus create and delete so
tests and demos can put tables in a schema (real tables come from SQL, not from this API)."""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, page, route
from data_iac.emulator.databricks.uc_objects import (
    TABLE,
    created_stamp,
    delete_leaf,
    find,
    get_or_404,
    listing,
    new_in_schema,
    page_in_schema,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

UC = r"/api/2\.1/unity-catalog"
_TABLE_FIELDS = ("columns", "data_source_format", "properties", "storage_location", "table_type")


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Tables(ctx)
    return [
        route("POST", rf"{UC}/tables", ops.create),
        route("GET", rf"{UC}/tables", ops.list),
        route("GET", rf"{UC}/tables/(?P<name>[^/]+)/exists", ops.exists),
        route("GET", rf"{UC}/tables/(?P<name>[^/]+)", ops.get),
        route("DELETE", rf"{UC}/tables/(?P<name>[^/]+)", ops.delete),
        # catalog.TablesAPI.update (databricks-sdk 0.162): PATCH with the new owner only
        route("PATCH", rf"{UC}/tables/(?P<name>[^/]+)", ops.update),
        route("GET", rf"{UC}/table-summaries", ops.summaries),
    ]


class _Tables:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def create(self, request: Request) -> Response:
        body = request.json()
        schema, name, full = new_in_schema(self.ctx, TABLE, body, "CreateTable", "TableInfo.name")
        doc: dict[str, Any] = {
            "table_type": "MANAGED",
            "data_source_format": "DELTA",
            **{k: body[k] for k in _TABLE_FIELDS if body.get(k) is not None},
            **created_stamp(self.ctx),
            "name": name,
            "catalog_name": schema["catalog_name"],
            "schema_name": schema["name"],
            "full_name": full,
            "table_id": self.ctx.store.new_uuid(),
        }
        self.ctx.table(TABLE.table)[full] = doc
        return Response(200, doc)

    def list(self, request: Request) -> Response:
        return listing("tables", *page_in_schema(self.ctx, request, TABLE))

    def get(self, request: Request) -> Response:
        return Response(200, get_or_404(self.ctx, TABLE, request.params["name"]))

    def exists(self, request: Request) -> Response:
        return Response(
            200, {"table_exists": find(self.ctx, TABLE, request.params["name"]) is not None}
        )

    def delete(self, request: Request) -> Response:
        return delete_leaf(self.ctx, TABLE, request.params["name"])

    def update(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, TABLE, request.params["name"])
        owner = (request.json() or {}).get("owner")
        if owner:
            doc["owner"] = owner
            doc["updated_at"] = self.ctx.now()
            doc["updated_by"] = self.ctx.user_name
        return Response(200, {})

    def summaries(self, request: Request) -> Response:
        catalog = (request.arg("catalog_name") or "").lower()
        rows = [
            {"full_name": doc["full_name"], "table_type": doc.get("table_type", "MANAGED")}
            for name, doc in sorted(self.ctx.table(TABLE.table).items())
            if name.startswith(catalog + ".")
        ]
        return listing("tables", *page(request, rows, self.ctx))
