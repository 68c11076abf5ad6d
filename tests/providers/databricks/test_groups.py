"""databricks_group through the real SDK against the emulator."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.emulator.server import Emulator
from data_iac.errors import ResourceNotFound
from data_iac.providers.databricks._create_once import CreateRetry
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.groups import KIND, SCHEMA, Handler
from tests.providers.databricks.faults import fail

ADDRESS = Address("databricks_group", "data-eng")
APP_ID = "00000000-0000-0000-0000-0000000000aa"


@pytest.fixture
def handler(dbx: DatabricksClient) -> Handler:
    dbx.w.users.create(user_name="ada@example.com", display_name="Ada")
    dbx.w.users.create(user_name="bob@example.com")
    dbx.w.service_principals.create(application_id=APP_ID, display_name="etl")
    dbx.w.groups.create(display_name="analysts")
    return Handler(dbx, retry=CreateRetry(sleep=lambda seconds: None))


def test_create_read_has_no_diff(handler: Handler):
    spec = {"display_name": "data-eng", "members": ["analysts", APP_ID, "ada@example.com"]}
    created = handler.create(ADDRESS, spec)
    assert diff_attributes(spec, created.attributes, SCHEMA) == []
    read = handler.read(ADDRESS, created.remote_id)
    assert read is not None and read.attributes == created.attributes


def test_membership_changes_in_place(handler: Handler):
    created = handler.create(ADDRESS, {"display_name": "data-eng", "members": ["ada@example.com"]})
    changed = {"display_name": "data-eng", "members": ["bob@example.com", "analysts"]}
    updated = handler.update(ADDRESS, created, changed)
    assert updated.remote_id == created.remote_id
    assert diff_attributes(changed, updated.attributes, SCHEMA) == []
    assert "display_name" in SCHEMA.immutable


def test_unknown_member_is_a_clear_error(handler: Handler):
    with pytest.raises(ResourceNotFound, match="'ghost' is not a user"):
        handler.create(ADDRESS, {"display_name": "data-eng", "members": ["ghost"]})


def test_delete_and_list(handler: Handler):
    created = handler.create(ADDRESS, {"display_name": "data-eng"})
    assert sorted(str(a) for a, _ in handler.list({})) == [
        "databricks_group.analysts",
        "databricks_group.data-eng",
    ]
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None
    handler.delete(ADDRESS, created)


def test_ambiguous_create_failure_adopts_by_display_name(
    emulator: Emulator, handler: Handler, dbx: DatabricksClient
):
    fail(emulator, "POST", r"/api/2\.0/preview/scim/v2/Groups", commit=True)
    created = handler.create(ADDRESS, {"display_name": "data-eng"})
    assert sorted(g.display_name or "" for g in dbx.w.groups.list()) == ["analysts", "data-eng"]
    assert created.attributes["display_name"] == "data-eng"


def test_find_by_address_uses_the_unique_display_name(handler: Handler):
    spec = {"display_name": "data-eng", "members": ["bob@example.com"]}
    assert handler.find_by_address(ADDRESS, spec) is None
    created = handler.create(ADDRESS, spec)
    found = handler.find_by_address(ADDRESS, spec)
    assert found is not None and found.attributes == created.attributes


def test_refresh_resolves_members_from_two_listings_and_skips_unknown_ids(
    dbx: DatabricksClient, emulator: Emulator
) -> None:
    # Group documents name members by SCIM id; one user and one service principal listing
    # resolve them all (not one lookup per member), and a member deleted meanwhile never
    # makes the group itself look gone.
    handler = Handler(dbx)
    users = [dbx.w.users.create(user_name=f"u{i}@example.com") for i in range(4)]
    names = [str(u.user_name) for u in users]
    for index in range(3):
        handler.create(Address(KIND, f"g{index}"), {"display_name": f"g{index}", "members": names})
    dbx.w.users.delete(str(users[0].id))
    emulator.clear_requests()
    listed = dict(handler.list({}))
    lookups = [r.path for r in emulator.request_log() if "/Users/" in r.path]
    assert lookups == []
    for index in range(3):
        observed = listed[Address(KIND, f"g{index}")]
        assert observed.attributes["members"] == [f"u{i}@example.com" for i in (1, 2, 3)]
