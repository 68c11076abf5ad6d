"""``databricks_workspace_file``: a workspace file (not a notebook), identified by its path.

Spec: ``path``, ``source`` (a local file path) and ``content_sha256``. The bytes are uploaded
as they are (RAW) and compared by SHA-256: ``normalize_spec`` fills the hash from ``source``,
``read`` downloads the file and hashes it. ``source`` is write-only.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.errors import RemoteConflictError
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, pick
from data_iac.providers.databricks._workspace_io import (
    FAMILY,
    ensure_parent,
    file_hash,
    get_status,
    marker_of,
    read_source,
    workspace_markers,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_workspace_file"

SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"path"}),
    computed=frozenset({"object_id", "created_at", "modified_at", "size"}),
    write_only=frozenset({"source"}),
)


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Fill ``content_sha256`` from ``source`` (reads the local file) when not given."""
    out = dict(spec)
    if not out.get("content_sha256") and out.get("source"):
        out["content_sha256"] = file_hash(read_source(out))
    return out


def to_observed(raw: Mapping[str, Any], content: bytes) -> dict[str, Any]:
    """ObjectInfo JSON and the file's bytes -> attributes. Pure."""
    attributes = pick(raw, ("path", *sorted(SCHEMA.computed)))
    attributes["content_sha256"] = file_hash(content)
    return attributes


class Handler:
    """CRUD for workspace files; the remote id is the workspace path."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        info = get_status(self.client, remote_id, str(address))
        if info is None or info.get("object_type") != "FILE":
            return None
        w = self.client.w

        def download() -> bytes:
            with w.workspace.download(remote_id) as handle:
                return handle.read()

        content = self.client.call(FAMILY, download, address=str(address))
        return Observed(remote_id, to_observed(info, content), marker_of(info))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every file under ``scope["path"]``, recursively."""
        w = self.client.w
        root = str(scope.get("path", "/"))
        for info in self.client.call(FAMILY, lambda: list(w.workspace.list(root, recursive=True))):
            raw = as_plain(info)
            if raw.get("object_type") == "FILE":
                found = self.read(Address(KIND, raw["path"]), raw["path"])
                if found is not None:
                    yield Address(KIND, raw["path"]), found

    def content(self, remote_id: str) -> bytes:
        """The file's bytes (``iac generate`` writes them to a local file)."""
        w = self.client.w

        def download() -> bytes:
            with w.workspace.download(remote_id) as handle:
                data: bytes = handle.read()
                return data

        return self.client.call(FAMILY, download)

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(path, modified_at) of every file directly in ``scope["path"]``."""
        return workspace_markers(self.client, str(scope.get("path", "/")), "FILE")

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        ensure_parent(self.client, str(spec["path"]), str(address))
        return self._upload(address, normalize_spec(spec), overwrite=False)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._upload(address, normalize_spec(spec), overwrite=True)

    def _upload(self, address: Address, spec: dict[str, Any], *, overwrite: bool) -> Observed:
        from databricks.sdk.service.workspace import ImportFormat

        path = str(spec["path"])
        content = base64.b64encode(read_source(spec)).decode()
        w = self.client.w
        self.client.call(
            FAMILY, w.workspace.import_, path, content=content, format=ImportFormat.RAW,
            overwrite=overwrite, address=str(address),
        )  # fmt: skip
        found = self.read(address, path)
        if found is None:
            raise RemoteConflictError(
                f"workspace file {path} vanished right after upload",
                platform="databricks", address=str(address),
            )  # fmt: skip
        return found

    def delete(self, address: Address, observed: Observed) -> None:
        w = self.client.w
        delete_quietly(
            self.client, FAMILY, w.workspace.delete, observed.remote_id, address=str(address)
        )
