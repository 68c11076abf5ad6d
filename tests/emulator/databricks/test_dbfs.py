"""DBFS through the real SDK: streaming upload, sliced reads, status, errors.

The behaviour follows databricks-sdk 0.162 ``databricks/sdk/service/files.py`` (the
``DbfsAPI`` docstrings): RESOURCE_ALREADY_EXISTS without overwrite, MAX_BLOCK_SIZE_EXCEEDED
over 1 MB per block, MAX_READ_SIZE_EXCEEDED over 1 MB per read, RESOURCE_DOES_NOT_EXIST for
a missing path or handle, IO_ERROR deleting a non-empty folder without recursive.
"""

from __future__ import annotations

import base64
import io

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import DatabricksError, NotFound, ResourceAlreadyExists
from databricks.sdk.service import files

MB = 1024 * 1024


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_a_streamed_upload_reads_back_in_slices(w: WorkspaceClient) -> None:
    data = bytes(range(256)) * 5000  # 1.28 MB: two blocks, two reads
    handle = w.dbfs.create("/laktory/data/prices.json").handle
    w.dbfs.add_block(handle, _b64(data[:MB]))
    w.dbfs.add_block(handle, _b64(data[MB:]))
    w.dbfs.close(handle)
    first = w.dbfs.read("/laktory/data/prices.json", offset=0, length=MB)
    rest = w.dbfs.read("/laktory/data/prices.json", offset=MB, length=MB)
    assert (first.bytes_read, rest.bytes_read) == (MB, len(data) - MB)
    assert base64.b64decode(first.data or "") + base64.b64decode(rest.data or "") == data
    status = w.dbfs.get_status("/laktory/data/prices.json")
    assert (status.is_dir, status.file_size) == (False, len(data))
    assert w.dbfs.get_status("/laktory/data").is_dir  # the write made its folders


def test_the_sdk_upload_and_download_helpers_round_trip(w: WorkspaceClient) -> None:
    w.dbfs.upload("/tmp/a.txt", io.BytesIO(b"hello"), overwrite=True)
    assert w.dbfs.download("/tmp/a.txt").read() == b"hello"
    assert [f.path for f in w.dbfs.list("/tmp")] == ["/tmp/a.txt"]


def test_create_refuses_an_existing_file_without_overwrite(w: WorkspaceClient) -> None:
    w.dbfs.put("/x.txt", contents=_b64(b"1"))
    with pytest.raises(ResourceAlreadyExists):
        w.dbfs.create("/x.txt", overwrite=False)
    w.dbfs.close(w.dbfs.create("/x.txt", overwrite=True).handle)
    assert w.dbfs.get_status("/x.txt").file_size == 0


def test_limits_and_missing_paths_are_the_platform_errors(w: WorkspaceClient) -> None:
    handle = w.dbfs.create("/big.bin").handle
    with pytest.raises(DatabricksError) as too_big:
        w.dbfs.add_block(handle, _b64(b"0" * (MB + 1)))
    assert too_big.value.error_code == "MAX_BLOCK_SIZE_EXCEEDED"
    w.dbfs.put("/small.bin", contents=_b64(b"0"))
    with pytest.raises(DatabricksError) as too_long:
        w.dbfs.read("/small.bin", length=MB + 1)
    assert too_long.value.error_code == "MAX_READ_SIZE_EXCEEDED"
    with pytest.raises(NotFound):
        w.dbfs.get_status("/nothing")
    with pytest.raises(NotFound):
        w.dbfs.add_block(987654, _b64(b"x"))


def test_a_folder_is_deleted_only_when_empty_or_recursive(w: WorkspaceClient) -> None:
    api = files.DbfsAPI(w.api_client)  # the REST call; DbfsExt.delete checks locally first
    w.dbfs.put("/d/f.txt", contents=_b64(b"1"))
    with pytest.raises(DatabricksError) as busy:
        api.delete("/d")
    assert busy.value.error_code == "IO_ERROR"
    api.delete("/d", recursive=True)
    with pytest.raises(NotFound):
        w.dbfs.get_status("/d/f.txt")


def test_move_refuses_a_missing_source_and_an_existing_destination(w: WorkspaceClient) -> None:
    # databricks-sdk 0.162 service/files.py, DbfsAPI.move docstring: RESOURCE_DOES_NOT_EXIST
    # for a missing source, RESOURCE_ALREADY_EXISTS for an existing destination, a folder
    # moves with everything below it.
    w.dbfs.put("/up/a.part", contents=_b64(b"a"))
    w.dbfs.put("/up/b.txt", contents=_b64(b"b"))
    with pytest.raises(NotFound):
        w.dbfs.move("/up/none", "/up/c.txt")
    with pytest.raises(ResourceAlreadyExists):
        w.dbfs.move("/up/a.part", "/up/b.txt")
    w.dbfs.move("/up/a.part", "/done/a.txt")
    assert w.dbfs.download("/done/a.txt").read() == b"a"
    with pytest.raises(NotFound):
        w.dbfs.get_status("/up/a.part")
    w.dbfs.move("/up", "/moved")
    assert [f.path for f in w.dbfs.list("/moved")] == ["/moved/b.txt"]
