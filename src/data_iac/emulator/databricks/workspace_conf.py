"""Workspace settings (``/api/2.0/workspace-conf``): one key-value document per workspace.

Facts: ``settings.WorkspaceConfAPI`` (databricks-sdk 0.162): ``GET ?keys=a,b`` answers the
named keys' values as strings, ``PATCH`` with ``{key: value}`` sets them (no body back);
databricks/terraform-provider-databricks ``workspace/resource_workspace_conf.go`` @067a018
erases a key by sending ``"false"`` (a boolean setting) or ``""``. The emulator knows the
keys in ``KNOWN`` (a list it keeps of keys commonly set; the real service knows more) and
refuses others with 400 ``INVALID_PARAMETER_VALUE`` (the wording is this emulator's); a
value must be a string; a key never set reads as null.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["FAMILY", "KNOWN", "routes"]

FAMILY = True
KNOWN = frozenset(
    {
        "enableIpAccessLists",
        "enableTokensConfig",
        "maxTokenLifetimeDays",
        "enableDeprecatedGlobalInitScripts",
        "enableResultsDownloading",
        "enableNotebookTableClipboard",
        "enableExportNotebook",
        "enableUploadDataUis",
        "enableDcs",
        "enableWebTerminal",
        "enableVerboseAuditLogs",
        "enforceUserIsolation",
        "enableProjectTypeInWorkspace",
        "storeInteractiveNotebookResultsInCustomerAccount",
    }
)


def _refuse_unknown(keys: list[str]) -> None:
    unknown = sorted(k for k in keys if k not in KNOWN)
    if unknown:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid keys: {', '.join(unknown)}")


def _get(ctx: DatabricksContext, request: Request) -> Response:
    keys = [k for k in str(request.arg("keys") or "").split(",") if k]
    _refuse_unknown(keys)
    values = ctx.table("workspace_conf")
    return Response(200, {key: values.get(key) for key in keys})


def _patch(ctx: DatabricksContext, request: Request) -> Response:
    body = request.json()
    if not isinstance(body, dict):
        raise api_error(400, "MALFORMED_REQUEST", "Request body must be a JSON object")
    _refuse_unknown(list(body))
    for key, value in body.items():
        if not isinstance(value, str):
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Value of {key} must be a string")
    values: dict[str, Any] = ctx.table("workspace_conf")
    values.update(body)
    return Response(204, None)


def routes(ctx: DatabricksContext) -> list[Route]:
    base = r"/api/2\.0/workspace-conf"
    return [
        route("GET", base, lambda request: _get(ctx, request)),
        route("PATCH", base, lambda request: _patch(ctx, request)),
    ]
