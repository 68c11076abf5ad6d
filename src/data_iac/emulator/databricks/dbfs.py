"""DBFS (``/api/2.0/dbfs/``): files and folders, uploaded in blocks and read in slices.

Facts from databricks-sdk 0.162 ``service/files.py`` (``DbfsAPI`` docstrings): ``create``
opens a write handle and refuses an existing path unless ``overwrite`` with
``RESOURCE_ALREADY_EXISTS``; ``add-block`` takes base64 data of at most 1 MB
(``MAX_BLOCK_SIZE_EXCEEDED``) on a known handle (else ``RESOURCE_DOES_NOT_EXIST``);
``read`` returns ``bytes_read`` and base64 ``data`` of at most 1 MB
(``MAX_READ_SIZE_EXCEEDED``), ``INVALID_PARAMETER_VALUE`` on a folder or a negative offset;
``get-status`` returns ``FileInfo`` (``path``, ``is_dir``, ``file_size``,
``modification_time``); ``delete`` of a non-empty folder without ``recursive`` is
``IO_ERROR``; a missing path is ``RESOURCE_DOES_NOT_EXIST`` everywhere; ``move`` refuses a
missing source (``RESOURCE_DOES_NOT_EXIST``) and an existing destination
(``RESOURCE_ALREADY_EXISTS``) and moves a folder with everything below it. Parent folders
are created by a write, as on DBFS.
"""

from __future__ import annotations

import base64
import posixpath
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

API = r"/api/2\.0/dbfs"
_MB = 1024 * 1024


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Dbfs(ctx)
    return [
        route("POST", rf"{API}/create", ops.create),
        route("POST", rf"{API}/add-block", ops.add_block),
        route("POST", rf"{API}/close", ops.close),
        route("POST", rf"{API}/put", ops.put),
        route("GET", rf"{API}/read", ops.read),
        route("GET", rf"{API}/get-status", ops.get_status),
        route("GET", rf"{API}/list", ops.list),
        route("POST", rf"{API}/mkdirs", ops.mkdirs),
        route("POST", rf"{API}/delete", ops.delete),
        route("POST", rf"{API}/move", ops.move),
    ]


def _path(value: Any) -> str:
    text = str(value or "").removeprefix("dbfs:")
    if not text.startswith("/"):
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Path must be absolute: {value}")
    return posixpath.normpath(text)


def _missing(path: str) -> Exception:
    return api_error(404, "RESOURCE_DOES_NOT_EXIST", f"No file or directory exists on path {path}.")


class _Dbfs:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    @property
    def files(self) -> dict[str, Any]:
        return self.ctx.table("dbfs")

    @property
    def handles(self) -> dict[str, Any]:
        return self.ctx.table("dbfs_handles")

    def create(self, request: Request) -> Response:
        body = request.json()
        path = _path(body.get("path"))
        self._check_writable(path, bool(body.get("overwrite")))
        handle = self.ctx.store.next_int("dbfs_handle", 1)
        self.handles[str(handle)] = {"path": path, "data": ""}
        return Response(200, {"handle": handle})

    def add_block(self, request: Request) -> Response:
        body = request.json()
        entry = self.handles.get(str(body.get("handle")))
        if entry is None:
            raise api_error(
                404, "RESOURCE_DOES_NOT_EXIST", f"Handle {body.get('handle')} not found"
            )
        block = _decoded(body.get("data"))
        data = base64.b64decode(entry["data"]) + block
        entry["data"] = base64.b64encode(data).decode()
        return Response(200, {})

    def close(self, request: Request) -> Response:
        entry = self.handles.pop(str(request.json().get("handle")), None)
        if entry is None:
            raise api_error(404, "RESOURCE_DOES_NOT_EXIST", "Handle not found")
        self._write(entry["path"], base64.b64decode(entry["data"]))
        return Response(200, {})

    def put(self, request: Request) -> Response:
        body = request.json()
        path = _path(body.get("path"))
        self._check_writable(path, bool(body.get("overwrite")))
        self._write(path, _decoded(body.get("contents")))
        return Response(200, {})

    def read(self, request: Request) -> Response:
        path = _path(request.arg("path"))
        doc = self._get(path)
        offset, length = int(request.arg("offset") or 0), int(request.arg("length") or _MB)
        if doc["is_dir"] or offset < 0 or length < 0:
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Cannot read {path}")
        if length > _MB:
            raise api_error(400, "MAX_READ_SIZE_EXCEEDED", f"Read length {length} exceeds 1 MB")
        data = base64.b64decode(doc.get("content", ""))[offset : offset + length]
        return Response(200, {"bytes_read": len(data), "data": base64.b64encode(data).decode()})

    def get_status(self, request: Request) -> Response:
        return Response(200, _info(self._get(_path(request.arg("path")))))

    def list(self, request: Request) -> Response:
        path = _path(request.arg("path"))
        doc = self._get(path)
        if not doc["is_dir"]:
            return Response(200, {"files": [_info(doc)]})
        kids = [_info(d) for p, d in sorted(self.files.items()) if posixpath.dirname(p) == path]
        return Response(200, {"files": [k for k in kids if k["path"] != path]})

    def mkdirs(self, request: Request) -> Response:
        self._folders(_path(request.json().get("path")))
        return Response(200, {})

    def delete(self, request: Request) -> Response:
        body = request.json()
        path = _path(body.get("path"))
        if path not in self.files:
            return Response(200, {})  # DBFS delete of a missing path succeeds
        below = [p for p in self.files if p.startswith(path.rstrip("/") + "/")]
        if below and not body.get("recursive"):
            raise api_error(400, "IO_ERROR", f"Directory {path} is not empty")
        for key in [*below, path]:
            del self.files[key]
        return Response(200, {})

    def move(self, request: Request) -> Response:
        body = request.json()
        source, target = _path(body.get("source_path")), _path(body.get("destination_path"))
        self._get(source)
        if target in self.files:
            raise api_error(
                400, "RESOURCE_ALREADY_EXISTS", f"A file or directory already exists at {target}."
            )
        self._folders(posixpath.dirname(target))
        prefix = source.rstrip("/") + "/"
        for old in [source, *(p for p in list(self.files) if p.startswith(prefix))]:
            new = target + old[len(source) :]
            self.files[new] = {**self.files.pop(old), "path": new}
        return Response(200, {})

    def _get(self, path: str) -> dict[str, Any]:
        doc: dict[str, Any] | None = self.files.get(path)
        if doc is None:
            raise _missing(path)
        return doc

    def _check_writable(self, path: str, overwrite: bool) -> None:
        existing = self.files.get(path)
        if existing is not None and (existing["is_dir"] or not overwrite):
            raise api_error(
                400,
                "RESOURCE_ALREADY_EXISTS",
                f"A file or directory already exists at the input path {path}.",
            )

    def _write(self, path: str, data: bytes) -> None:
        self._folders(posixpath.dirname(path))
        self.files[path] = {
            "path": path,
            "is_dir": False,
            "file_size": len(data),
            "modification_time": self.ctx.now(),
            "content": base64.b64encode(data).decode(),
        }

    def _folders(self, path: str) -> None:
        parts = [p for p in path.split("/") if p]
        for depth in range(len(parts) + 1):
            current = "/" + "/".join(parts[:depth])
            doc = self.files.get(current)
            if doc is None:
                self.files[current] = {
                    "path": current,
                    "is_dir": True,
                    "file_size": 0,
                    "modification_time": self.ctx.now(),
                }
            elif not doc["is_dir"]:
                raise api_error(400, "RESOURCE_ALREADY_EXISTS", f"{current} is a file")


def _decoded(data: Any) -> bytes:
    block = base64.b64decode(str(data or ""))
    if len(block) > _MB:
        raise api_error(400, "MAX_BLOCK_SIZE_EXCEEDED", "The block of data exceeds 1 MB")
    return block


def _info(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "content"}
