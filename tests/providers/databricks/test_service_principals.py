"""databricks_service_principal through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.service_principals import SCHEMA, Handler
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_service_principal", "etl")
APP_ID = "00000000-0000-0000-0000-00000000e71a"
SPEC = {"application_id": APP_ID, "display_name": "etl"}


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    assert created.attributes["active"] is True
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_application_id_is_generated_when_left_out(handler: Handler):
    created = handler.create(ADDRESS, {"display_name": "etl"})
    assert created.attributes["application_id"]
    assert "application_id" in SCHEMA.immutable


def test_update_delete_and_list(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "display_name": "etl-prod", "active": False}
    updated = handler.update(ADDRESS, created, changed)
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []
    assert [str(a) for a, _ in handler.list({})] == [f"databricks_service_principal.{APP_ID}"]
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_ambiguous_create_failure_adopts_by_application_id(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.0/preview/scim/v2/ServicePrincipals", commit=True)
    created = handler.create(ADDRESS, SPEC)
    assert [sp.id for sp in dbx.w.service_principals.list()] == [created.remote_id]


def test_find_by_address_needs_an_application_id(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    found = handler.find_by_address(ADDRESS, SPEC)
    assert found is not None and found.remote_id == created.remote_id
    assert handler.find_by_address(ADDRESS, {"display_name": "etl"}) is None


def test_without_application_id_it_is_found_by_its_address_marker(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    # A principal of the same display name made by hand: display names repeat, so the
    # marker, not the name, finds ours (after a lost answer here, after a crash in recovery).
    dbx.w.service_principals.create(display_name="etl")
    fail(emulator, "POST", r"/api/2\.0/preview/scim/v2/ServicePrincipals", commit=True)
    created = handler.create(ADDRESS, {"display_name": "etl"})
    assert created.attributes["external_id"] == "data-iac:databricks_service_principal.etl"
    assert len(list(dbx.w.service_principals.list())) == 2  # the stranger and ours, once
    found = handler.find_by_address(ADDRESS, {"display_name": "etl"})
    assert found is not None and found.remote_id == created.remote_id
    assert handler.find_by_address(Address(ADDRESS.kind, "other"), {"display_name": "etl"}) is None
    # A user's own external_id is the marker then.
    mine = handler.create(Address(ADDRESS.kind, "own"), {"display_name": "x", "external_id": "e1"})
    assert mine.attributes["external_id"] == "e1"
