"""dataiku_scenario through the real DSSClient against the in-process emulator."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.diff.compare import diff_attributes
from data_iac.providers.dataiku.scenarios import ScenarioHandler, apply_spec, to_observed
from data_iac.providers.registry import make_handlers

STEPS: dict[str, Any] = {
    "project_key": "SALES",
    "name": "nightly build",
    "type": "step_based",
    "active": True,
    "triggers": [{"type": "temporal", "params": {"frequency": "Daily", "hour": 2}}],
    "steps": [{"type": "build_flowitem", "name": "build", "params": {"builds": []}}],
}
PYTHON: dict[str, Any] = {
    "project_key": "SALES",
    "name": "custom",
    "type": "custom_python",
    "active": False,
    "script": "from dataiku.scenario import Scenario\nScenario().build_dataset('X')\n",
}


@pytest.fixture
def handler(dss_settings: dict[str, Any]) -> ScenarioHandler:
    handlers = make_handlers("dataiku", dss_settings)
    handlers["dataiku_project"].create(Address("dataiku_project", "SALES"), {
        "project_key": "SALES", "name": "Sales"})  # fmt: skip
    scenarios = handlers["dataiku_scenario"]
    assert isinstance(scenarios, ScenarioHandler)
    return scenarios


def address(spec: dict[str, Any]) -> Address:
    return Address("dataiku_scenario", f"SALES.{spec['name']}")


@pytest.mark.parametrize("spec", [STEPS, PYTHON], ids=["step_based", "custom_python"])
def test_create_then_read_is_idempotent(handler: ScenarioHandler, spec: dict[str, Any]) -> None:
    created = handler.create(address(spec), spec)
    read = handler.read(address(spec), f"SALES.{spec['name']}")
    assert read is not None
    assert created.remote_id == read.remote_id == f"SALES.{spec['name']}"
    assert diff_attributes(spec, read.attributes, handler.schema) == []


def test_dss_derives_the_id_from_the_name(handler: ScenarioHandler) -> None:
    assert handler.create(address(STEPS), STEPS).attributes["id"] == "NIGHTLYBUILD"


def test_update_in_place(handler: ScenarioHandler) -> None:
    observed = handler.create(address(PYTHON), PYTHON)
    changed = {**PYTHON, "active": True, "script": "print('v2')\n"}
    updated = handler.update(address(PYTHON), observed, changed)
    assert diff_attributes(changed, updated.attributes, handler.schema) == []
    assert int(updated.version or 0) > int(observed.version or 0)


def test_delete_read_and_list(handler: ScenarioHandler) -> None:
    first = handler.create(address(STEPS), STEPS)
    handler.create(address(PYTHON), PYTHON)
    assert sorted(a.key for a, _ in handler.list({"project_key": "SALES"})) == [
        "SALES.custom", "SALES.nightly build"]  # fmt: skip
    handler.delete(address(STEPS), first)
    assert handler.read(address(STEPS), first.remote_id) is None
    handler.delete(address(STEPS), first)


def test_read_in_a_missing_project_is_none(handler: ScenarioHandler) -> None:
    assert handler.read(Address("dataiku_scenario", "NOPE.x"), "NOPE.x") is None


# The PUT body recorded in reference/wire/dku_wire.txt (scenario.get_settings+save).
RECORDED = {"id": "MYSCENARIO", "name": "my scenario", "projectKey": "DEMO",
            "type": "step_based", "active": True, "params": {"steps": []},
            "triggers": [], "reporters": []}  # fmt: skip


def test_normaliser_on_recorded_json() -> None:
    assert to_observed(RECORDED) == {
        "project_key": "DEMO", "name": "my scenario", "id": "MYSCENARIO",
        "type": "step_based", "active": True, "triggers": [], "steps": [],
    }  # fmt: skip
    python = {**RECORDED, "type": "custom_python", "params": {}}
    assert to_observed(python, "print(1)")["script"] == "print(1)"


def test_apply_spec_leaves_unmanaged_fields() -> None:
    data = {**RECORDED, "reporters": [{"type": "mail"}]}
    apply_spec(data, {"active": False, "steps": [{"type": "exec_sql"}]})
    assert data["active"] is False and data["params"]["steps"] == [{"type": "exec_sql"}]
    assert data["reporters"] == [{"type": "mail"}]
