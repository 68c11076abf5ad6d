"""databricks_notebook: content compared by hash, through the real SDK."""

from __future__ import annotations

from pathlib import Path

import pytest
from databricks.sdk.service.workspace import ImportFormat, Language

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.providers.databricks import notebooks
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import run_lifecycle

ADDRESS = Address("databricks_notebook", "etl")
PATH = "/Shared/etl/nb"


def _spec(tmp_path: Path, text: str, name: str = "nb.py") -> dict:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return notebooks.normalize_spec({"path": PATH, "language": "python", "source": str(source)})


def test_lifecycle(dbx: DatabricksClient, tmp_path: Path) -> None:
    handler = notebooks.Handler(dbx)
    spec = _spec(tmp_path, "print(1)\n")
    changed = _spec(tmp_path, "print(2)\n", "nb2.py")
    created = run_lifecycle(handler, ADDRESS, spec, changed)
    assert created.remote_id == PATH
    assert created.attributes["language"] == "PYTHON"
    assert created.attributes["content_sha256"] == spec["content_sha256"]


def test_header_in_the_local_file_does_not_matter(dbx, tmp_path: Path) -> None:
    plain = _spec(tmp_path, "x = 1\n")
    with_header = _spec(tmp_path, "# Databricks notebook source\nx = 1\n", "h.py")
    assert plain["content_sha256"] == with_header["content_sha256"]
    created = notebooks.Handler(dbx).create(ADDRESS, with_header)
    assert created.attributes["content_sha256"] == plain["content_sha256"]


def test_out_of_band_edit_shows_as_a_hash_change(dbx, tmp_path: Path) -> None:
    handler = notebooks.Handler(dbx)
    spec = _spec(tmp_path, "x = 1\n")
    handler.create(ADDRESS, spec)
    dbx.w.workspace.import_(
        PATH,
        content="eCA9IDI=",
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )
    read = handler.read(ADDRESS, PATH)
    assert read is not None and read.attributes["content_sha256"] != spec["content_sha256"]


def test_create_over_an_existing_notebook_is_already_exists(dbx, tmp_path: Path) -> None:
    handler = notebooks.Handler(dbx)
    handler.create(ADDRESS, _spec(tmp_path, "x = 1\n"))
    with pytest.raises(ResourceAlreadyExists):
        handler.create(ADDRESS, _spec(tmp_path, "x = 1\n"))


def test_list_finds_notebooks_recursively(dbx, tmp_path: Path) -> None:
    handler = notebooks.Handler(dbx)
    handler.create(ADDRESS, _spec(tmp_path, "x = 1\n"))
    assert [a.key for a, _ in handler.list({"path": "/Shared"})] == [PATH]


def test_language_comes_from_the_source_suffix(tmp_path: Path) -> None:
    source = tmp_path / "job.sql"
    source.write_text("SELECT 1", encoding="utf-8")
    spec = notebooks.normalize_spec({"path": PATH, "source": str(source)})
    assert spec["language"] == "SQL" and len(spec["content_sha256"]) == 64
    assert notebooks.normalize_spec(spec) == spec
