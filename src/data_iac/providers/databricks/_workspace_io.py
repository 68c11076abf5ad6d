"""What the notebook, workspace-file and directory kinds share: status lookups, parent
folders, reading a local source and hashing content the way it is compared."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from data_iac.errors import ConfigError
from data_iac.providers.databricks._kind_io import as_plain, read_or_none, sha256_hex
from data_iac.providers.databricks.client import DatabricksClient

__all__ = [
    "FAMILY",
    "ensure_parent",
    "file_hash",
    "get_status",
    "notebook_body",
    "notebook_hash",
    "read_source",
]

FAMILY = "workspace"
# The line a SOURCE export starts with; the platform adds it, a local file may not have it.
_HEADER = re.compile(rb"^(#|--|//) Databricks notebook source[ \t]*\r?\n?")


def notebook_hash(data: bytes) -> str:
    """SHA-256 of notebook source as compared: without the "Databricks notebook source"
    header line, with ``\\n`` line endings and no trailing blank space. Pure."""
    return sha256_hex(notebook_body(data))


def notebook_body(data: bytes) -> bytes:
    """Notebook source as compared: no header line, ``\\n`` line endings, no trailing
    blank space. A local file holding exactly this hashes like the notebook. Pure."""
    return _HEADER.sub(b"", data.replace(b"\r\n", b"\n"), count=1).rstrip()


def file_hash(data: bytes) -> str:
    """SHA-256 of a workspace file's bytes, unchanged. Pure."""
    return sha256_hex(data)


def read_source(spec: dict[str, Any]) -> bytes:
    """The bytes of ``spec["source"]``, a local file path.

    Raises:
        ConfigError: no ``source`` or it cannot be read.
    """
    source = spec.get("source")
    if not source:
        raise ConfigError("a notebook or workspace file needs `source`, a local file path")
    try:
        return Path(str(source)).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read source {source}: {exc}", path="source") from exc


def get_status(client: DatabricksClient, path: str, address: str) -> dict[str, Any] | None:
    """The ObjectInfo JSON of ``path``, or None when nothing is there."""
    w = client.w
    info = read_or_none(client, FAMILY, w.workspace.get_status, path, address=address)
    return None if info is None else as_plain(info)


def ensure_parent(client: DatabricksClient, path: str, address: str) -> None:
    """Create the parent folders of ``path`` (mkdirs is idempotent)."""
    parent = path.rsplit("/", 1)[0]
    if parent:
        client.call(FAMILY, client.w.workspace.mkdirs, parent, address=address)


def workspace_markers(
    client: DatabricksClient, folder: str, object_type: str
) -> list[tuple[str, str | None]]:
    """(path, ``modified_at``) of every ``object_type`` directly in ``folder``: one
    listing, whose ``modified_at`` moves whenever the content is imported again."""
    w = client.w
    infos = client.call(FAMILY, lambda: list(w.workspace.list(folder)))
    found = [as_plain(info) for info in infos]
    return [
        (str(raw["path"]), marker_of(raw)) for raw in found if raw.get("object_type") == object_type
    ]


def marker_of(raw: dict[str, Any]) -> str | None:
    """The change marker of a workspace ObjectInfo JSON: its ``modified_at``."""
    modified = raw.get("modified_at")
    return None if modified is None else str(modified)
