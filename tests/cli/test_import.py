"""``iac import ADDRESS ID`` against DSS on the emulator: adopt objects made with the real
DSSClient, after which a plan shows only the real differences with the config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from data_iac.emulator.databricks.common import DEFAULT_USER
from tests.refresh.support import (
    PROJECT_YML,
    databricks_yml,
    dss_client,
    providers_yml,
    run_iac,
    run_json,
    workspace_client,
)

IMPORTS = [
    ("dataiku_project.DRIFTY", "DRIFTY"),
    ("dataiku_project_variables.DRIFTY", "DRIFTY"),
    ("dataiku_zone.DRIFTY.curated", "DRIFTY.curated"),
    ("dataiku_dataset.DRIFTY.ORDERS", "DRIFTY.ORDERS"),
    ("dataiku_dataset.DRIFTY.CLEAN", "DRIFTY.CLEAN"),
    ("dataiku_managed_folder.DRIFTY.reports", "DRIFTY.reports"),
    ("dataiku_recipe.DRIFTY.clean", "DRIFTY.clean"),
    ("dataiku_scenario.DRIFTY.nightly", "DRIFTY.nightly"),
]


@pytest.fixture
def made_by_hand(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The DRIFTY objects exist (applied from another directory, whose state is then
    dropped); returns a config dir declaring them, with an empty state."""
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "project.yml").write_text(PROJECT_YML + providers_yml(emulator.url))
    assert run_iac("apply", "-c", str(other), "--auto-approve")[0] == 0
    for state in (tmp_path / ".iac" / "state").rglob("*.json"):
        state.unlink()
    return other


def test_import_every_kind_then_plan_is_empty(made_by_hand: Path) -> None:
    code, plan = run_json("plan", "-c", str(made_by_hand))
    assert code == 2 and plan["summary"]["create"] == len(IMPORTS)
    for address, remote_id in IMPORTS:
        code, done = run_json("import", "-c", str(made_by_hand), address, remote_id)
        assert code == 0, done
        assert done["address"] == address
    code, plan = run_json("plan", "-c", str(made_by_hand))
    assert (code, plan["changes"]) == (0, [])


def test_import_then_plan_shows_only_real_differences(
    made_by_hand: Path, emulator: Emulator
) -> None:
    settings = dss_client(emulator).get_project("DRIFTY").get_dataset("ORDERS").get_settings()
    settings.get_raw()["description"] = "hand-written"
    settings.get_raw()["params"]["table"] = "orders_old"
    settings.save()
    for address, remote_id in IMPORTS:
        assert run_iac("import", "-c", str(made_by_hand), address, remote_id)[0] == 0
    code, plan = run_json("plan", "-c", str(made_by_hand))
    assert code == 2
    [change] = plan["changes"]
    assert change["address"] == "dataiku_dataset.DRIFTY.ORDERS"
    assert change["action"] == "update"
    assert change["before"]["params"]["table"] == "orders_old"


def test_import_refuses_a_missing_object_and_a_managed_address(made_by_hand: Path) -> None:
    code, _, output = run_iac(
        "import", "-c", str(made_by_hand), "dataiku_dataset.DRIFTY.NOPE", "DRIFTY.NOPE"
    )
    assert code == 1 and "no dataiku_dataset with id 'DRIFTY.NOPE'" in output
    assert run_iac("import", "-c", str(made_by_hand), *IMPORTS[0])[0] == 0
    code, _, output = run_iac("import", "-c", str(made_by_hand), *IMPORTS[0])
    assert code == 1 and "already managed" in output
    code, _, output = run_iac("import", "-c", str(made_by_hand), "not-an-address", "X")
    assert code == 1


DBX_STACK = """\
name: jobs
resources:
  jobs:
    nightly:
      name: nightly-etl
      tasks:
        - task_key: ingest
          notebook_task: {notebook_path: /Shared/ingest}
      access_controls:
        - group_name: data-eng
          permission_level: CAN_MANAGE_RUN
"""


def test_import_a_job_and_its_permissions(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from databricks.sdk.service.iam import AccessControlRequest, PermissionLevel
    from databricks.sdk.service.jobs import NotebookTask, Task

    monkeypatch.chdir(tmp_path)
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    w = workspace_client(emulator)
    w.groups.create(display_name="data-eng")
    task = Task(task_key="ingest", notebook_task=NotebookTask(notebook_path="/Shared/ingest"))
    job_id = w.jobs.create(name="nightly-etl", tasks=[task]).job_id
    acl = [  # a job's ACL holds exactly one owner, or the service refuses it
        AccessControlRequest(
            group_name="data-eng", permission_level=PermissionLevel.CAN_MANAGE_RUN
        ),
        AccessControlRequest(user_name=DEFAULT_USER, permission_level=PermissionLevel.IS_OWNER),
    ]
    w.permissions.set("jobs", str(job_id), access_control_list=acl)
    (tmp_path / "stack.yaml").write_text(DBX_STACK + databricks_yml(emulator.url))

    assert run_json("import", "-c", "stack.yaml", "databricks_job.nightly", str(job_id))[0] == 0
    code, done = run_json(
        "import", "-c", "stack.yaml", "databricks_permissions.nightly", f"jobs/{job_id}"
    )
    assert code == 0, done
    code, plan = run_json("plan", "-c", "stack.yaml")
    assert (code, plan["changes"]) == (0, [])
