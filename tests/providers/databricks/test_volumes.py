"""databricks_volume through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.providers.databricks import catalogs, schemas, volumes
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import assert_no_diff, run_lifecycle

ADDRESS = Address("databricks_volume", "sales.raw.files")
BASE = {"catalog_name": "sales", "schema_name": "raw", "name": "files"}


@pytest.fixture
def handler(dbx: DatabricksClient) -> volumes.Handler:
    catalogs.Handler(dbx).create(Address("databricks_catalog", "sales"), {"name": "sales"})
    schemas.Handler(dbx).create(
        Address("databricks_schema", "sales.raw"), {"catalog_name": "sales", "name": "raw"}
    )
    return volumes.Handler(dbx)


def test_lifecycle_managed(handler: volumes.Handler) -> None:
    spec = {**BASE, "volume_type": "MANAGED", "comment": "c"}
    changed = {**spec, "comment": "c2", "owner": "admins"}
    created = run_lifecycle(handler, ADDRESS, spec, changed)
    assert created.remote_id == "sales.raw.files"
    assert created.attributes["storage_location"]


def test_external_location_loses_its_trailing_slash(handler: volumes.Handler) -> None:
    spec = volumes.normalize_spec(
        {**BASE, "volume_type": "external", "storage_location": "s3://b/files/", "owner": "admins"}
    )
    assert_no_diff(handler, spec, handler.create(ADDRESS, spec))


def test_managed_with_location_is_refused(handler: volumes.Handler) -> None:
    with pytest.raises(ProviderError, match="can not be provided"):
        handler.create(ADDRESS, {**BASE, "volume_type": "MANAGED", "storage_location": "s3://x"})


def test_list(handler: volumes.Handler) -> None:
    for name in ("a", "b"):
        handler.create(ADDRESS, {**BASE, "name": name, "volume_type": "MANAGED"})
    listed = handler.list({"catalog_name": "sales", "schema_name": "raw"})
    assert [a.key for a, _ in listed] == ["sales.raw.a", "sales.raw.b"]
