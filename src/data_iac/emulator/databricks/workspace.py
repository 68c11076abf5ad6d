"""The workspace tree (``/api/2.0/workspace/``): notebooks, files and directories.

Objects live in ``databricks.workspace`` keyed by normalised absolute path. Copied from the
platform (platform-apis.md 1.4, 7.B.11): 404 ``RESOURCE_DOES_NOT_EXIST`` "Path (x) doesn't
exist.", 400 ``RESOURCE_ALREADY_EXISTS`` on import without overwrite, 400
``DIRECTORY_NOT_EMPTY`` "Folder (x) is not empty" on a non-recursive delete, duplicate slashes
collapsed, import as JSON (base64) or multipart (``WorkspaceExt.upload``), a SOURCE export of a
notebook starting with the "Databricks notebook source" header line, ``modified_at`` moving on
every import.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, bool_arg, route
from data_iac.emulator.databricks.workspace_codec import (
    export_content,
    import_form,
    notebook_kind,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

WS = r"/api/2\.0/workspace"
TABLE = "workspace"


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Workspace(ctx)
    return [
        route("POST", rf"{WS}/import", ops.import_),
        route("GET", rf"{WS}/export", ops.export),
        route("GET", rf"{WS}/get-status", ops.get_status),
        route("GET", rf"{WS}/list", ops.list),
        route("POST", rf"{WS}/mkdirs", ops.mkdirs),
        route("POST", rf"{WS}/delete", ops.delete),
    ]


def normalise(path: Any) -> str:
    """An absolute path with duplicate and trailing slashes removed; 400 otherwise."""
    text = re.sub(r"/+", "/", path if isinstance(path, str) else "")
    if not text.startswith("/"):
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Path ({path}) is not absolute.")
    return text.rstrip("/") or "/"


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] or "/"


class _Workspace:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    @property
    def objects(self) -> dict[str, Any]:
        table = self.ctx.table(TABLE)
        if not table:  # the folders every workspace starts with
            for path in ("/", "/Shared", "/Users", f"/Users/{self.ctx.user_name}"):
                table[path] = self._new(path, "DIRECTORY")
        return table

    def _new(self, path: str, object_type: str) -> dict[str, Any]:
        now = self.ctx.now()
        object_id = self.ctx.store.next_int("workspace_object_id", 100_000)
        return {
            "path": path,
            "object_type": object_type,
            "object_id": object_id,
            "resource_id": str(object_id),
            "created_at": now,
            "modified_at": now,
        }

    def _get(self, path: str) -> dict[str, Any]:
        found: dict[str, Any] | None = self.objects.get(path)
        if found is None:
            raise api_error(404, "RESOURCE_DOES_NOT_EXIST", f"Path ({path}) doesn't exist.")
        return found

    def import_(self, request: Request) -> Response:
        form = import_form(request)
        path = normalise(form.get("path"))
        content = form.get("content")
        raw = content if isinstance(content, bytes) else base64.b64decode(content or "")
        object_type, language, path = notebook_kind(path, form, raw)
        parent = self.objects.get(_parent(path))
        if parent is None or parent["object_type"] != "DIRECTORY":
            raise api_error(
                404, "RESOURCE_DOES_NOT_EXIST", f"Path ({_parent(path)}) doesn't exist."
            )
        existing = self.objects.get(path)
        overwrite = str(form.get("overwrite", "")).lower() == "true"
        if existing is not None and (not overwrite or existing["object_type"] == "DIRECTORY"):
            raise api_error(400, "RESOURCE_ALREADY_EXISTS", f"Path ({path}) already exists.")
        doc = existing or self._new(path, object_type)
        doc.update(object_type=object_type, content=base64.b64encode(raw).decode(), size=len(raw))
        doc["modified_at"] = self.ctx.now()
        doc.pop("language", None)
        if language:
            doc["language"] = language
        self.objects[path] = doc
        return Response(200, {})

    def export(self, request: Request) -> Response:
        doc = self._get(normalise(request.arg("path")))
        fmt = (request.arg("format") or "SOURCE").upper()
        raw, file_type = export_content(doc, fmt)
        if bool_arg(request, "direct_download"):
            return Response(200, raw)
        return Response(200, {"content": base64.b64encode(raw).decode(), "file_type": file_type})

    def get_status(self, request: Request) -> Response:
        return Response(200, _info(self._get(normalise(request.arg("path")))))

    def list(self, request: Request) -> Response:
        path = normalise(request.arg("path"))
        doc = self._get(path)
        if doc["object_type"] != "DIRECTORY":
            return Response(200, {"objects": [_info(doc)]})
        prefix = path.rstrip("/") + "/"
        kids = [
            _info(other)
            for key, other in sorted(self.objects.items())
            if key.startswith(prefix) and "/" not in key[len(prefix) :] and key != "/"
        ]
        return Response(200, {"objects": kids} if kids else {})

    def mkdirs(self, request: Request) -> Response:
        path = normalise(request.json().get("path"))
        parts = [p for p in path.split("/") if p]
        for depth in range(1, len(parts) + 1):
            current = "/" + "/".join(parts[:depth])
            existing = self.objects.get(current)
            if existing is None:
                self.objects[current] = self._new(current, "DIRECTORY")
            elif existing["object_type"] != "DIRECTORY":
                raise api_error(400, "RESOURCE_ALREADY_EXISTS", f"Path ({current}) already exists.")
        return Response(200, {})

    def delete(self, request: Request) -> Response:
        body = request.json()
        path = normalise(body.get("path"))
        self._get(path)
        below = [key for key in self.objects if key.startswith(path.rstrip("/") + "/")]
        if below and not body.get("recursive"):
            raise api_error(400, "DIRECTORY_NOT_EMPTY", f"Folder ({path}) is not empty")
        for key in [*below, path]:
            del self.objects[key]
        return Response(200, {})


def _info(doc: dict[str, Any]) -> dict[str, Any]:
    """The ObjectInfo of a stored object (everything but the content)."""
    return {key: value for key, value in doc.items() if key != "content"}
