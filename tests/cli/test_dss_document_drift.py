"""A DSS project's variables and permissions as kinds of their own, through the CLI and the
real DSSClient against the emulator.

Saving either document moves the project's ``versionTag`` (the emulator stamps every
project document it saves, emulator/dataiku/projects.py ``putter``), so these tests check
that the project's recorded marker is not left stale by its documents' writes: right
after apply nothing reads as changed, and a hand edit of a variable or a permission is
drift of that document only, never of the project."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from data_iac.emulator import Emulator
from data_iac.refresh.bulk import bulk_refresh
from tests.refresh.support import (
    PROJECT_YML,
    dss_client,
    providers_yml,
    read_requests,
    run_iac,
    run_json,
)
from tests.refresh.test_bulk import _dss_handlers, _state_of

PERMISSIONS = """\
  permissions:
    - {group: analysts, readProjectContent: true}
"""


@pytest.fixture
def documents_project(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DRIFTY with variables and one permission entry, applied; its config dir."""
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "config"
    config.mkdir()
    marker = "  variables: {threshold: 10}\n"
    assert marker in PROJECT_YML
    project_yml = PROJECT_YML.replace(marker, marker + PERMISSIONS)
    (config / "project.yml").write_text(project_yml + providers_yml(emulator.url))
    code, _, output = run_iac("apply", "-c", str(config), "--auto-approve")
    assert code == 0, output
    assert "dataiku_project_permissions.DRIFTY" in output
    return config


def test_apply_then_plan_is_empty_and_refresh_reads_nothing(
    documents_project: Path, emulator: Emulator
) -> None:
    code, plan = run_json("plan", "-c", str(documents_project))
    assert code == 0, plan
    state = _state_of(documents_project)
    live = dss_client(emulator).get_project("DRIFTY").get_summary()["versionTag"]
    versions = {
        str(a): e.version for a, e in state.resources.items() if a.key == "DRIFTY"
    }  # the project and both documents record the marker the last write left behind
    assert versions == {
        "dataiku_project.DRIFTY": str(live["versionNumber"]),
        "dataiku_project_variables.DRIFTY": str(live["versionNumber"]),
        "dataiku_project_permissions.DRIFTY": str(live["versionNumber"]),
    }
    emulator.clear_requests()
    result = bulk_refresh(state, _dss_handlers(emulator))
    assert result.reads == 0, read_requests(emulator)
    code, summary = run_json("refresh", "-c", str(documents_project))
    assert code == 0 and summary["changed"] == []


def test_a_variable_changed_by_hand_is_drift_of_the_variables_only(
    documents_project: Path, emulator: Emulator
) -> None:
    dss_client(emulator).get_project("DRIFTY").update_variables({"threshold": 99})
    code, report = run_json("drift", "-c", str(documents_project))
    assert code == 2
    [item] = report["drift"]
    assert item["address"] == "dataiku_project_variables.DRIFTY"
    assert item["fields"] == [{"path": "standard.threshold", "recorded": 10, "live": 99}]

    code, summary = run_json("refresh", "-c", str(documents_project))
    assert code == 0
    assert summary["changed"] == ["dataiku_project_variables.DRIFTY"]  # not the project
    code, plan = run_json("plan", "-c", str(documents_project))
    assert code == 2
    assert [c["address"] for c in plan["changes"]] == ["dataiku_project_variables.DRIFTY"]
    assert run_iac("apply", "-c", str(documents_project), "--auto-approve")[0] == 0
    assert dss_client(emulator).get_project("DRIFTY").get_variables()["standard"] == {
        "threshold": 10
    }
    assert run_json("plan", "-c", str(documents_project))[0] == 0


def test_a_permission_revoked_by_hand_is_drift_and_apply_restores_it(
    documents_project: Path, emulator: Emulator
) -> None:
    project = dss_client(emulator).get_project("DRIFTY")
    raw = project.get_permissions()
    raw["permissions"] = []
    project.set_permissions(raw)

    code, report = run_json("drift", "-c", str(documents_project))
    assert code == 2
    assert [i["address"] for i in report["drift"]] == ["dataiku_project_permissions.DRIFTY"]
    assert run_iac("apply", "-c", str(documents_project), "--auto-approve")[0] == 0
    [entry] = project.get_permissions()["permissions"]
    assert entry["group"] == "analysts" and entry["readProjectContent"] is True
    assert run_json("drift", "-c", str(documents_project))[0] == 0
    assert run_json("plan", "-c", str(documents_project))[0] == 0


def test_generate_writes_both_documents_back_into_the_project_entry(
    documents_project: Path,
) -> None:
    code, text, output = run_iac("generate", "-c", str(documents_project), "--project", "DRIFTY")
    assert code == 0, output
    project = yaml.safe_load(text)["project"]
    assert project["variables"] == {"threshold": 10}
    assert project["permissions"] == [{"group": "analysts", "readProjectContent": True}]


def test_a_state_that_recorded_them_in_the_project_plans_the_documents_once(
    documents_project: Path,
) -> None:
    """An older state had no document entries (they were fields of dataiku_project): the
    plan adds them, the apply writes the values already there, and then nothing is left."""
    for address in ("dataiku_project_variables.DRIFTY", "dataiku_project_permissions.DRIFTY"):
        assert run_iac("state", "rm", "-c", str(documents_project), address)[0] == 0
    code, plan = run_json("plan", "-c", str(documents_project))
    assert code == 2
    assert {(c["address"], c["action"]) for c in plan["changes"]} == {
        ("dataiku_project_variables.DRIFTY", "create"),
        ("dataiku_project_permissions.DRIFTY", "create"),
    }
    assert run_iac("apply", "-c", str(documents_project), "--auto-approve")[0] == 0
    assert run_json("plan", "-c", str(documents_project))[0] == 0
