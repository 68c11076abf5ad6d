"""databricks_query and databricks_alert on the emulator (facts: ``sql.QueriesAPI`` and
``sql.AlertsAPI`` in databricks-sdk: bodies nest the object under ``query`` / ``alert``,
update needs ``update_mask``, delete trashes, an alert's query must exist)."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.kinds import find_spec
from data_iac.model.kind import Strategy
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import assert_no_diff, run_lifecycle

QUERY = "databricks_query"
SPEC = {"display_name": "late orders", "query_text": "SELECT count(*) AS n FROM orders"}


def test_query_lifecycle(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, QUERY)
    changed = {**SPEC, "query_text": "SELECT 2 AS n", "description": "two"}
    created = run_lifecycle(handler, Address(QUERY, "late"), SPEC, changed)
    assert created.attributes["owner_user_name"]  # server-set


def test_a_query_is_found_by_its_identity_and_a_second_of_the_same_is_refused(
    dbx: DatabricksClient,
) -> None:
    """Queries carry no unique name and no marker: data-iac finds its own by display name
    and folder after a crash, so it never creates a second one carrying the same."""
    import pytest

    from data_iac.errors import ResourceAlreadyExists

    handler = handler_for(dbx, QUERY)
    created = handler.create(Address(QUERY, "late"), SPEC)
    found = handler.find_by_address(Address(QUERY, "late"), {"display_name": "late orders"})
    assert found is not None and found.remote_id == created.remote_id
    assert handler.find_by_address(Address(QUERY, "x"), {"display_name": "other"}) is None
    with pytest.raises(ResourceAlreadyExists, match="exists already") as refused:
        handler.create(Address(QUERY, "again"), SPEC)
    assert "iac import" in (refused.value.hint or "")
    # Two alike made by hand: recovery refuses to guess which one is ours.
    dbx.w.queries.create(query=_sdk_query())
    with pytest.raises(ResourceAlreadyExists, match="cannot tell"):
        handler.find_by_address(Address(QUERY, "late"), {"display_name": "late orders"})


def test_a_query_in_a_folder_is_read_whole_by_refresh_and_by_recovery(
    dbx: DatabricksClient,
) -> None:
    """The queries listing carries no ``parent_path`` (databricks-sdk 0.162
    ``sql.ListQueryObjectsResponseQuery`` has no such field, ``sql.Query`` has): refresh
    reads each query, and recovery reads the listed ones alike on the display name."""
    dbx.w.workspace.mkdirs("/Shared/q")
    handler = handler_for(dbx, QUERY)
    spec = {**SPEC, "parent_path": "/Shared/q"}
    created = handler.create(Address(QUERY, "late"), spec)
    listed = dict(handler.list({}))
    assert "parent_path" not in listed[Address(QUERY, "late orders")].attributes
    spec_record = find_spec(QUERY)
    assert spec_record is not None and spec_record.refresh is Strategy.READ
    read = handler.read(Address(QUERY, "late"), created.remote_id)
    assert read is not None
    assert_no_diff(handler, spec, read)
    found = handler.find_by_address(Address(QUERY, "late"), spec)
    assert found is not None and found.remote_id == created.remote_id
    elsewhere = {**spec, "parent_path": "/Shared/other"}
    assert handler.find_by_address(Address(QUERY, "late"), elsewhere) is None


def _sdk_query() -> object:
    from databricks.sdk.service.sql import CreateQueryRequestQuery

    return CreateQueryRequestQuery(display_name="late orders", query_text="SELECT 1")
