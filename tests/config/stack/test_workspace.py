"""Notebooks and workspace files: local sources, hashes, workspace paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.config.stack.context import StackContext
from data_iac.config.stack.workspace import build_notebook, notebook_content_hash
from data_iac.providers.databricks._workspace_io import notebook_hash


@pytest.mark.parametrize(
    "source",
    [
        b"# Databricks notebook source\nprint(1)\n",
        b"print(1)\r\nprint(2)\r\n\r\n",
        b"-- Databricks notebook source\nSELECT 1",
        b"",
    ],
)
def test_notebook_hash_agrees_with_the_provider(source: bytes) -> None:
    assert notebook_content_hash(source) == notebook_hash(source)


def test_header_and_line_endings_do_not_change_the_hash() -> None:
    assert notebook_content_hash(b"# Databricks notebook source\nx = 1\n") == (
        notebook_content_hash(b"x = 1\r\n")
    )


def test_notebook_spec(tmp_path: Path) -> None:
    (tmp_path / "etl.sql").write_text("SELECT 1\n")
    ctx = StackContext({}, tmp_path)
    build_notebook(ctx, "nb", {"source": "etl.sql", "dirpath": "/Shared/"}, ())
    [notebook] = ctx.resolve_references()
    assert notebook.spec["path"] == "/Shared/etl"
    assert notebook.spec["language"] == "SQL"
    assert notebook.spec["content_sha256"] == notebook_hash(b"SELECT 1\n")


def test_missing_source_is_located(tmp_path: Path) -> None:
    ctx = StackContext({}, tmp_path)
    build_notebook(ctx, "nb", {"source": "missing.py"}, ("resources", "notebooks", "nb"))
    assert ctx.problems[0].path == "resources.notebooks.nb.source"
    assert ctx.drafts == []
