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
