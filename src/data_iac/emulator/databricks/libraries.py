"""Cluster libraries (``/api/2.0/libraries/...``).

Facts: ``compute.LibrariesAPI`` (databricks-sdk 0.162): ``POST install`` and ``POST
uninstall`` take ``cluster_id`` and ``libraries`` (``compute.Library``: one of ``pypi``,
``maven``, ``cran``, ``jar``, ``whl``, ``egg``, ``requirements``); ``GET
cluster-status?cluster_id=`` answers ``library_statuses`` (``library``, ``status``,
``is_library_for_all_clusters``); ``LibraryInstallStatus`` has ``INSTALLED`` and
``UNINSTALL_ON_RESTART`` (an uninstalled library stays listed so until the cluster
restarts). A missing cluster answers as the clusters API does (400
``INVALID_PARAMETER_VALUE`` "Cluster <id> does not exist"). The emulator installs at once
(the real status passes through PENDING and INSTALLING).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["FAMILY", "routes"]

FAMILY = True
_TYPES = ("pypi", "maven", "cran", "jar", "whl", "egg", "requirements")


def _cluster(ctx: DatabricksContext, cluster_id: Any) -> str:
    if str(cluster_id) not in ctx.table("clusters"):
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Cluster {cluster_id} does not exist")
    return str(cluster_id)


def _statuses(ctx: DatabricksContext, cluster_id: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = ctx.table("cluster_libraries").setdefault(cluster_id, [])
    return rows


def _libraries(body: dict[str, Any]) -> list[dict[str, Any]]:
    libraries = body.get("libraries")
    if not isinstance(libraries, list) or not libraries:
        raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: libraries")
    for library in libraries:
        if not isinstance(library, dict) or len([t for t in _TYPES if t in library]) != 1:
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid library: {library}")
    return libraries


def _install(ctx: DatabricksContext, request: Request) -> Response:
    body = request.json() or {}
    rows = _statuses(ctx, _cluster(ctx, body.get("cluster_id")))
    for library in _libraries(body):
        rows[:] = [r for r in rows if r["library"] != library]
        rows.append(
            {"library": library, "status": "INSTALLED", "is_library_for_all_clusters": False}
        )
    return Response(200, {})


def _uninstall(ctx: DatabricksContext, request: Request) -> Response:
    body = request.json() or {}
    rows = _statuses(ctx, _cluster(ctx, body.get("cluster_id")))
    for library in _libraries(body):
        for row in rows:
            if row["library"] == library:
                row["status"] = "UNINSTALL_ON_RESTART"
    return Response(200, {})


def _status(ctx: DatabricksContext, request: Request) -> Response:
    cluster_id = _cluster(ctx, request.arg("cluster_id"))
    rows = _statuses(ctx, cluster_id)
    body: dict[str, Any] = {"cluster_id": cluster_id}
    if rows:
        body["library_statuses"] = rows
    return Response(200, body)


def routes(ctx: DatabricksContext) -> list[Route]:
    base = r"/api/2\.0/libraries"
    return [
        route("POST", f"{base}/install", lambda r: _install(ctx, r)),
        route("POST", f"{base}/uninstall", lambda r: _uninstall(ctx, r)),
        route("GET", f"{base}/cluster-status", lambda r: _status(ctx, r)),
    ]
