"""databricks_query and databricks_alert on the emulator (facts: ``sql.QueriesAPI`` and
``sql.AlertsAPI`` in databricks-sdk: bodies nest the object under ``query`` / ``alert``,
update needs ``update_mask``, delete trashes, an alert's query must exist)."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

QUERY = "databricks_query"
SPEC = {"display_name": "late orders", "query_text": "SELECT count(*) AS n FROM orders"}


def test_query_lifecycle(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, QUERY)
    changed = {**SPEC, "query_text": "SELECT 2 AS n", "description": "two"}
    created = run_lifecycle(handler, Address(QUERY, "late"), SPEC, changed)
    assert created.attributes["owner_user_name"]  # server-set
