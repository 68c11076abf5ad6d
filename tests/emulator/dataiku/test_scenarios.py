"""DSS scenario routes, driven through dataikuapi's own methods."""

from __future__ import annotations

from typing import Any

import pytest
from dataikuapi.utils import DataikuException

from data_iac.emulator.dataiku.scenarios import scenario_id_for


def test_step_based_create_settings_and_list(project: Any) -> None:
    scenario = project.create_scenario("my scenario", "step_based")
    assert scenario.id == "MYSCENARIO"
    settings = scenario.get_settings()
    settings.active = True
    settings.raw_steps.append({"type": "build_flowitem", "name": "b"})
    settings.save()
    data = scenario.get_settings().data
    assert data["active"] is True and data["params"]["steps"] == [
        {"type": "build_flowitem", "name": "b"}
    ]
    assert data["versionTag"]["versionNumber"] == 1
    assert [s["id"] for s in project.list_scenarios()] == ["MYSCENARIO"]
    assert scenario.get_status().running is False


def test_custom_python_payload_round_trip(project: Any) -> None:
    scenario = project.create_scenario("py", "custom_python")
    settings = scenario.get_settings()
    settings.code = "print('hi')"
    settings.save()
    assert scenario.get_settings().code == "print('hi')"


def test_duplicate_id_and_delete(project: Any) -> None:
    scenario = project.create_scenario("nightly", "step_based")
    with pytest.raises(DataikuException, match="already exists"):
        project.create_scenario("Nightly", "step_based")
    scenario.delete()
    with pytest.raises(DataikuException, match="NotFoundException"):
        scenario.get_settings()


def test_scenario_ids_derive_from_names() -> None:
    assert scenario_id_for("my scenario") == "MYSCENARIO"
    assert scenario_id_for("build-all_2") == "BUILDALL_2"
    assert scenario_id_for("!!!") == "SCENARIO"
