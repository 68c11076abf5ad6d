"""databricks_alert on the emulator (facts: ``sql.AlertsAPI`` in databricks-sdk: the body
nests the alert under ``alert``, ``condition`` and an existing ``query_id`` are needed,
``state`` is UNKNOWN until it runs, update needs ``update_mask``, delete trashes)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_alert"
CONDITION = {
    "op": "GREATER_THAN",
    "operand": {"column": {"name": "n"}},
    "threshold": {"value": {"double_value": 10}},
}


def test_alert_lifecycle(dbx: DatabricksClient) -> None:
    query = handler_for(dbx, "databricks_query").create(
        Address("databricks_query", "q"), {"display_name": "q", "query_text": "SELECT 1 AS n"}
    )
    spec = {"display_name": "too many", "query_id": query.remote_id, "condition": CONDITION}
    handler = handler_for(dbx, KIND)
    created = run_lifecycle(handler, Address(KIND, "a"), spec, {**spec, "custom_subject": "!"})
    assert created.attributes["state"] == "UNKNOWN"


def test_alert_needs_its_query(dbx: DatabricksClient) -> None:
    spec = {"display_name": "x", "query_id": "missing", "condition": CONDITION}
    with pytest.raises(ResourceNotFound):
        handler_for(dbx, KIND).create(Address(KIND, "a"), spec)
