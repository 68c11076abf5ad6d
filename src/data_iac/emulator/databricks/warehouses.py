"""SQL warehouses (``/api/2.0/sql/warehouses``): create, get, list, edit, delete, start, stop.

Semantics (platform-apis.md 1.4, 7.B.13): create is not idempotent and names are unique
(400 ``INVALID_PARAMETER_VALUE`` "SQL warehouse with name `x` already exists"); a new
warehouse is STARTING and reports RUNNING on the first poll; a missing one answers 404 with
code ``NOT_FOUND`` (the SDK raises plain ``NotFound``), "The warehouse <id> was not found.".
``edit`` changes the fields it is sent and keeps the others. ``tags`` is echoed as sent
(``{"custom_tags": [{"key", "value"}]}``).
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.limits import check_warehouse
from data_iac.emulator.databricks.permissions import drop_acl
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

_API = r"/api/2\.0/sql/warehouses"
DEFAULTS: dict[str, Any] = {
    "min_num_clusters": 1,
    "max_num_clusters": 1,
    "auto_stop_mins": 120,
    "enable_photon": True,
    "enable_serverless_compute": False,
    "spot_instance_policy": "COST_OPTIMIZED",
    "warehouse_type": "CLASSIC",
    "channel": {"name": "CHANNEL_NAME_CURRENT"},
}
CLUSTER_SIZES = (
    "2X-Small",
    "X-Small",
    "Small",
    "Medium",
    "Large",
    "X-Large",
    "2X-Large",
    "3X-Large",
    "4X-Large",
)
SERVER_FIELDS = (
    "id",
    "state",
    "creator_name",
    "num_clusters",
    "num_active_sessions",
    "jdbc_url",
    "odbc_params",
    "health",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    warehouses = _Warehouses(ctx)
    one = rf"{_API}/(?P<id>[^/]+)"
    return [
        route("POST", _API, warehouses.create),
        route("GET", _API, warehouses.list),
        route("GET", one, warehouses.get),
        route("POST", f"{one}/edit", warehouses.edit),
        route("DELETE", one, warehouses.delete),
        route("POST", f"{one}/start", warehouses.start),
        route("POST", f"{one}/stop", warehouses.stop),
    ]


class _Warehouses:
    """Handlers over the ``databricks.warehouses`` table (keyed by id)."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _require(self, request: Request) -> dict[str, Any]:
        warehouse_id = request.params["id"]
        warehouse: dict[str, Any] | None = self.ctx.table("warehouses").get(warehouse_id)
        if warehouse is None:
            raise api_error(404, "NOT_FOUND", f"The warehouse {warehouse_id} was not found.")
        return warehouse

    def _check(self, fields: dict[str, Any], warehouse_id: str | None) -> None:
        name = fields.get("name")
        if not name:
            raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: name")
        check_warehouse(fields)
        if fields.get("cluster_size") not in CLUSTER_SIZES:
            raise api_error(
                400,
                "INVALID_PARAMETER_VALUE",
                f"Invalid cluster_size: {fields.get('cluster_size')!r}",
            )
        for other in self.ctx.table("warehouses").values():
            if other["name"] == name and other["id"] != warehouse_id:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    f"SQL warehouse with name `{name}` already exists",
                )

    def create(self, request: Request) -> Response:
        fields = {**copy.deepcopy(DEFAULTS), **_settable(request.json())}
        self._check(fields, None)
        warehouse_id = self.ctx.store.random_token(16, "0123456789abcdef")
        self.ctx.table("warehouses")[warehouse_id] = {
            **fields,
            "id": warehouse_id,
            "creator_name": self.ctx.user_name,
            "state": "STARTING",
            "num_clusters": 0,
            "num_active_sessions": 0,
            "jdbc_url": f"jdbc:spark://emulator:443/default;transportMode=http;ssl=1;"
            f"AuthMech=3;httpPath=/sql/1.0/warehouses/{warehouse_id};",
            "odbc_params": {
                "hostname": "emulator",
                "path": f"/sql/1.0/warehouses/{warehouse_id}",
                "port": 443,
                "protocol": "https",
            },
            "health": {"status": "HEALTHY"},
        }
        return Response(200, {"id": warehouse_id})

    def get(self, request: Request) -> Response:
        return Response(200, copy.deepcopy(_advance(self._require(request))))

    def list(self, request: Request) -> Response:
        warehouses = sorted(self.ctx.table("warehouses").values(), key=lambda w: w["name"])
        chunk, token = page(request, warehouses, self.ctx, size_param="page_size")
        body: dict[str, Any] = {}
        if chunk:
            body["warehouses"] = [copy.deepcopy(_advance(w)) for w in chunk]
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def edit(self, request: Request) -> Response:
        warehouse = self._require(request)
        merged = {**warehouse, **_settable(request.json())}
        self._check(merged, warehouse["id"])
        warehouse.update(merged)
        return Response(200, {})

    def delete(self, request: Request) -> Response:
        warehouse = self._require(request)
        del self.ctx.table("warehouses")[warehouse["id"]]
        drop_acl(self.ctx, "warehouses", warehouse["id"])
        return Response(200, {})

    def start(self, request: Request) -> Response:
        self._require(request)["state"] = "STARTING"
        return Response(200, {})

    def stop(self, request: Request) -> Response:
        warehouse = self._require(request)
        warehouse.update({"state": "STOPPED", "num_clusters": 0})
        return Response(200, {})


def _settable(body: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in body.items() if k not in SERVER_FIELDS}


def _advance(warehouse: dict[str, Any]) -> dict[str, Any]:
    """STARTING -> RUNNING at once: the SDK's waiters sleep for real between polls."""
    if warehouse["state"] == "STARTING":
        warehouse["state"] = "RUNNING"
        warehouse["num_clusters"] = warehouse.get("min_num_clusters", 1)
    return warehouse
