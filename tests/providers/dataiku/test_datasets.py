"""dataiku_dataset through the real DSSClient against the in-process emulator."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku import make_handlers
from data_iac.providers.dataiku.datasets import DatasetHandler, apply_spec, to_observed
from data_iac.providers.registry import make_handlers as registry_handlers

PROJECT = {"project_key": "SALES", "name": "Sales"}
MANAGED: dict[str, Any] = {
    "project_key": "SALES",
    "name": "PREPARED",
    "type": "Filesystem",
    "managed": True,
    "format_type": "parquet",
    "schema": {"columns": [{"name": "id", "type": "bigint"}, {"name": "city", "type": "string"}]},
    "description": "cleaned orders",
    "tags": ["gold", "curated"],
}
EXTERNAL: dict[str, Any] = {
    "project_key": "SALES",
    "name": "RAW_CUSTOMERS",
    "type": "Snowflake",
    "managed": False,
    "connection": "snowflake_prod",
    "params": {"schema": "PUBLIC", "table": "customers", "mode": "table"},
}


@pytest.fixture
def handlers(dss_settings: dict[str, Any]) -> dict[str, Any]:
    handlers = dict(registry_handlers("dataiku", dss_settings))
    handlers["dataiku_project"].create(Address("dataiku_project", "SALES"), PROJECT)
    return handlers


@pytest.fixture
def handler(handlers: dict[str, Any]) -> DatasetHandler:
    handler = handlers["dataiku_dataset"]
    assert isinstance(handler, DatasetHandler)
    return handler


def address(spec: dict[str, Any]) -> Address:
    return Address("dataiku_dataset", f"{spec['project_key']}.{spec['name']}")


@pytest.mark.parametrize("spec", [MANAGED, EXTERNAL], ids=["managed", "external"])
def test_create_then_read_is_idempotent(handler: DatasetHandler, spec: dict[str, Any]) -> None:
    created = handler.create(address(spec), spec)
    read = handler.read(address(spec), created.remote_id)
    assert read is not None
    assert created.remote_id == f"SALES.{spec['name']}"
    assert diff_attributes(spec, read.attributes, handler.schema) == []


def test_managed_dataset_gets_dss_path_and_connection(handler: DatasetHandler) -> None:
    observed = handler.create(address(MANAGED), MANAGED)
    assert observed.attributes["params"]["path"] == "${projectKey}/PREPARED"
    assert observed.attributes["connection"] == "filesystem_managed"
    assert observed.attributes["format_type"] == "parquet"


def test_update_in_place_bumps_the_version(handler: DatasetHandler) -> None:
    observed = handler.create(address(MANAGED), MANAGED)
    changed = {**MANAGED, "description": "v2", "format_params": {"compress": "snappy"}}
    updated = handler.update(address(MANAGED), observed, changed)
    assert diff_attributes(changed, updated.attributes, handler.schema) == []
    assert int(updated.version or 0) > int(observed.version or 0)


def test_zone_moves_the_dataset_and_reads_back(handlers: dict[str, Any]) -> None:
    handler = handlers["dataiku_dataset"]
    client = handler._conn.client
    client.get_project("SALES").get_flow().create_zone("Ingest")
    spec = {**EXTERNAL, "zone": "Ingest"}
    observed = handler.create(address(spec), spec)
    assert observed.attributes["zone"] == "Ingest"
    back = handler.update(address(spec), observed, {**EXTERNAL, "zone": None})
    assert back.attributes["zone"] is None


def test_delete_then_read_is_none(handler: DatasetHandler) -> None:
    observed = handler.create(address(EXTERNAL), EXTERNAL)
    handler.delete(address(EXTERNAL), observed)
    assert handler.read(address(EXTERNAL), observed.remote_id) is None
    handler.delete(address(EXTERNAL), observed)


def test_read_in_a_missing_project_is_none(handler: DatasetHandler) -> None:
    assert handler.read(Address("dataiku_dataset", "NOPE.X"), "NOPE.X") is None


def test_list_finds_every_dataset(handler: DatasetHandler) -> None:
    handler.create(address(MANAGED), MANAGED)
    handler.create(address(EXTERNAL), EXTERNAL)
    found = {a.key: o for a, o in handler.list({"project_key": "SALES"})}
    assert sorted(found) == ["SALES.PREPARED", "SALES.RAW_CUSTOMERS"]
    assert diff_attributes(MANAGED, found["SALES.PREPARED"].attributes, handler.schema) == []


def test_create_twice_is_already_exists(handler: DatasetHandler) -> None:
    from data_iac.errors import ResourceAlreadyExists

    handler.create(address(EXTERNAL), EXTERNAL)
    with pytest.raises(ResourceAlreadyExists):
        handler.create(address(EXTERNAL), EXTERNAL)


# The PUT body recorded in reference/wire/dku_wire.txt (dataset.get_settings+save).
RECORDED = {
    "name": "ds1", "projectKey": "DEMO", "type": "Filesystem",
    "params": {"connection": "filesystem_managed", "path": "/DEMO/ds1"},
    "formatType": "csv", "formatParams": {}, "schema": {"columns": []}, "managed": False,
    "tags": [], "versionTag": {"versionNumber": 1, "lastModifiedBy": {"login": "admin"},
                               "lastModifiedOn": 1700000000000},
    "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "admin"},
                    "lastModifiedOn": 1700000000000},
    "description": "x",
}  # fmt: skip


def test_normaliser_on_recorded_json() -> None:
    assert to_observed(RECORDED) == {
        "project_key": "DEMO",
        "name": "ds1",
        "type": "Filesystem",
        "managed": False,
        "connection": "filesystem_managed",
        "params": {"connection": "filesystem_managed", "path": "/DEMO/ds1"},
        "format_type": "csv",
        "format_params": {},
        "schema": {"columns": []},
        "description": "x",
        "tags": [],
        "zone": None,
    }


def test_normaliser_drops_empty_column_fields() -> None:
    raw = {**RECORDED, "schema": {"columns": [{"name": "a", "type": "string", "maxLength": -1,
                                               "comment": ""}]}}  # fmt: skip
    assert to_observed(raw)["schema"] == {"columns": [{"name": "a", "type": "string"}]}


def test_apply_spec_keeps_unmanaged_fields_and_resets_format_params() -> None:
    doc = apply_spec(RECORDED, {"format_type": "parquet", "params": {"extra": 1}})
    assert doc["formatType"] == "parquet" and doc["formatParams"] == {}
    assert doc["params"] == {"connection": "filesystem_managed", "path": "/DEMO/ds1", "extra": 1}
    assert doc["versionTag"] == RECORDED["versionTag"]


def test_make_handlers_serves_the_dataset_kind(dss_settings: dict[str, Any]) -> None:
    assert isinstance(make_handlers(dss_settings)["dataiku_dataset"], DatasetHandler)


def test_custom_metadata_set_elsewhere_survives_an_update_and_is_not_drift(
    handler: DatasetHandler,
) -> None:
    """DSS objects carry ``customMeta: {kv: {...}}`` (the custom metadata the UI edits and
    ``get_metadata()["custom"]`` shows; dataikuapi ``dss/tools/codegen.py`` copies it as a
    recipe default ``{"kv": {}}``). A listing and a read bring it; the provider neither
    manages nor drops it."""
    created = handler.create(address(MANAGED), MANAGED)
    dataset = handler._conn.client.get_project("SALES").get_dataset("PREPARED")
    settings = dataset.get_settings()
    assert settings.get_raw()["customMeta"] == {"kv": {}}
    settings.get_raw()["customMeta"] = {"kv": {"steward": "ops"}}
    settings.save()
    listed = dict(handler.list({"project_key": "SALES"}))
    assert diff_attributes(MANAGED, listed[address(MANAGED)].attributes, handler.schema) == []
    handler.update(address(MANAGED), created, {**MANAGED, "description": "v2"})
    assert dataset.get_metadata()["custom"] == {"kv": {"steward": "ops"}}
    items = handler._conn.client.get_project("SALES").list_datasets()
    assert [item["customMeta"] for item in items] == [{"kv": {"steward": "ops"}}]
