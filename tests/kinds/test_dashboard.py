"""databricks_dashboard on the emulator (facts: ``dashboards.LakeviewAPI`` in databricks-sdk:
the body is the Dashboard, ``path`` is ``<parent_path>/<display_name>.lvdash.json``,
delete is a trash that get still answers with ``lifecycle_state: TRASHED``)."""

from __future__ import annotations

import json

from data_iac.addresses import Address
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_dashboard"
ADDRESS = Address(KIND, "sales")
LAYOUT = json.dumps({"pages": [{"name": "p1", "displayName": "Overview"}]})
SPEC = {"display_name": "Sales", "parent_path": "/Shared/bi", "serialized_dashboard": LAYOUT}


def test_lifecycle_and_trash(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    created = run_lifecycle(handler, ADDRESS, SPEC, {**SPEC, "warehouse_id": "abc"})
    assert created.attributes["path"] == "/Shared/bi/Sales.lvdash.json"
    trashed = dbx.w.lakeview.get(created.remote_id)
    assert trashed.lifecycle_state is not None and trashed.lifecycle_state.value == "TRASHED"
    assert list(handler.list({})) == []
