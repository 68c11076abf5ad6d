"""dataiku_zone through the real DSSClient against the in-process emulator."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku.zones import ZoneHandler, to_observed
from data_iac.providers.registry import make_handlers

SPEC: dict[str, Any] = {"project_key": "SALES", "name": "Ingest", "color": "#ff0000"}
ADDRESS = Address("dataiku_zone", "SALES.Ingest")


@pytest.fixture
def handlers(dss_settings: dict[str, Any]) -> Any:
    handlers = make_handlers("dataiku", dss_settings)
    handlers["dataiku_project"].create(Address("dataiku_project", "SALES"), {
        "project_key": "SALES", "name": "Sales"})  # fmt: skip
    return handlers


@pytest.fixture
def handler(handlers: Any) -> ZoneHandler:
    zones = handlers["dataiku_zone"]
    assert isinstance(zones, ZoneHandler)
    return zones


def test_create_then_read_is_idempotent(handler: ZoneHandler) -> None:
    handler.create(ADDRESS, SPEC)
    read = handler.read(ADDRESS, "SALES.Ingest")
    assert read is not None
    assert diff_attributes(SPEC, read.attributes, handler.schema) == []


def test_update_color(handler: ZoneHandler) -> None:
    observed = handler.create(ADDRESS, SPEC)
    updated = handler.update(ADDRESS, observed, {**SPEC, "color": "#00ff00"})
    assert updated.attributes["color"] == "#00ff00"


def test_list_skips_the_default_zone_and_delete(handler: ZoneHandler) -> None:
    observed = handler.create(ADDRESS, SPEC)
    assert [a.key for a, _ in handler.list({"project_key": "SALES"})] == ["SALES.Ingest"]
    handler.delete(ADDRESS, observed)
    assert handler.read(ADDRESS, "SALES.Ingest") is None
    handler.delete(ADDRESS, observed)


def test_deleting_a_zone_sends_its_items_back_to_default(handlers: Any) -> None:
    zone = handlers["dataiku_zone"].create(ADDRESS, SPEC)
    dataset = {"project_key": "SALES", "name": "RAW", "type": "Filesystem", "managed": True,
               "zone": "Ingest"}  # fmt: skip
    address = Address("dataiku_dataset", "SALES.RAW")
    assert handlers["dataiku_dataset"].create(address, dataset).attributes["zone"] == "Ingest"
    handlers["dataiku_zone"].delete(ADDRESS, zone)
    assert handlers["dataiku_dataset"].read(address, "SALES.RAW").attributes["zone"] is None


def test_normaliser_on_recorded_json() -> None:
    # The PUT body recorded in reference/wire/dku_wire.txt (zone.get_settings+save).
    raw = {"id": "zAbC123", "name": "Ingest2", "color": "#2ab1ac", "items": [], "shared": []}
    assert to_observed("DEMO", raw) == {
        "project_key": "DEMO",
        "name": "Ingest2",
        "id": "zAbC123",
        "color": "#2ab1ac",
    }
