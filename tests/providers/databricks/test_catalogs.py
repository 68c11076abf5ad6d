"""databricks_catalog through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.emulator.server import Emulator
from data_iac.errors import ProviderError, RemoteConflictError, ResourceAlreadyExists
from data_iac.model.resource import Observed
from data_iac.providers.databricks import catalogs, schemas
from data_iac.providers.databricks.client import DatabricksClient
from tests.emulator.databricks.fidelity import capture
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


def test_create_removes_the_default_schema_and_a_declared_default_is_created(
    dbx: DatabricksClient,
) -> None:
    """UC gives a standard catalog a ``default`` schema; the create removes it, as the
    Terraform provider does ("only remove catalog default schema for standard catalog",
    terraform-provider-databricks ``catalog/resource_catalog.go`` at 684f4424), so it is
    never unmanaged and a declared ``default`` does not conflict."""
    catalogs.Handler(dbx).create(ADDRESS, {"name": "sales"})
    assert [s.name for s in dbx.w.schemas.list("sales")] == ["information_schema"]
    created = schemas.Handler(dbx).create(
        Address("databricks_schema", "sales.default"), {"catalog_name": "sales", "name": "default"}
    )
    assert created.remote_id == "sales.default"


def test_destroy_refuses_a_schema_the_config_does_not_own_unless_forced(
    dbx: DatabricksClient,
) -> None:
    handler = catalogs.Handler(dbx)
    created = handler.create(ADDRESS, {"name": "sales"})
    dbx.w.schemas.create("made_in_the_ui", "sales")
    with pytest.raises(RemoteConflictError, match=r"catalog sales still holds .*made_in_the_ui"):
        handler.delete(ADDRESS, created)
    forced = Observed(created.remote_id, {**created.attributes, "force_destroy": True})
    handler.delete(ADDRESS, forced)
    assert handler.read(ADDRESS, "sales") is None


def test_destroy_passes_force_when_only_uc_own_schemas_are_left(
    dbx: DatabricksClient, emulator: Emulator
) -> None:
    """An empty ``default`` (a catalog made elsewhere keeps it) is UC's own: the delete
    passes ``force`` rather than failing on it, as the Asset Bundles engine always does
    (databricks/cli ``bundle/direct/dresources/catalog.go`` at 7bbe2852)."""
    dbx.w.catalogs.create("sales")
    observed = catalogs.Handler(dbx).read(ADDRESS, "sales")
    assert observed is not None
    seen = capture(emulator)
    catalogs.Handler(dbx).delete(ADDRESS, observed)
    deletes = [r for r in seen if r.method == "DELETE"]
    assert [(r.path, r.query) for r in deletes] == [
        ("/api/2.1/unity-catalog/catalogs/sales", {"force": ["true"]})
    ]
