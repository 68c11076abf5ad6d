"""Unity Catalog workspace bindings (``/api/2.1/unity-catalog/bindings/{type}/{name}``):
which workspaces may use a catalog, an external location, a storage credential.

Facts: ``catalog.WorkspaceBindingsAPI`` (databricks-sdk 0.162): ``GET`` lists the bindings
(``workspace_id``, ``binding_type``) under ``bindings``, paged by ``page_token``; ``PATCH``
takes ``add`` and ``remove`` lists of them; ``WorkspaceBindingBindingType`` is
``BINDING_TYPE_READ_WRITE`` or ``BINDING_TYPE_READ_ONLY``. The securable must exist (the
missing-object error of its kind); the real service also wants a catalog bound this way to
be ``ISOLATED``, which the emulator does not check. Unknown securable types answer 400
``INVALID_PARAMETER_VALUE`` (this emulator's wording).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.uc_objects import CATALOG, get_or_404
from data_iac.emulator.http import Request, Response, Route

__all__ = ["FAMILY", "routes"]

FAMILY = True
_TYPES = {"catalog", "external_location", "storage_credential", "credential"}
_BINDINGS = {"BINDING_TYPE_READ_WRITE", "BINDING_TYPE_READ_ONLY"}
_TABLES = {"external_location": "external_locations", "storage_credential": "storage_credentials"}


def _securable(ctx: DatabricksContext, request: Request) -> str:
    kind, name = str(request.params["type"]).lower(), str(request.params["name"])
    if kind not in _TYPES:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Unsupported securable type: {kind}")
    if kind == "catalog":
        get_or_404(ctx, CATALOG, name)
    elif kind in _TABLES and name not in ctx.table(_TABLES[kind]):
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", f"{kind} '{name}' does not exist.")
    return f"{kind}/{name}"


def _held(ctx: DatabricksContext, key: str) -> dict[str, str]:
    bindings: dict[str, str] = ctx.table("uc_bindings").setdefault(key, {})
    return bindings


def _rows(bindings: dict[str, str]) -> list[dict[str, Any]]:
    return [{"workspace_id": int(w), "binding_type": t} for w, t in sorted(bindings.items())]


def _get(ctx: DatabricksContext, request: Request) -> Response:
    rows = _rows(_held(ctx, _securable(ctx, request)))
    chunk, token = page(request, rows, ctx)
    body: dict[str, Any] = {"bindings": chunk} if chunk else {}
    if token:
        body["next_page_token"] = token
    return Response(200, body)


def _patch(ctx: DatabricksContext, request: Request) -> Response:
    bindings = _held(ctx, _securable(ctx, request))
    body = request.json() or {}
    for entry in body.get("add") or []:
        kind = entry.get("binding_type") or "BINDING_TYPE_READ_WRITE"
        if kind not in _BINDINGS or not entry.get("workspace_id"):
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid binding: {entry}")
        bindings[str(entry["workspace_id"])] = kind
    for entry in body.get("remove") or []:
        bindings.pop(str(entry.get("workspace_id")), None)
    return Response(200, {"bindings": _rows(bindings)})


def routes(ctx: DatabricksContext) -> list[Route]:
    one = r"/api/2\.1/unity-catalog/bindings/(?P<type>[^/]+)/(?P<name>[^/]+)"
    return [
        route("GET", one, lambda r: _get(ctx, r)),
        route("PATCH", one, lambda r: _patch(ctx, r)),
    ]
