"""SQL warehouses through the real SDK against the emulator."""

from __future__ import annotations

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound, ResourceDoesNotExist
from databricks.sdk.service import sql

from data_iac.emulator.server import Emulator
from tests.emulator.databricks.fidelity import assert_round_trips, bodies, capture

TAGS = sql.EndpointTags(custom_tags=[sql.EndpointTagPair(key="team", value="x")])


def _create(w: WorkspaceClient, name: str = "wh", **extra: object) -> str:
    created = w.warehouses.create(name=name, cluster_size="2X-Small", **extra).response
    assert created.id is not None
    return created.id


def test_create_sends_the_captured_body_and_runs_on_first_get(emu: Emulator, w: WorkspaceClient):
    sent = capture(emu)
    warehouse_id = _create(
        w,
        auto_stop_mins=10,
        enable_serverless_compute=True,
        max_num_clusters=1,
        warehouse_type=sql.CreateWarehouseRequestWarehouseType.PRO,
    )
    assert bodies(sent) == [
        {
            "auto_stop_mins": 10,
            "cluster_size": "2X-Small",
            "enable_serverless_compute": True,
            "max_num_clusters": 1,
            "name": "wh",
            "warehouse_type": "PRO",
        }
    ]
    warehouse = w.warehouses.get(warehouse_id)
    assert warehouse.state == sql.State.RUNNING and warehouse.auto_stop_mins == 10


def test_get_round_trips_and_tags_are_echoed(w: WorkspaceClient):
    warehouse_id = _create(w, tags=TAGS)
    raw = w.api_client.do("GET", f"/api/2.0/sql/warehouses/{warehouse_id}")
    assert isinstance(raw, dict)
    assert raw["tags"] == {"custom_tags": [{"key": "team", "value": "x"}]}
    assert_round_trips(sql.GetWarehouseResponse, raw)


def test_edit_changes_sent_fields_and_keeps_others(emu: Emulator, w: WorkspaceClient):
    warehouse_id = _create(w, auto_stop_mins=10)
    sent = capture(emu)
    w.warehouses.edit(warehouse_id, name="wh", cluster_size="Small")
    assert bodies(sent) == [{"cluster_size": "Small", "name": "wh"}]
    warehouse = w.warehouses.get(warehouse_id)
    assert (warehouse.cluster_size, warehouse.auto_stop_mins) == ("Small", 10)


def test_names_are_unique(w: WorkspaceClient):
    _create(w)
    with pytest.raises(BadRequest, match="already exists"):
        _create(w)


def test_missing_warehouse_is_plain_not_found(w: WorkspaceClient):
    with pytest.raises(NotFound, match=r"The warehouse abc was not found\.") as caught:
        w.warehouses.get("abc")
    assert not isinstance(caught.value, ResourceDoesNotExist)


def test_list_pages_and_delete(small_w: WorkspaceClient):
    ids = [_create(small_w, name=f"wh{i}") for i in range(5)]
    assert sorted(x.id or "" for x in small_w.warehouses.list()) == sorted(ids)
    raw = small_w.api_client.do("GET", "/api/2.0/sql/warehouses")
    assert isinstance(raw, dict)
    assert_round_trips(sql.ListWarehousesResponse, raw)
    small_w.warehouses.delete(ids[0])
    with pytest.raises(NotFound):
        small_w.warehouses.get(ids[0])


def test_stop_and_start(w: WorkspaceClient):
    warehouse_id = _create(w)
    w.warehouses.stop(warehouse_id)
    assert w.warehouses.get(warehouse_id).state == sql.State.STOPPED
    w.warehouses.start(warehouse_id)
    assert w.warehouses.get(warehouse_id).state == sql.State.RUNNING
