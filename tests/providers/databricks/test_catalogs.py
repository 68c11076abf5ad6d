"""databricks_catalog through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceAlreadyExists
from data_iac.providers.databricks import catalogs
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import assert_no_diff, run_lifecycle

ADDRESS = Address("databricks_catalog", "sales")


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = catalogs.Handler(dbx)
    spec = {"name": "sales", "comment": "c", "properties": {"k": "v"}, "isolation_mode": "ISOLATED"}
    changed = {**spec, "comment": "c2", "owner": "admins", "isolation_mode": "OPEN"}
    created = run_lifecycle(handler, ADDRESS, spec, changed)
    assert created.remote_id == "sales"
    assert created.attributes["owner"] == "emulator-user@example.com"


def test_create_twice_is_already_exists(dbx: DatabricksClient) -> None:
    handler = catalogs.Handler(dbx)
    handler.create(ADDRESS, {"name": "sales"})
    with pytest.raises(ResourceAlreadyExists):
        handler.create(ADDRESS, {"name": "sales"})


def test_typo_is_refused_before_anything_is_created(dbx: DatabricksClient) -> None:
    handler = catalogs.Handler(dbx)
    with pytest.raises(ProviderError, match="commnet"):
        handler.create(ADDRESS, {"name": "sales", "commnet": "x"})
    assert handler.read(ADDRESS, "sales") is None


def test_normalized_spec_matches_what_the_platform_stores(dbx: DatabricksClient) -> None:
    handler = catalogs.Handler(dbx)
    spec = catalogs.normalize_spec({"name": "Sales", "storage_root": "s3://b/root/"})
    assert_no_diff(handler, spec, handler.create(ADDRESS, spec))


def test_list_skips_system_catalogs(dbx: DatabricksClient) -> None:
    handler = catalogs.Handler(dbx)
    for name in ("a", "b", "system"):
        handler.create(Address("databricks_catalog", name), {"name": name})
    assert [a.key for a, _ in handler.list({})] == ["a", "b"]


def test_to_observed_keeps_managed_and_computed_fields() -> None:
    raw = {"name": "x", "comment": "c", "owner": "o", "created_at": 1, "browse_only": False}
    assert catalogs.to_observed(raw) == {"name": "x", "comment": "c", "owner": "o", "created_at": 1}
