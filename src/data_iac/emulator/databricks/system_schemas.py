"""Unity Catalog system schemas of the metastore
(``/api/2.1/unity-catalog/metastores/{id}/systemschemas``) and the metastore summary the
callers find the metastore id by (``GET /api/2.1/unity-catalog/metastore_summary``).

Facts: ``catalog.SystemSchemasAPI`` (databricks-sdk 0.162): ``PUT .../systemschemas/{name}``
enables, ``DELETE`` disables, the listing pages under ``schemas`` as ``SystemSchemaInfo``
(``schema``, ``state``); ``catalog.MetastoresAPI.summary``. databricks/terraform-provider-
databricks ``catalog/resource_system_schema.go`` @2717d46 treats an "already exists" error
of enable as success (so the service sends one for an enabled schema). The emulator's
schemas are ``SCHEMAS`` (the state of a schema not enabled is ``AVAILABLE``, an enabled
one ``ENABLE_COMPLETED``; the real service passes through ``ENABLE_INITIALIZED``); the
error wordings are this emulator's.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.uc_objects import METASTORE_ID
from data_iac.emulator.http import Request, Response, Route

__all__ = ["FAMILY", "SCHEMAS", "routes"]

FAMILY = True
SCHEMAS = ("access", "billing", "compute", "lakeflow", "marketplace", "query", "serving", "storage")
_BASE = r"/api/2\.1/unity-catalog/metastores/(?P<metastore>[^/]+)/systemschemas"


def _enabled(ctx: DatabricksContext) -> dict[str, Any]:
    return ctx.table("system_schemas")


def _schema(ctx: DatabricksContext, request: Request) -> str:
    if request.params.get("metastore") != METASTORE_ID:
        raise api_error(
            404, "METASTORE_DOES_NOT_EXIST", f"Metastore '{request.params.get('metastore')}' "
            "does not exist."
        )  # fmt: skip
    name = str(request.params.get("schema") or "")
    if name not in SCHEMAS:
        raise api_error(404, "NOT_FOUND", f"System schema {name} does not exist.")
    return name


def _enable(ctx: DatabricksContext, request: Request) -> Response:
    name = _schema(ctx, request)
    if name in _enabled(ctx):
        raise api_error(400, "ALREADY_EXISTS", f"Schema {name} already exists")
    _enabled(ctx)[name] = {"schema": name, "state": "ENABLE_COMPLETED"}
    return Response(200, {})


def _disable(ctx: DatabricksContext, request: Request) -> Response:
    name = _schema(ctx, request)
    if _enabled(ctx).pop(name, None) is None:
        raise api_error(400, "INVALID_STATE", f"Schema {name} is not enabled")
    return Response(200, {})


def _list(ctx: DatabricksContext, request: Request) -> Response:
    if request.params.get("metastore") != METASTORE_ID:
        raise api_error(404, "METASTORE_DOES_NOT_EXIST", "Metastore does not exist.")
    enabled = _enabled(ctx)
    rows = [enabled.get(n) or {"schema": n, "state": "AVAILABLE"} for n in SCHEMAS]
    chunk, token = page(request, rows, ctx)
    body: dict[str, Any] = {"schemas": chunk}
    if token:
        body["next_page_token"] = token
    return Response(200, body)


def _summary(ctx: DatabricksContext) -> Response:
    return Response(
        200, {"metastore_id": METASTORE_ID, "name": "emulator-metastore", "region": "emulator"}
    )


def routes(ctx: DatabricksContext) -> list[Route]:
    one = _BASE + r"/(?P<schema>[^/]+)"
    return [
        route("GET", r"/api/2\.1/unity-catalog/metastore_summary", lambda r: _summary(ctx)),
        route("GET", _BASE, lambda r: _list(ctx, r)),
        route("PUT", one, lambda r: _enable(ctx, r)),
        route("DELETE", one, lambda r: _disable(ctx, r)),
    ]
