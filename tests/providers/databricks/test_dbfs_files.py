"""databricks_dbfs_file (Laktory's databricks_dbfsfiles): bytes compared by hash, through
the real SDK."""

from __future__ import annotations

from pathlib import Path

from data_iac.addresses import Address
from data_iac.providers.databricks import dbfs_files
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import run_lifecycle

ADDRESS = Address("databricks_dbfs_file", "prices")
PATH = "/laktory/data/stock_prices/stock_prices.json"


def _spec(tmp_path: Path, data: bytes, name: str = "a.json") -> dict:
    source = tmp_path / name
    source.write_bytes(data)
    return dbfs_files.normalize_spec({"path": f"dbfs:{PATH}", "source": str(source)})


def test_lifecycle(dbx: DatabricksClient, tmp_path: Path) -> None:
    handler = dbfs_files.Handler(dbx)
    spec = _spec(tmp_path, b'{"a": 1}\n')
    changed = _spec(tmp_path, b'{"a": 2}\n' * 200_000, "b.json")  # 1.8 MB: two blocks
    created = run_lifecycle(handler, ADDRESS, spec, changed)
    assert created.remote_id == PATH and created.attributes["file_size"] == 9


def test_a_folder_is_not_a_file(dbx: DatabricksClient) -> None:
    dbx.w.dbfs.mkdirs("/laktory/folder")
    assert dbfs_files.Handler(dbx).read(ADDRESS, "/laktory/folder") is None


def test_an_interrupted_upload_is_overwritten_and_a_stranger_file_is_refused(
    dbx: DatabricksClient, tmp_path: Path
) -> None:
    import base64

    import pytest

    from data_iac.errors import ResourceAlreadyExists

    handler = dbfs_files.Handler(dbx)
    staging = PATH + dbfs_files.STAGING_SUFFIX
    dbx.w.dbfs.put(staging, contents=base64.b64encode(b'{"a"').decode())  # half an upload
    created = handler.create(ADDRESS, _spec(tmp_path, b'{"a": 1}\n'))
    assert created.attributes["file_size"] == 9
    assert [f.path for f in dbx.w.dbfs.list(PATH.rsplit("/", 1)[0])] == [PATH]
    # Someone else's file at the path: refused, and the staging file does not stay behind.
    other = Address("databricks_dbfs_file", "other")
    with pytest.raises(ResourceAlreadyExists):
        handler.create(other, _spec(tmp_path, b"different\n", "c.json"))
    assert [f.path for f in dbx.w.dbfs.list(PATH.rsplit("/", 1)[0])] == [PATH]
