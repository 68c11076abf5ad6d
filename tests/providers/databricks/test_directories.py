"""databricks_directory through the real SDK."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks import directories
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import assert_no_diff

ADDRESS = Address("databricks_directory", "team")


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = directories.Handler(dbx)
    spec = directories.normalize_spec({"path": "/Shared//team/a/"})
    assert spec["path"] == "/Shared/team/a"
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == "/Shared/team/a" and created.attributes["object_id"]
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None
    assert_no_diff(handler, spec, read)
    assert handler.update(ADDRESS, read, spec).remote_id == created.remote_id
    handler.delete(ADDRESS, read)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, read)


def test_non_empty_folder_is_not_deleted(dbx: DatabricksClient) -> None:
    handler = directories.Handler(dbx)
    created = handler.create(ADDRESS, {"path": "/Shared/team"})
    dbx.w.workspace.mkdirs("/Shared/team/inner")
    with pytest.raises(ProviderError, match="is not empty"):
        handler.delete(ADDRESS, created)


def test_list_direct_folders(dbx: DatabricksClient) -> None:
    handler = directories.Handler(dbx)
    handler.create(ADDRESS, {"path": "/Shared/b"})
    handler.create(ADDRESS, {"path": "/Shared/a"})
    assert [a.key for a, _ in handler.list({"path": "/Shared"})] == ["/Shared/a", "/Shared/b"]
