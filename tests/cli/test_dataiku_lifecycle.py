"""The foundation's "done when", through the real ``iac`` command in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.iac_process import iac

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def plan_json(cwd: Path, config: str) -> dict:
    done = iac(cwd, "plan", "-c", config, "--emulator", "--json")
    assert done.returncode in (0, 2), done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def quickstart(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "quickstart", tmp_path / "quickstart")
    return tmp_path


@pytest.mark.parametrize(
    "example", ["quickstart", "dataiku/customer_analytics", "dataiku/ml_pipeline"]
)
def test_plan_apply_plan_ends_with_no_changes(tmp_path: Path, example: str):
    shutil.copytree(EXAMPLES / example, tmp_path / "cfg")
    first = iac(tmp_path, "plan", "-c", "cfg", "--emulator")
    assert first.returncode == 2, first.stderr
    assert "to add" in first.stdout
    applied = iac(tmp_path, "apply", "-c", "cfg", "--emulator", "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "Apply complete!" in applied.stdout
    again = iac(tmp_path, "plan", "-c", "cfg", "--emulator")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "No changes." in again.stdout


def test_editing_one_dataset_field_plans_exactly_one_update(quickstart: Path):
    assert (
        iac(quickstart, "apply", "-c", "quickstart", "--emulator", "--auto-approve").returncode == 0
    )
    project = quickstart / "quickstart" / "project.yml"
    project.write_text(project.read_text().replace("format_type: csv", "format_type: json", 1))
    plan = plan_json(quickstart, "quickstart")
    assert plan["summary"] == {"create": 0, "update": 1, "replace": 0, "delete": 0}
    (change,) = plan["changes"]
    assert change["address"] == "dataiku_dataset.QUICKSTART.RAW_ORDERS"
    assert change["reasons"] == ["format_type"]


def test_removing_the_project_plans_deletes_with_the_project_last(quickstart: Path):
    assert (
        iac(quickstart, "apply", "-c", "quickstart", "--emulator", "--auto-approve").returncode == 0
    )
    (quickstart / "quickstart" / "project.yml").write_text("variables: {}\n")
    # The config keeps its name (the directory), so it still owns the same state.
    plan = plan_json(quickstart, "quickstart")
    actions = [(c["address"], c["action"]) for c in plan["changes"]]
    assert {a for _, a in actions} == {"delete"}
    assert actions[-1] == ("dataiku_project.QUICKSTART", "delete")
    assert len(actions) == 9  # the variables document is a kind of its own


def test_destroy_removes_everything_and_a_new_plan_recreates(quickstart: Path):
    assert (
        iac(quickstart, "apply", "-c", "quickstart", "--emulator", "--auto-approve").returncode == 0
    )
    done = iac(quickstart, "destroy", "-c", "quickstart", "--emulator", "--auto-approve")
    assert done.returncode == 0, done.stderr
    assert "Destroy complete! Resources: 9 destroyed." in done.stdout
    assert plan_json(quickstart, "quickstart")["summary"]["create"] == 9


def test_apply_without_terminal_or_auto_approve_is_refused(quickstart: Path):
    done = iac(quickstart, "apply", "-c", "quickstart", "--emulator", stdin="yes\n")
    assert done.returncode == 1
    assert "--auto-approve" in done.stderr
    assert plan_json(quickstart, "quickstart")["summary"]["create"] == 9  # nothing was done


def test_held_lock_fails_with_the_holders_info(quickstart: Path):
    lock_dir = quickstart / ".iac" / "emulator" / "state" / "quickstart"
    lock_dir.mkdir(parents=True)
    holder = {
        "id": "abc123",
        "operation": "apply",
        "who": "ci@runner-7",
        "pid": 4242,
        "created": "2099-01-01T00:00:00+00:00",
        "expires": "2099-01-01T01:00:00+00:00",
        "path": "",
    }
    (lock_dir / "default.json.lock").write_text(json.dumps(holder))
    done = iac(quickstart, "apply", "-c", "quickstart", "--emulator", "--auto-approve")
    assert done.returncode == 1
    assert "ci@runner-7" in done.stderr
    # The hint works as printed: it names the same config and state.
    assert "`iac state unlock -c quickstart --emulator abc123`" in done.stderr
    assert "Traceback" not in done.stderr


def test_five_mistakes_give_five_located_errors(tmp_path: Path):
    (tmp_path / "project.yml").write_text(
        'version: "1.0"\n'
        "project:\n  key: customer_analytics\n  name: Bad\n"
        "datasets:\n  - name: RAW\n    type: managed\n    fromat_type: csv\n"
        "  - name: RAW\n    type: managed\n"
        "recipes:\n  - name: prep\n    type: python\n    inputs: [MISSING]\n"
        "    outputs: [RAW]\n    zone: nowhere\n"
    )
    done = iac(tmp_path, "validate", "-c", "project.yml")
    assert done.returncode == 1
    assert done.stderr.count("--> project.yml:") == 5
    assert "5 problems" in done.stderr and "Traceback" not in done.stderr
    assert "did you mean 'format_type'" in done.stderr


def test_bad_yaml_is_located_and_writes_no_state(tmp_path: Path):
    (tmp_path / "project.yml").write_text("project:\n  key: A\n  key: B\n")
    done = iac(tmp_path, "apply", "-c", "project.yml", "--emulator", "--auto-approve")
    assert done.returncode == 1
    assert "project.yml:3" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / ".iac" / "emulator" / "state").exists()
