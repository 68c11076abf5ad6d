"""``databricks_workspace_file``: a workspace file (not a notebook), identified by its path.

Spec: ``path``, ``source`` (a local file path) and ``content_sha256``. The bytes are uploaded
as they are (RAW) and compared by SHA-256: ``normalize_spec`` fills the hash from ``source``,
``read`` downloads the file and hashes it. ``source`` is write-only.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from data_iac.kinds.databricks.workspace_file import SPEC as SCHEMA
from data_iac.kinds.databricks.workspace_file import normalize_spec
from data_iac.providers.databricks._content import ContentHandler, ContentKind
from data_iac.providers.databricks._kind_io import pick
from data_iac.providers.databricks._workspace_io import FAMILY, file_hash, read_source
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_workspace_file"


def to_observed(raw: Mapping[str, Any], content: bytes) -> dict[str, Any]:
    """ObjectInfo JSON and the file's bytes -> attributes. Pure."""
    attributes = pick(raw, ("path", *sorted(SCHEMA.computed)))
    attributes["content_sha256"] = file_hash(content)
    return attributes


def _download(client: DatabricksClient, path: str, address: str) -> bytes:
    w = client.w

    def download() -> bytes:
        with w.workspace.download(path) as handle:
            data: bytes = handle.read()
            return data

    return client.call(FAMILY, download, address=address)


def _upload(client: DatabricksClient, spec: dict[str, Any], overwrite: bool, address: str) -> None:
    from databricks.sdk.service.workspace import ImportFormat

    content = base64.b64encode(read_source(spec)).decode()
    client.call(
        FAMILY, client.w.workspace.import_, str(spec["path"]), content=content,
        format=ImportFormat.RAW, overwrite=overwrite, address=address,
    )  # fmt: skip


class Handler(ContentHandler):
    """CRUD for workspace files; the remote id is the workspace path."""

    schema = SCHEMA
    content_kind = ContentKind(
        kind=KIND,
        object_type="FILE",
        vanished="workspace file {path} vanished right after upload",
        normalize_spec=normalize_spec,
        to_observed=to_observed,
        fetch=_download,
        write=_upload,
    )
