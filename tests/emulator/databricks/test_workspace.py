"""The workspace tree (import, upload, export, download, get-status, list, mkdirs, delete)
through the real SDK."""
# ruff: noqa: F811 - pytest fixtures imported from core_fixtures are parameters here

from __future__ import annotations

import base64
import io

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound, ResourceAlreadyExists
from databricks.sdk.service import workspace as ws

from tests.emulator.databricks.core_fixtures import (  # noqa: F401 - fixtures
    _core_emulator,
    core,
    cw,
)
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

B64 = base64.b64encode(b"print(1)").decode()


def _notebook(w: WorkspaceClient, path: str = "/Shared/x/nb", overwrite: bool = True) -> None:
    w.workspace.import_(
        path,
        content=B64,
        format=ws.ImportFormat.SOURCE,
        language=ws.Language.PYTHON,
        overwrite=overwrite,
    )


def test_mkdirs_and_import_send_the_captured_bodies(core, cw) -> None:
    sent = capture(core)
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    assert bodies(sent) == [
        {"path": "/Shared/x"},
        {
            "content": "cHJpbnQoMSk=",
            "format": "SOURCE",
            "language": "PYTHON",
            "overwrite": True,
            "path": "/Shared/x/nb",
        },
    ]


def test_get_status_round_trips_with_ids_and_times(cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    raw = cw.api_client.do("GET", "/api/2.0/workspace/get-status", query={"path": "/Shared/x/nb"})
    assert_round_trips(ws.ObjectInfo, raw)
    info = cw.workspace.get_status("/Shared/x/nb")
    assert info.object_type == ws.ObjectType.NOTEBOOK and info.language == ws.Language.PYTHON
    assert info.object_id and info.created_at and info.modified_at and info.size == 8


def test_reimport_keeps_the_id_and_moves_modified_at(cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    first = cw.workspace.get_status("/Shared/x/nb")
    _notebook(cw)
    second = cw.workspace.get_status("/Shared/x/nb")
    assert second.object_id == first.object_id and second.created_at == first.created_at
    assert (second.modified_at or 0) > (first.modified_at or 0)


def test_import_without_overwrite_over_an_existing_path_is_refused(cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    with pytest.raises(ResourceAlreadyExists, match=r"Path \(/Shared/x/nb\) already exists."):
        _notebook(cw, overwrite=False)


def test_import_into_a_missing_folder_is_a_404(cw) -> None:
    with pytest.raises(NotFound):
        _notebook(cw, "/Shared/missing/nb")


def test_export_adds_the_notebook_header_and_round_trips(cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    exported = cw.workspace.export("/Shared/x/nb", format=ws.ExportFormat.SOURCE)
    assert base64.b64decode(exported.content or "") == b"# Databricks notebook source\nprint(1)"
    assert exported.file_type == "py"
    raw = cw.api_client.do("GET", "/api/2.0/workspace/export", query={"path": "/Shared/x/nb"})
    assert_round_trips(ws.ExportResponse, raw)


def test_upload_multipart_and_download(core, cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    sent = capture(core)
    cw.workspace.upload(
        "/Shared/x/nb2.py",
        io.BytesIO(b"x = 1"),
        format=ws.ImportFormat.SOURCE,
        language=ws.Language.PYTHON,
        overwrite=True,
    )
    assert (sent[0].header("Content-Type") or "").startswith("multipart/form-data")
    assert cw.workspace.get_status("/Shared/x/nb2.py").language == ws.Language.PYTHON
    with cw.workspace.download("/Shared/x/nb2.py") as handle:
        assert handle.read() == b"# Databricks notebook source\nx = 1"


def test_raw_and_auto_imports_make_files_or_notebooks(cw) -> None:
    cw.workspace.mkdirs("/Shared/f")
    cw.workspace.upload("/Shared/f/data.txt", io.BytesIO(b"abc"), format=ws.ImportFormat.RAW)
    assert cw.workspace.get_status("/Shared/f/data.txt").object_type == ws.ObjectType.FILE
    cw.workspace.upload(
        "/Shared/f/job.sql",
        io.BytesIO(b"-- Databricks notebook source\nSELECT 1"),
        format=ws.ImportFormat.AUTO,
    )
    info = cw.workspace.get_status("/Shared/f/job")
    assert (info.object_type, info.language) == (ws.ObjectType.NOTEBOOK, ws.Language.SQL)


def test_source_import_needs_a_language(cw) -> None:
    with pytest.raises(BadRequest):
        cw.workspace.import_("/Shared/nb", content=B64, format=ws.ImportFormat.SOURCE)


def test_list_direct_children_and_round_trip(cw) -> None:
    cw.workspace.mkdirs("/Shared/x/sub")
    _notebook(cw)
    assert [o.path for o in cw.workspace.list("/Shared/x")] == ["/Shared/x/nb", "/Shared/x/sub"]
    raw = cw.api_client.do("GET", "/api/2.0/workspace/list", query={"path": "/Shared/x"})
    assert_round_trips(ws.ListResponse, raw)
    assert [o.path for o in cw.workspace.list("/Shared/x", recursive=True)] == ["/Shared/x/nb"]


def test_missing_path_is_resource_does_not_exist(cw) -> None:
    with pytest.raises(NotFound) as caught:
        cw.workspace.get_status("/Shared//nope/")
    assert caught.value.error_code == "RESOURCE_DOES_NOT_EXIST"
    assert str(caught.value) == "Path (/Shared/nope) doesn't exist."


def test_mkdirs_over_a_file_is_refused(cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    with pytest.raises(ResourceAlreadyExists):
        cw.workspace.mkdirs("/Shared/x/nb/sub")


def test_delete_non_empty_folder_needs_recursive(core, cw) -> None:
    cw.workspace.mkdirs("/Shared/x")
    _notebook(cw)
    with pytest.raises(BadRequest) as caught:
        cw.workspace.delete("/Shared/x")
    assert caught.value.error_code == "DIRECTORY_NOT_EMPTY"
    assert str(caught.value) == "Folder (/Shared/x) is not empty"
    sent = capture(core)
    cw.workspace.delete("/Shared/x", recursive=True)
    assert bodies(sent) == [{"path": "/Shared/x", "recursive": True}]
    with pytest.raises(NotFound):
        cw.workspace.get_status("/Shared/x/nb")
    with pytest.raises(NotFound):
        cw.workspace.delete("/Shared/x")
