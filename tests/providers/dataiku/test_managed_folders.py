"""dataiku_managed_folder through the real DSSClient against the in-process emulator."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku.managed_folders import ManagedFolderHandler, to_observed
from data_iac.providers.registry import make_handlers

SPEC: dict[str, Any] = {
    "project_key": "SALES",
    "name": "models",
    "connection": "filesystem_folders",
    "params": {"path": "${projectKey}/models"},
    "zone": "Ingest",
}
ADDRESS = Address("dataiku_managed_folder", "SALES.models")


@pytest.fixture
def handler(dss_settings: dict[str, Any]) -> ManagedFolderHandler:
    handlers = make_handlers("dataiku", dss_settings)
    handlers["dataiku_project"].create(Address("dataiku_project", "SALES"), {
        "project_key": "SALES", "name": "Sales"})  # fmt: skip
    handlers["dataiku_zone"].create(Address("dataiku_zone", "SALES.Ingest"), {
        "project_key": "SALES", "name": "Ingest"})  # fmt: skip
    folders = handlers["dataiku_managed_folder"]
    assert isinstance(folders, ManagedFolderHandler)
    return folders


def test_create_then_read_is_idempotent(handler: ManagedFolderHandler) -> None:
    created = handler.create(ADDRESS, SPEC)
    read = handler.read(ADDRESS, "SALES.models")
    assert read is not None
    assert diff_attributes(SPEC, read.attributes, handler.schema) == []
    assert len(created.attributes["id"]) == 8
    assert created.attributes["type"] == "Filesystem"


def test_update_in_place_and_leave_the_zone(handler: ManagedFolderHandler) -> None:
    observed = handler.create(ADDRESS, SPEC)
    changed = {**SPEC, "params": {"path": "elsewhere"}, "zone": None}
    updated = handler.update(ADDRESS, observed, changed)
    assert diff_attributes(changed, updated.attributes, handler.schema) == []
    assert updated.attributes["id"] == observed.attributes["id"]


def test_delete_read_and_list(handler: ManagedFolderHandler) -> None:
    observed = handler.create(ADDRESS, SPEC)
    other = {**SPEC, "name": "reports"}
    handler.create(Address("dataiku_managed_folder", "SALES.reports"), other)
    assert sorted(a.key for a, _ in handler.list({"project_key": "SALES"})) == [
        "SALES.models", "SALES.reports"]  # fmt: skip
    handler.delete(ADDRESS, observed)
    assert handler.read(ADDRESS, "SALES.models") is None
    handler.delete(ADDRESS, observed)


def test_normaliser_on_recorded_json() -> None:
    # The PUT body recorded in reference/wire/dku_wire.txt (managed_folder save).
    raw = {
        "id": "AbCdEf12",
        "name": "mf",
        "projectKey": "DEMO",
        "type": "Filesystem",
        "params": {"connection": "filesystem_folders", "path": "${projectKey}/${odbId}"},
    }
    assert to_observed(raw, "Ingest") == {
        "project_key": "DEMO", "name": "mf", "id": "AbCdEf12", "type": "Filesystem",
        "connection": "filesystem_folders", "params": raw["params"], "zone": "Ingest",
    }  # fmt: skip
