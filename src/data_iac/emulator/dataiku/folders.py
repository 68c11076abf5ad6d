"""DSS managed folders: list, create (answers ``{"id"}``), settings GET/PUT, delete.

Folders are addressed by an 8-character id DSS generates; names are unique per project.
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.dataiku.common import (
    DssContext,
    already_exists,
    bad_request,
    route,
)
from data_iac.emulator.dataiku.zones import forget_item
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

FOLDERS = r"/projects/(?P<key>[^/]+)/managedfolders"
FOLDER = FOLDERS + r"/(?P<id>[^/]+)"
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
FIELDS = (
    "name",
    "type",
    "params",
    "partitioning",
    "flowOptions",
    "metrics",
    "metricsChecks",
    "tags",
    "description",
    "shortDesc",
    "customFields",
    "customMeta",
    "checklists",
)


def routes(ctx: DssContext) -> list[Route]:
    """Every managed folder route."""

    def fetch(request: Request) -> dict[str, Any]:
        return ctx.row(request, "folders", "managed folder", "id")

    def check_unique_name(key: str, name: str, own_id: str | None) -> None:
        for folder in ctx.children("folders", key):
            if folder["name"] == name and folder["id"] != own_id:
                raise already_exists(f"Managed folder '{name}' already exists in {key}")

    def list_folders(request: Request) -> Response:
        return Response(200, ctx.children("folders", ctx.project_key(request)))

    def create(request: Request) -> Response:
        key = ctx.project_key(request)
        body = request.json()
        name = str(body.get("name") or "").strip()
        if not name:
            raise bad_request("A managed folder needs a name")
        check_unique_name(key, name, None)
        folder_id = ctx.store.random_token(8, ALPHABET)
        params = copy.deepcopy(body.get("params") or {})
        params.setdefault("connection", "filesystem_folders")
        params.setdefault("path", "${projectKey}/${odbId}")
        doc: dict[str, Any] = {
            "projectKey": key,
            "id": folder_id,
            "name": name,
            "type": str(body.get("type") or "Filesystem"),
            "params": params,
            "partitioning": {"ignoreNonMatchingFile": False, "dimensions": []},
            "tags": [],
            "description": "",
            "shortDesc": "",
            "customFields": {},
            "customMeta": {"kv": {}},
            "checklists": {"checklists": []},
        }
        ctx.table("folders")[f"{key}/{folder_id}"] = ctx.stamp_new(doc)
        return Response(200, {"id": folder_id})

    def get(request: Request) -> Response:
        return Response(200, copy.deepcopy(fetch(request)))

    def save(request: Request) -> Response:
        old, key = fetch(request), request.params["key"]
        new = ctx.merged(old, request.json(), FIELDS)
        check_unique_name(key, str(new["name"]), old["id"])
        ctx.stamp_saved(new, old)
        ctx.table("folders")[f"{key}/{old['id']}"] = new
        return Response(204)

    def delete(request: Request) -> Response:
        old, key = fetch(request), request.params["key"]
        del ctx.table("folders")[f"{key}/{old['id']}"]
        forget_item(ctx, key, "MANAGED_FOLDER", old["id"])
        return Response(200, {})

    return [
        route("GET", FOLDERS + "/?", list_folders),
        route("POST", FOLDERS + "/?", create),
        route("GET", FOLDER + "/?", get),
        route("PUT", FOLDER + "/?", save),
        route("DELETE", FOLDER + "/?", delete),
    ]
