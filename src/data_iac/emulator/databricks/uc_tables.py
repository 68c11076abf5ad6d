"""Unity Catalog tables: read APIs (get, list, exists, summaries) plus create and delete so
tests and demos can put tables in a schema (real tables come from SQL, not from this API)."""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, page, require, route
from data_iac.emulator.databricks.uc_objects import (
    SCHEMA,
    TABLE,
    check_name,
    children,
    created_stamp,
    drop_grants,
    find,
    get_or_404,
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
        route("GET", rf"{UC}/table-summaries", ops.summaries),
    ]


class _Tables:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def create(self, request: Request) -> Response:
        body = request.json()
        require(body, "catalog_name", "schema_name")
        name = check_name(body.get("name"), "CreateTable", "TableInfo.name")
        schema = get_or_404(self.ctx, SCHEMA, f"{body['catalog_name']}.{body['schema_name']}")
        full = f"{schema['full_name']}.{name}"
        if find(self.ctx, TABLE, full) is not None:
            raise TABLE.duplicate(full)
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
        schema = f"{request.arg('catalog_name') or ''}.{request.arg('schema_name') or ''}"
        found = get_or_404(self.ctx, SCHEMA, schema)["full_name"]
        names = sorted(children(self.ctx, TABLE, found))
        chunk, token = page(request, [self.ctx.table(TABLE.table)[n] for n in names], self.ctx)
        body: dict[str, Any] = {"tables": chunk}
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def get(self, request: Request) -> Response:
        return Response(200, get_or_404(self.ctx, TABLE, request.params["name"]))

    def exists(self, request: Request) -> Response:
        return Response(
            200, {"table_exists": find(self.ctx, TABLE, request.params["name"]) is not None}
        )

    def delete(self, request: Request) -> Response:
        doc = get_or_404(self.ctx, TABLE, request.params["name"])
        del self.ctx.table(TABLE.table)[doc["full_name"]]
        drop_grants(self.ctx, doc["full_name"])
        return Response(200, {})

    def summaries(self, request: Request) -> Response:
        catalog = (request.arg("catalog_name") or "").lower()
        rows = [
            {"full_name": doc["full_name"], "table_type": doc.get("table_type", "MANAGED")}
            for name, doc in sorted(self.ctx.table(TABLE.table).items())
            if name.startswith(catalog + ".")
        ]
        chunk, token = page(request, rows, self.ctx)
        body: dict[str, Any] = {"tables": chunk}
        if token:
            body["next_page_token"] = token
        return Response(200, body)
