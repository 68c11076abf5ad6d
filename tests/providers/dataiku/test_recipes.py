"""dataiku_recipe through the real DSSClient against the in-process emulator."""

from __future__ import annotations

import json
from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku.recipes import RecipeHandler, flat_refs, payload_text, to_observed
from data_iac.providers.registry import make_handlers

PYTHON: dict[str, Any] = {
    "project_key": "SALES",
    "name": "prep_customers",
    "type": "python",
    "inputs": ["RAW"],
    "outputs": ["PREPARED"],
    "code": "import dataiku\nprint('hello')\n",
}
GROUPING: dict[str, Any] = {
    "project_key": "SALES",
    "name": "compute_totals",
    "type": "grouping",
    "inputs": ["PREPARED"],
    "outputs": ["TOTALS"],
    "params": {"engineParams": {"hive": {"skipPrerunValidate": True}}},
    "code": json.dumps({"keys": [{"column": "city"}], "values": []}),
}


def dataset(name: str) -> dict[str, Any]:
    return {"project_key": "SALES", "name": name, "type": "Filesystem", "managed": True}


@pytest.fixture
def handler(dss_settings: dict[str, Any]) -> RecipeHandler:
    handlers = make_handlers("dataiku", dss_settings)
    handlers["dataiku_project"].create(Address("dataiku_project", "SALES"), {
        "project_key": "SALES", "name": "Sales"})  # fmt: skip
    for name in ("RAW", "PREPARED", "TOTALS"):
        handlers["dataiku_dataset"].create(
            Address("dataiku_dataset", f"SALES.{name}"), dataset(name)
        )
    recipes = handlers["dataiku_recipe"]
    assert isinstance(recipes, RecipeHandler)
    return recipes


def address(spec: dict[str, Any]) -> Address:
    return Address("dataiku_recipe", f"SALES.{spec['name']}")


@pytest.mark.parametrize("spec", [PYTHON, GROUPING], ids=["python", "grouping"])
def test_create_then_read_is_idempotent(handler: RecipeHandler, spec: dict[str, Any]) -> None:
    created = handler.create(address(spec), spec)
    read = handler.read(address(spec), created.remote_id)
    assert read is not None
    assert diff_attributes(spec, read.attributes, handler.schema) == []


def test_update_code_inputs_and_params(handler: RecipeHandler) -> None:
    observed = handler.create(address(PYTHON), PYTHON)
    changed = {**PYTHON, "inputs": ["RAW", "TOTALS"], "code": "# v2\n", "params": {"x": 1}}
    updated = handler.update(address(PYTHON), observed, changed)
    assert diff_attributes(changed, updated.attributes, handler.schema) == []
    assert int(updated.version or 0) > int(observed.version or 0)


def test_managed_folder_refs_read_back_by_name(handler: RecipeHandler) -> None:
    project = handler._conn.client.get_project("SALES")
    project.create_managed_folder("models")
    spec = {**PYTHON, "outputs": ["PREPARED", "models"]}
    observed = handler.create(address(spec), spec)
    assert observed.attributes["outputs"] == ["PREPARED", "models"]
    raw = project.get_recipe("prep_customers").get_settings().data["recipe"]
    assert "models" not in flat_refs(raw["outputs"])  # DSS holds the folder's id


def test_delete_then_read_is_none_and_list(handler: RecipeHandler) -> None:
    first = handler.create(address(PYTHON), PYTHON)
    handler.create(address(GROUPING), GROUPING)
    assert sorted(a.key for a, _ in handler.list({"project_key": "SALES"})) == [
        "SALES.compute_totals", "SALES.prep_customers"]  # fmt: skip
    handler.delete(address(PYTHON), first)
    assert handler.read(address(PYTHON), first.remote_id) is None
    handler.delete(address(PYTHON), first)


def test_deleting_an_input_dataset_removes_the_recipe(handler: RecipeHandler) -> None:
    observed = handler.create(address(PYTHON), PYTHON)
    handler._conn.client.get_project("SALES").get_dataset("RAW").delete()
    assert handler.read(address(PYTHON), observed.remote_id) is None


# The PUT body recorded in reference/wire/dku_wire.txt (recipe.get_settings+save).
RECORDED = {
    "recipe": {"name": "compute_ds2", "projectKey": "DEMO", "type": "python",
               "inputs": {"main": {"items": [{"ref": "ds1", "deps": []}]}},
               "outputs": {"main": {"items": [{"ref": "ds2", "appendMode": False}]}},
               "params": {}},
    "payload": "# code2",
}  # fmt: skip


def test_normaliser_on_recorded_json() -> None:
    assert to_observed(RECORDED["recipe"], RECORDED["payload"]) == {
        "project_key": "DEMO",
        "name": "compute_ds2",
        "type": "python",
        "inputs": ["ds1"],
        "outputs": ["ds2"],
        "description": "",
        "params": {},
        "code": "# code2",
        "settings": {},
        "code_env": None,
        "zone": None,
    }


def test_normaliser_translates_folder_ids_and_flattens_roles() -> None:
    recipe = {
        **RECORDED["recipe"],
        "outputs": {"main": {"items": [{"ref": "ds2"}]}, "extra": {"items": [{"ref": "AbCdEf12"}]}},
    }
    observed = to_observed(recipe, None, {"AbCdEf12": "models"})
    assert observed["outputs"] == ["ds2", "models"]
    assert observed["code"] == ""


def test_payload_text_encodes_mappings_as_json() -> None:
    assert payload_text({"steps": []}) == '{"steps": []}'
    assert payload_text("print(1)") == "print(1)"
