"""databricks_schema through the real SDK against the emulator.

A destroy refuses to drop tables and volumes the config does not manage unless the
resource says ``force_destroy: true`` (Laktory's and the Terraform provider's field).
"""

from __future__ import annotations

import pytest
from databricks.sdk.service.catalog import VolumeType

from data_iac.addresses import Address
from data_iac.emulator.server import Emulator
from data_iac.errors import RemoteConflictError, ResourceNotFound
from data_iac.model.resource import Observed
from data_iac.providers.databricks import catalogs, schemas
from data_iac.providers.databricks.client import DatabricksClient
from tests.emulator.databricks.fidelity import capture
from tests.providers.databricks.lifecycle import assert_no_diff, run_lifecycle

ADDRESS = Address("databricks_schema", "sales.raw")


@pytest.fixture
def handler(dbx: DatabricksClient) -> schemas.Handler:
    catalogs.Handler(dbx).create(Address("databricks_catalog", "sales"), {"name": "sales"})
    return schemas.Handler(dbx)


def test_lifecycle(handler: schemas.Handler) -> None:
    spec = {"catalog_name": "sales", "name": "raw", "comment": "c", "properties": {"a": "1"}}
    changed = {**spec, "comment": "c2", "owner": "admins", "properties": {"a": "2"}}
    assert run_lifecycle(handler, ADDRESS, spec, changed).remote_id == "sales.raw"


def test_owner_on_create_goes_through_a_patch(handler: schemas.Handler) -> None:
    spec = {"catalog_name": "sales", "name": "raw", "owner": "admins"}
    assert_no_diff(handler, spec, handler.create(ADDRESS, spec))


def test_uppercase_names_normalise_to_what_uc_stores(handler: schemas.Handler) -> None:
    spec = schemas.normalize_spec({"catalog_name": "Sales", "name": "RAW"})
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == "sales.raw"
    assert_no_diff(handler, spec, created)


def test_missing_catalog_and_non_empty_delete(handler: schemas.Handler, dbx) -> None:
    with pytest.raises(ResourceNotFound):
        handler.create(ADDRESS, {"catalog_name": "nope", "name": "raw"})
    created = handler.create(ADDRESS, {"catalog_name": "sales", "name": "raw"})
    dbx.w.volumes.create("sales", "raw", "v", VolumeType.MANAGED)
    with pytest.raises(RemoteConflictError, match=r"does not manage: sales\.raw\.v") as refused:
        handler.delete(ADDRESS, created)
    assert "force_destroy: true" in refused.value.hint
    assert dbx.w.volumes.read("sales.raw.v").name == "v"  # nothing was dropped


def test_force_destroy_drops_what_the_config_does_not_own(handler: schemas.Handler, dbx) -> None:
    spec = {"catalog_name": "sales", "name": "raw", "force_destroy": True}
    created = handler.create(ADDRESS, spec)
    dbx.w.volumes.create("sales", "raw", "v", VolumeType.MANAGED)
    handler.delete(ADDRESS, Observed(created.remote_id, {**created.attributes, **spec}))
    assert handler.read(ADDRESS, "sales.raw") is None
    handler.delete(ADDRESS, created)  # already gone: no error


def test_an_update_with_nothing_to_send_sends_no_patch(
    handler: schemas.Handler, emulator: Emulator
) -> None:
    """UC refuses an empty PATCH ("UpdateSchema Nothing to update", databricks/cli
    ``bundle/direct/dresources/resources.yml`` at 7bbe2852); a change of an input-only
    field has nothing to send."""
    created = handler.create(ADDRESS, {"catalog_name": "sales", "name": "raw"})
    seen = capture(emulator)
    updated = handler.update(
        ADDRESS, created, {"catalog_name": "sales", "name": "raw", "force_destroy": True}
    )
    assert [r.method for r in seen] == ["GET"]
    assert updated.remote_id == "sales.raw"


def test_list_skips_information_schema(handler: schemas.Handler) -> None:
    handler.create(ADDRESS, {"catalog_name": "sales", "name": "raw"})
    listed = list(handler.list({"catalog_name": "sales"}))
    assert [a.key for a, _ in listed] == ["sales.raw"]
