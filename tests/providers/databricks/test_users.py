"""databricks_user through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.errors import ResourceAlreadyExists
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.users import SCHEMA, Handler
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_user", "ada")
SPEC = {"user_name": "ada@example.com", "display_name": "Ada", "active": True}


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    return Handler(dbx, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert diff_attributes(SPEC, created.attributes, SCHEMA) == []
    assert created.attributes["emails"] == ["ada@example.com"]
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_update_in_place_and_user_name_is_immutable(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "display_name": "Ada L.", "active": False}
    updated = handler.update(ADDRESS, created, changed)
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []
    renamed = {**SPEC, "user_name": "ada2@example.com"}
    diffs = diff_attributes(renamed, updated.attributes, SCHEMA)
    assert {d.top for d in diffs} & SCHEMA.immutable == {"user_name"}


def test_delete_list_and_duplicates(handler: Handler):
    created = handler.create(ADDRESS, SPEC)
    assert [str(a) for a, _ in handler.list({})] == ["databricks_user.ada@example.com"]
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address("databricks_user", "again"), SPEC)
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_ambiguous_create_failure_adopts_the_user(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.0/preview/scim/v2/Users", commit=True)
    created = handler.create(ADDRESS, SPEC)
    assert [u.id for u in dbx.w.users.list()] == [created.remote_id]


def test_find_by_address_uses_the_unique_user_name(handler: Handler):
    assert handler.find_by_address(ADDRESS, SPEC) is None
    created = handler.create(ADDRESS, SPEC)
    found = handler.find_by_address(ADDRESS, SPEC)
    assert found is not None and found.remote_id == created.remote_id
    assert handler.find_by_address(ADDRESS) is None
