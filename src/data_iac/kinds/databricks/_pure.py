"""Pure normalisers several Databricks records share (no SDK, no network)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from data_iac.errors import ConfigError
from data_iac.model.local_source import LocalSource

__all__ = [
    "ADDRESS_TAG",
    "file_hash",
    "notebook_body",
    "notebook_hash",
    "read_source",
    "sha256_hex",
    "uc_normalized",
]

# The tag (or property) holding the address of an object data-iac created.
ADDRESS_TAG = "data_iac_address"
# The line a SOURCE export starts with; the platform adds it, a local file may not have it.
_HEADER = re.compile(rb"^(#|--|//) Databricks notebook source[ \t]*\r?\n?")


def uc_normalized(spec: Mapping[str, Any], names: tuple[str, ...], path_key: str) -> dict[str, Any]:
    """``spec`` as UC stores it (7.B.6): the ``names`` lower-cased and no trailing slash on
    the storage path ``path_key``. Pure; applying it twice changes nothing."""
    out = dict(spec)
    for key in names:
        if isinstance(out.get(key), str):
            out[key] = out[key].lower()
    if isinstance(out.get(path_key), str):
        out[path_key] = out[path_key].rstrip("/")
    return out


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def notebook_body(data: bytes) -> bytes:
    """Notebook source as compared: no header line, ``\\n`` line endings, no trailing
    blank space. A local file holding exactly this hashes like the notebook. Pure."""
    return _HEADER.sub(b"", data.replace(b"\r\n", b"\n"), count=1).rstrip()


def notebook_hash(data: bytes) -> str:
    """SHA-256 of notebook source as compared: without the "Databricks notebook source"
    header line, with ``\\n`` line endings and no trailing blank space. Pure."""
    return sha256_hex(notebook_body(data))


def file_hash(data: bytes) -> str:
    """SHA-256 of a workspace file's bytes, unchanged. Pure."""
    return sha256_hex(data)


def read_source(spec: Mapping[str, Any]) -> bytes:
    """The bytes of ``spec["source"]``, a local file (config's side of a notebook): a
    ``LocalSource`` from a config, else a path.

    Raises:
        ConfigError: no ``source`` or it cannot be read.
    """
    source = spec.get("source")
    if not source:
        raise ConfigError("a notebook or workspace file needs `source`, a local file path")
    # A config's file knows where it is (model/local_source); a plain path is taken as is.
    where = source.location if isinstance(source, LocalSource) else Path(str(source))
    try:
        return where.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read source {source}: {exc}", path="source") from exc
