"""``databricks_notebook``: a workspace notebook, identified by its path.

Spec: ``path``, ``language`` (PYTHON | SQL | SCALA | R), ``source`` (a local file path),
``content_sha256`` and optionally ``format`` (SOURCE, the default). The content is compared by
hash: ``normalize_spec`` fills ``content_sha256`` from ``source`` and ``read`` exports the
notebook and hashes it the same way (the export's header line does not count). ``source``
and ``format`` cannot be read back, so they are write-only.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from data_iac.kinds.databricks.notebook import SPEC as SCHEMA
from data_iac.kinds.databricks.notebook import normalize_spec
from data_iac.providers.databricks._content import ContentHandler, ContentKind
from data_iac.providers.databricks._kind_io import pick
from data_iac.providers.databricks._workspace_io import (
    FAMILY,
    notebook_body,
    notebook_hash,
    read_source,
)
from data_iac.providers.databricks.client import DatabricksClient

__all__ = ["SCHEMA", "Handler", "normalize_spec", "to_observed"]

KIND = "databricks_notebook"


def to_observed(raw: Mapping[str, Any], exported: bytes) -> dict[str, Any]:
    """ObjectInfo JSON and the SOURCE export -> attributes. Pure."""
    attributes = pick(raw, ("path", "language", *sorted(SCHEMA.computed)))
    attributes["content_sha256"] = notebook_hash(exported)
    return attributes


def _export(client: DatabricksClient, path: str, address: str) -> bytes:
    from databricks.sdk.service.workspace import ExportFormat

    w = client.w
    exported = client.call(
        FAMILY, w.workspace.export, path, format=ExportFormat.SOURCE, address=address
    )
    return base64.b64decode(exported.content or "")


def _import(client: DatabricksClient, spec: dict[str, Any], overwrite: bool, address: str) -> None:
    from databricks.sdk.service.workspace import ImportFormat, Language

    content = read_source(spec)
    client.call(
        FAMILY, client.w.workspace.import_, spec["path"],
        content=base64.b64encode(content).decode(),
        format=ImportFormat(spec.get("format") or "SOURCE"),
        language=Language(spec["language"]) if spec.get("language") else None,
        overwrite=overwrite, address=address,
    )  # fmt: skip


class Handler(ContentHandler):
    """CRUD for notebooks; the remote id is the workspace path."""

    schema = SCHEMA
    content_kind = ContentKind(
        kind=KIND,
        object_type="NOTEBOOK",
        vanished="notebook {path} vanished right after import",
        normalize_spec=normalize_spec,
        to_observed=to_observed,
        fetch=_export,
        write=_import,
        compared=notebook_body,
    )
