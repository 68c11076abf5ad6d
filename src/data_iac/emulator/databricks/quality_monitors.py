"""Lakehouse Monitoring monitors (``/api/2.1/unity-catalog/tables/{name}/monitor``).

Facts: ``catalog.QualityMonitorsAPI`` and ``catalog.MonitorInfo`` (databricks-sdk 0.162):
POST creates (``output_schema_name`` and ``assets_dir`` required), GET reads, PUT updates
(``output_schema_name`` required), DELETE deletes; the ``MonitorInfo`` carries
``status``, ``profile_metrics_table_name``, ``drift_metrics_table_name``,
``monitor_version`` and ``dashboard_id``; there is no listing. The table must exist (the
tables API's missing-table error). Exactly one profile type (``snapshot``,
``time_series``, ``inference_log``) and the duplicate and missing-monitor messages are this
emulator's rules and wording (no public capture of them was found).
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.databricks.uc_objects import TABLE, get_or_404
from data_iac.emulator.http import Request, Response, Route

__all__ = ["FAMILY", "routes"]

FAMILY = True
_PROFILES = ("snapshot", "time_series", "inference_log")
_FIELDS = (
    "output_schema_name", "assets_dir", "baseline_table_name", "custom_metrics",
    "data_classification_config", "inference_log", "notifications", "schedule",
    "slicing_exprs", "snapshot", "time_series",
)  # fmt: skip
_UPDATABLE = tuple(f for f in _FIELDS if f not in ("assets_dir", *_PROFILES))


def _monitors(ctx: DatabricksContext) -> dict[str, Any]:
    return ctx.table("quality_monitors")


def _require_fields(body: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        if not body.get(name):
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Missing required field: {name}")


def _create(ctx: DatabricksContext, request: Request) -> Response:
    table = get_or_404(ctx, TABLE, request.params["name"])
    full_name = str(table["full_name"])
    if full_name in _monitors(ctx):
        raise api_error(
            400, "RESOURCE_ALREADY_EXISTS", f"Monitor already exists for table {full_name}"
        )
    body = request.json() or {}
    _require_fields(body, ("output_schema_name", "assets_dir"))
    if len([p for p in _PROFILES if body.get(p) is not None]) != 1:
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Exactly one of {', '.join(_PROFILES)} is required"
        )
    short = full_name.rsplit(".", 1)[-1]
    doc = {k: copy.deepcopy(body[k]) for k in _FIELDS if k in body}
    doc.update(
        table_name=full_name,
        status="MONITOR_STATUS_ACTIVE",
        profile_metrics_table_name=f"{body['output_schema_name']}.{short}_profile_metrics",
        drift_metrics_table_name=f"{body['output_schema_name']}.{short}_drift_metrics",
        monitor_version=1,
        dashboard_id=ctx.store.new_uuid().replace("-", ""),
    )
    _monitors(ctx)[full_name] = doc
    return Response(200, copy.deepcopy(doc))


def _monitor(ctx: DatabricksContext, request: Request) -> dict[str, Any]:
    name = str(request.params["name"])
    found: dict[str, Any] | None = _monitors(ctx).get(name)
    if found is None:
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", f"Monitor for table {name} not found")
    return found


def _get(ctx: DatabricksContext, request: Request) -> Response:
    return Response(200, copy.deepcopy(_monitor(ctx, request)))


def _update(ctx: DatabricksContext, request: Request) -> Response:
    doc = _monitor(ctx, request)
    body = request.json() or {}
    _require_fields(body, ("output_schema_name",))
    doc.update({k: copy.deepcopy(body[k]) for k in _UPDATABLE if k in body})
    doc["monitor_version"] = int(doc["monitor_version"]) + 1
    return Response(200, copy.deepcopy(doc))


def _delete(ctx: DatabricksContext, request: Request) -> Response:
    _monitor(ctx, request)
    del _monitors(ctx)[str(request.params["name"])]
    return Response(200, {})


def routes(ctx: DatabricksContext) -> list[Route]:
    one = r"/api/2\.1/unity-catalog/tables/(?P<name>[^/]+)/monitor"
    return [
        route("POST", one, lambda r: _create(ctx, r)),
        route("GET", one, lambda r: _get(ctx, r)),
        route("PUT", one, lambda r: _update(ctx, r)),
        route("DELETE", one, lambda r: _delete(ctx, r)),
    ]
