"""Workspace kinds of a stack: notebooks, workspace files and directories.

``source`` is a local file, relative to the stack file; the spec holds its absolute path
and SHA-256 (``content_sha256``), and ``path`` is the workspace path. By default it is
Laktory 0.13's ``<workspace_root><dirpath><file name>`` (``/.laktory/job_hello.py``) for
the ``databricks_notebooks`` / ``databricks_workspacefiles`` sections, and older Laktory's
``/.laktory/notebooks/<stem>`` / ``/.laktory/workspacefiles/<name>`` (``dirpath`` an
absolute folder) for ``notebooks`` / ``workspace_files``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import add_permissions, make_spec, primary
from data_iac.config.stack.context import StackContext

__all__ = [
    "build_directory",
    "build_notebook",
    "build_workspace_file",
    "notebook_content_hash",
]

_LANGUAGES = {".py": "PYTHON", ".sql": "SQL", ".scala": "SCALA", ".r": "R", ".ipynb": "PYTHON"}


# The line a notebook's SOURCE export starts with. Mirrors the provider's notebook_hash
# (providers/databricks/_workspace_io.py); tests/config/test_stack_workspace.py checks
# both agree, so a plan right after an apply stays empty.
_NOTEBOOK_HEADER = re.compile(rb"^(#|--|//) Databricks notebook source[ \t]*\r?\n?")


def notebook_content_hash(data: bytes) -> str:
    """SHA-256 of notebook source as the notebook kind compares it: without the
    "Databricks notebook source" header line, ``\\n`` line endings, no trailing blanks."""
    body = _NOTEBOOK_HEADER.sub(b"", data.replace(b"\r\n", b"\n"), count=1)
    return hashlib.sha256(body.rstrip()).hexdigest()


def _source_file(ctx: StackContext, raw: dict[str, Any], path: NodePath) -> Path | None:
    return ctx.local_file(raw["source"], (*path, "source"), "source")


def _uploaded_spec(
    ctx: StackContext, raw: dict[str, Any], source: Path, workspace_path: str, digest: str
) -> dict[str, Any]:
    spec = {k: v for k, v in make_spec(raw).items() if v is not None}
    spec.update(path=workspace_path, source=ctx.portable(source), content_sha256=digest)
    return spec


def _current_laktory(path: NodePath) -> bool:
    """True for an entry of a ``databricks_*`` section (Laktory 0.12+ naming)."""
    return len(path) > 1 and str(path[1]).startswith("databricks_")


def _default_path(
    ctx: StackContext, raw: dict[str, Any], path: NodePath, folder: str, name: str
) -> str:
    if raw.get("path"):
        return str(raw["path"])
    if _current_laktory(path):  # Laktory 0.12+: relative to workspace_root
        dirpath = str(raw.get("dirpath") or "").replace("\\", "/").lstrip("/")
        if dirpath and not dirpath.endswith("/"):
            dirpath += "/"
        return f"{ctx.workspace_root}{dirpath}{name}"
    return f"{(raw.get('dirpath') or folder).rstrip('/')}/{name}"


def build_notebook(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A notebook; ``language`` comes from the source's suffix when unset."""
    source = _source_file(ctx, raw, path)
    if source is None:
        return
    digest = notebook_content_hash(source.read_bytes())
    name = source.name if _current_laktory(path) else source.stem
    workspace_path = _default_path(ctx, raw, path, "/.laktory/notebooks", name)
    spec = _uploaded_spec(ctx, raw, source, workspace_path, digest)
    language = spec.get("language") or _LANGUAGES.get(source.suffix.lower())
    if language:
        spec["language"] = str(language).upper()
    notebook = primary(ctx, "databricks_notebook", key, spec, raw, path)
    add_permissions(ctx, key, "notebooks", notebook, raw, path, attr="object_id")


def build_workspace_file(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A workspace file (bytes hashed as they are); its default path keeps the extension."""
    source = _source_file(ctx, raw, path)
    if source is None:
        return
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    workspace_path = _default_path(ctx, raw, path, "/.laktory/workspacefiles", source.name)
    spec = _uploaded_spec(ctx, raw, source, workspace_path, digest)
    file = primary(ctx, "databricks_workspace_file", key, spec, raw, path)
    add_permissions(ctx, key, "files", file, raw, path, attr="object_id")


def build_directory(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A workspace directory."""
    directory = primary(ctx, "databricks_directory", key, {"path": raw["path"]}, raw, path)
    add_permissions(ctx, key, "directories", directory, raw, path, attr="object_id")
