"""``databricks_notebook``: a workspace notebook, identified by its path.

Spec: ``path``, ``language`` (PYTHON | SQL | SCALA | R), ``source`` (a local file path),
``content_sha256`` and optionally ``format`` (SOURCE, the default). The content is compared by
hash: ``normalize_spec`` fills ``content_sha256`` from ``source`` and ``read`` exports the
notebook and hashes it the same way (the export's header line does not count). ``source``
and ``format`` cannot be read back, so they are write-only.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.model.resource import Observed
from data_iac.providers.base import KindSchema
from data_iac.providers.databricks._kind_io import as_plain, delete_quietly, pick
from data_iac.providers.databricks._workspace_io import (
    FAMILY,
    ensure_parent,
    get_status,
    marker_of,
    notebook_hash,
    read_source,
    workspace_markers,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_notebook"

SCHEMA = KindSchema(
    kind=KIND,
    immutable=frozenset({"path"}),
    computed=frozenset({"object_id", "created_at", "modified_at", "size"}),
    write_only=frozenset({"source", "format"}),
)


_LANGUAGE_BY_SUFFIX = {".py": "PYTHON", ".sql": "SQL", ".scala": "SCALA", ".r": "R"}


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Upper-case ``language`` and ``format``; take ``language`` from the source's suffix
    when it is not given; fill ``content_sha256`` from ``source`` (this reads the local file)
    when it is not given."""
    out = dict(spec)
    for key in ("language", "format"):
        if isinstance(out.get(key), str):
            out[key] = out[key].upper()
    if not out.get("language") and isinstance(out.get("source"), str):
        suffix = "." + out["source"].rsplit(".", 1)[-1].lower() if "." in out["source"] else ""
        if suffix in _LANGUAGE_BY_SUFFIX:
            out["language"] = _LANGUAGE_BY_SUFFIX[suffix]
    if not out.get("content_sha256") and out.get("source"):
        out["content_sha256"] = notebook_hash(read_source(out))
    return out


def to_observed(raw: Mapping[str, Any], exported: bytes) -> dict[str, Any]:
    """ObjectInfo JSON and the SOURCE export -> attributes. Pure."""
    attributes = pick(raw, ("path", "language", *sorted(SCHEMA.computed)))
    attributes["content_sha256"] = notebook_hash(exported)
    return attributes


class Handler:
    """CRUD for notebooks; the remote id is the workspace path."""

    schema = SCHEMA

    def __init__(self, client: DatabricksClient) -> None:
        self.client = client

    def read(self, address: Address, remote_id: str) -> Observed | None:
        info = get_status(self.client, remote_id, str(address))
        if info is None or info.get("object_type") != "NOTEBOOK":
            return None
        from databricks.sdk.service.workspace import ExportFormat

        w = self.client.w
        exported = self.client.call(
            FAMILY, w.workspace.export, remote_id, format=ExportFormat.SOURCE,
            address=str(address),
        )  # fmt: skip
        content = base64.b64decode(exported.content or "")
        return Observed(remote_id, to_observed(info, content), marker_of(info))

    def list(self, scope: Mapping[str, Any]) -> Iterable[tuple[Address, Observed]]:
        """Every notebook under ``scope["path"]``, recursively."""
        w = self.client.w
        root = str(scope.get("path", "/"))
        infos = self.client.call(FAMILY, lambda: list(w.workspace.list(root, recursive=True)))
        for info in infos:
            raw = as_plain(info)
            if raw.get("object_type") == "NOTEBOOK":
                found = self.read(Address(KIND, raw["path"]), raw["path"])
                if found is not None:
                    yield Address(KIND, raw["path"]), found

    def content(self, remote_id: str) -> bytes:
        """The notebook's SOURCE export (``iac generate`` writes it to a local file)."""
        from databricks.sdk.service.workspace import ExportFormat

        w = self.client.w
        exported = self.client.call(
            FAMILY, w.workspace.export, remote_id, format=ExportFormat.SOURCE
        )
        return base64.b64decode(exported.content or "")

    def list_markers(self, scope: Mapping[str, Any]) -> Iterable[tuple[str, str | None]]:
        """(path, modified_at) of every notebook directly in ``scope["path"]``."""
        return workspace_markers(self.client, str(scope.get("path", "/")), "NOTEBOOK")

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        ensure_parent(self.client, str(spec["path"]), str(address))
        return self._import(address, normalize_spec(spec), overwrite=False)

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self._import(address, normalize_spec(spec), overwrite=True)

    def _import(self, address: Address, spec: dict[str, Any], *, overwrite: bool) -> Observed:
        from databricks.sdk.service.workspace import ImportFormat, Language

        content = read_source(spec)
        w = self.client.w
        self.client.call(
            FAMILY, w.workspace.import_, spec["path"],
            content=base64.b64encode(content).decode(),
            format=ImportFormat(spec.get("format") or "SOURCE"),
            language=Language(spec["language"]) if spec.get("language") else None,
            overwrite=overwrite, address=str(address),
        )  # fmt: skip
        found = self.read(address, str(spec["path"]))
        if found is None:  # deleted between our import and our read
            from data_iac.errors import RemoteConflictError

            raise RemoteConflictError(
                f"notebook {spec['path']} vanished right after import",
                platform="databricks", address=str(address),
            )  # fmt: skip
        return found

    def delete(self, address: Address, observed: Observed) -> None:
        w = self.client.w
        delete_quietly(
            self.client, FAMILY, w.workspace.delete, observed.remote_id, address=str(address)
        )
