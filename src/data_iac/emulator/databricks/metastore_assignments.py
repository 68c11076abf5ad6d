"""A workspace's metastore assignment, through the workspace API
(``/api/2.1/unity-catalog/workspaces/{id}/metastore`` and
``GET /api/2.1/unity-catalog/current-metastore-assignment``).

Facts: ``catalog.MetastoresAPI`` (databricks-sdk 0.162): ``assign`` is a PUT with
``metastore_id`` and ``default_catalog_name``, ``update_assignment`` a PATCH,
``unassign`` a DELETE with ``metastore_id`` in the query, ``current`` answers the
``MetastoreAssignment`` (``workspace_id``, ``metastore_id``, ``default_catalog_name``) of
the calling workspace. The emulator has one metastore (``METASTORE_ID``), to which its
workspace is assigned from the start with ``hive_metastore`` as the default catalog (the
Terraform provider's default, ``catalog/resource_metastore_assignment.go`` @06f498c); an
unassigned workspace's ``current`` answers 404 (this emulator's wording). Unity Catalog
calls keep working after an unassign (not modelled).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import WORKSPACE_ID, DatabricksContext, api_error, route
from data_iac.emulator.databricks.uc_objects import METASTORE_ID
from data_iac.emulator.http import Request, Response, Route

__all__ = ["FAMILY", "routes"]

FAMILY = True
_DEFAULT = {"metastore_id": METASTORE_ID, "default_catalog_name": "hive_metastore"}


def _assignments(ctx: DatabricksContext) -> dict[str, Any]:
    table: dict[str, Any] = ctx.table("metastore_assignments")
    if "_seeded" not in table:
        table["_seeded"] = True
        table[str(WORKSPACE_ID)] = dict(_DEFAULT)
    return table


def _metastore(value: Any) -> str:
    if value != METASTORE_ID:
        raise api_error(404, "METASTORE_DOES_NOT_EXIST", f"Metastore '{value}' does not exist.")
    return str(value)


def _assign(ctx: DatabricksContext, request: Request) -> Response:
    body = request.json() or {}
    _metastore(body.get("metastore_id"))
    _assignments(ctx)[str(request.params["workspace"])] = {
        "metastore_id": body["metastore_id"],
        "default_catalog_name": body.get("default_catalog_name") or "hive_metastore",
    }
    return Response(200, {})


def _update(ctx: DatabricksContext, request: Request) -> Response:
    current = _assignments(ctx).get(str(request.params["workspace"]))
    if not isinstance(current, dict):
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", "The workspace has no metastore assigned.")
    body = request.json() or {}
    if body.get("metastore_id"):
        current["metastore_id"] = _metastore(body["metastore_id"])
    if body.get("default_catalog_name"):
        current["default_catalog_name"] = body["default_catalog_name"]
    return Response(200, {})


def _unassign(ctx: DatabricksContext, request: Request) -> Response:
    workspace = str(request.params["workspace"])
    current = _assignments(ctx).get(workspace)
    if not isinstance(current, dict) or current["metastore_id"] != request.arg("metastore_id"):
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", "The workspace has no such assignment.")
    del _assignments(ctx)[workspace]
    return Response(200, {})


def _current(ctx: DatabricksContext) -> Response:
    current = _assignments(ctx).get(str(WORKSPACE_ID))
    if not isinstance(current, dict):
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", "The workspace has no metastore assigned.")
    return Response(200, {"workspace_id": int(WORKSPACE_ID), **current})


def routes(ctx: DatabricksContext) -> list[Route]:
    one = r"/api/2\.1/unity-catalog/workspaces/(?P<workspace>\d+)/metastore"
    return [
        route(
            "GET", r"/api/2\.1/unity-catalog/current-metastore-assignment", lambda r: _current(ctx)
        ),
        route("PUT", one, lambda r: _assign(ctx, r)),
        route("PATCH", one, lambda r: _update(ctx, r)),
        route("DELETE", one, lambda r: _unassign(ctx, r)),
    ]
