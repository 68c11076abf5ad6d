"""Laktory's virtual resources made of files: workspace trees and Python packages.

- ``databricks_workspacetrees.K: {source: DIR, path?, exclude_paths?, access_controls?}``:
  every file under the local ``DIR`` (dotfiles, ``exclude_paths`` in gitignore syntax and,
  with ``use_gitignore``, the tree's ``.gitignore`` left out) becomes a notebook
  (``.ipynb``, or ``.py`` / ``.sql`` whose text holds the "Databricks notebook source"
  header) or a workspace file, at ``path/<relative path>``
  or ``<workspace_root><relative path>``; addresses ``databricks_notebook.K/<relative path>``
  and ``databricks_workspace_file.K/<relative path>``.
- ``databricks_pythonpackages.K: {package_name, config_filepath, dirpath?, path?,
  build_command?}``: the package's wheel is built (``build_command``, Laktory's default
  ``uv build --wheel``, run in the package folder; when that tool is not installed,
  ``pip wheel --no-build-isolation``) unless ``dist/`` already holds a wheel newer than
  every source file, and uploaded as ``databricks_workspace_file.K`` at
  ``<workspace_root><dirpath><wheel name>``. ``${resources.K.path}`` is its workspace path.
- ``databricks_dbfsfiles.K: {source, path? | dirpath?}``: ``databricks_dbfs_file.K``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from pathspec import PathSpec

from data_iac.config.locations import NodePath
from data_iac.config.stack.common import primary
from data_iac.config.stack.context import StackContext
from data_iac.config.stack.workspace import build_notebook, build_workspace_file

__all__ = ["build_dbfs_file", "build_python_package", "build_workspace_tree"]

_NOTEBOOK_HEADERS = {".py": "# Databricks notebook source", ".sql": "-- Databricks notebook source"}
_BUILD_TIMEOUT_S = 300


def build_workspace_tree(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A notebook or workspace file per file of the tree's ``source`` folder."""
    root = (ctx.directory / str(raw["source"])).resolve()
    refusal = ctx.roots.refusal(root)
    if refusal is not None or not root.is_dir():
        why = refusal or f"no such folder: {root}"
        ctx.report((*path, "source"), f"source {raw['source']}: {why}", "a local folder")
        return
    patterns = [".*"]
    if raw.get("use_gitignore") and (root / ".gitignore").is_file():
        patterns += (root / ".gitignore").read_text(encoding="utf-8-sig").splitlines()
    files = _tree_files(root, [*patterns, *(raw.get("exclude_paths") or [])])
    for file in files:
        relative = file.relative_to(root).as_posix()
        entry: dict[str, Any] = {"source": str(file), "access_controls": raw.get("access_controls")}
        if raw.get("path"):
            entry["path"] = f"{str(raw['path']).rstrip('/')}/{relative}"
        else:
            entry["dirpath"] = file.relative_to(root).parent.as_posix().removeprefix(".")
        build = build_notebook if _is_notebook(file) else build_workspace_file
        build(ctx, f"{key}/{relative}", entry, (*path[:2], key))


def _tree_files(root: Path, excluded: list[str]) -> list[Path]:
    spec = PathSpec.from_lines("gitwildmatch", excluded)
    return sorted(
        file
        for file in root.rglob("*")
        if file.is_file() and not spec.match_file(file.relative_to(root).as_posix())
    )


def _is_notebook(file: Path) -> bool:
    if file.suffix == ".ipynb":
        return True
    header = _NOTEBOOK_HEADERS.get(file.suffix)
    return header is not None and header in file.read_text(encoding="utf-8-sig", errors="ignore")


def build_python_package(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """The package's wheel, built when stale, as a workspace file."""
    config = ctx.local_file(raw["config_filepath"], (*path, "config_filepath"), "config_filepath")
    if config is None:
        return
    try:
        wheel = _wheel(config.parent, str(raw.get("build_command") or "uv build --wheel"))
    except RuntimeError as exc:
        ctx.report((*path, "build_command"), str(exc), "build the wheel by hand to see why")
        return
    entry = {
        "source": str(wheel),
        "path": raw.get("path"),
        "dirpath": raw.get("dirpath"),
        "access_controls": raw.get("access_controls"),
        "resource_options": raw.get("resource_options"),
    }
    build_workspace_file(ctx, key, {k: v for k, v in entry.items() if v}, path)


def _wheel(package: Path, command: str) -> Path:
    """The newest wheel in ``package/dist``, built first when a source file is newer."""
    dist = package / "dist"
    sources = [f for f in package.rglob("*") if f.is_file() and _is_source(package, f)]
    newest_source = max((f.stat().st_mtime for f in sources), default=0.0)
    wheels = sorted(dist.glob("*.whl"), key=lambda f: f.stat().st_mtime) if dist.is_dir() else []
    if not wheels or wheels[-1].stat().st_mtime < newest_source:
        _run_build(package, command)
        wheels = sorted(dist.glob("*.whl"), key=lambda f: f.stat().st_mtime)
    if not wheels:
        raise RuntimeError(f"'{command}' made no wheel in {dist}")
    return wheels[-1]


def build_dbfs_file(ctx: StackContext, key: str, raw: dict[str, Any], path: NodePath) -> None:
    """A DBFS file from a local ``source``: ``path``, else ``/<dirpath><file name>``."""
    source = ctx.local_file(raw["source"], (*path, "source"), "source")
    if source is None:
        return
    dirpath = str(raw.get("dirpath") or "").lstrip("/")
    if dirpath and not dirpath.endswith("/"):
        dirpath += "/"
    spec = {
        "path": str(raw.get("path") or f"/{dirpath}{source.name}").removeprefix("dbfs:"),
        "source": ctx.portable(source),
        "content_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
    }
    primary(ctx, "databricks_dbfs_file", key, spec, raw, path)


def _is_source(package: Path, file: Path) -> bool:
    parts = file.relative_to(package).parts
    return parts[0] not in ("dist", "build", ".venv") and "__pycache__" not in parts


def _run_build(package: Path, command: str) -> None:
    argv = command.split()
    if shutil.which(argv[0]) is None:  # Laktory's default needs uv: pip does the same job
        argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                "--wheel-dir", "dist", "."]  # fmt: skip
    try:
        done = subprocess.run(
            argv, cwd=package, capture_output=True, text=True, timeout=_BUILD_TIMEOUT_S, check=False
        )
    except OSError as exc:
        raise RuntimeError(f"cannot run '{' '.join(argv)}': {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"'{' '.join(argv)}' failed in {package}: {tail[0]}")
