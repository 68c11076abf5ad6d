"""``iac migrate terraform`` and ``iac export terraform`` end to end, through the CLI, against
a served emulator whose request log shows that migration writes nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.cli.iac_process import iac
from tests.migrate.terraform_of import terraform_state_of

LAKEHOUSE = Path(__file__).parents[2] / "examples" / "databricks" / "lakehouse"
SECRET = "dev-not-a-real-token"  # the example's INGEST_API_TOKEN


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Emulator, dict[str, str]]]:
    project = tmp_path / "lakehouse"
    shutil.copytree(LAKEHOUSE, project)
    with Emulator(data_dir=tmp_path / "emulator") as emu:
        env = {"DATABRICKS_HOST": emu.url, "DATABRICKS_TOKEN": "dapi-migrate-test"}
        yield project, emu, env


def _run(project: Path, env: dict[str, str], *args: str, codes: tuple[int, ...] = (0,)) -> str:
    done = iac(project, *args, extra_env=env)
    assert done.returncode in codes, done.stdout + done.stderr
    return done.stdout


def test_migrate_writes_nothing_then_plans_empty_and_exports_the_same_ids(
    served: tuple[Path, Emulator, dict[str, str]],
) -> None:
    project, emu, env = served
    _run(project, env, "apply", "-c", ".", "-e", "dev", "--auto-approve")
    ours_path = project / ".iac" / "state" / "lakehouse" / "dev.json"
    ours = json.loads(ours_path.read_text())["resources"]
    tfstate = terraform_state_of(ours, {"databricks_secret.scope-ingest.api-token": SECRET})
    (project / "terraform.tfstate").write_text(json.dumps(tfstate))
    for leftover in ours_path.parent.iterdir():
        leftover.unlink()
    emu.clear_requests()

    dry = json.loads(
        _run(
            project,
            env,
            "migrate",
            "terraform",
            "-c",
            ".",
            "-e",
            "dev",
            "--from",
            "terraform.tfstate",
            "--dry-run",
            "--json",
        )
    )
    assert len(dry["adopted"]) == len(ours)
    assert not ours_path.exists()
    assert emu.request_log() == []

    _run(
        project, env, "migrate", "terraform", "-c", ".", "-e", "dev", "--from", "terraform.tfstate"
    )
    writes = [r for r in emu.request_log() if r.mutating]
    assert writes == []
    migrated = json.loads(ours_path.read_text())
    assert set(migrated["resources"]) == set(ours)
    assert SECRET not in ours_path.read_text()

    out = _run(project, env, "plan", "-c", ".", "-e", "dev")
    assert "No changes." in out

    _run(project, env, "export", "terraform", "-c", ".", "-e", "dev", "-o", "tf")
    exported = json.loads((project / "tf" / "main.tf.json").read_text())
    assert SECRET not in json.dumps(exported)
    original = {(r["type"], r["instances"][0]["attributes"]["id"]) for r in tfstate["resources"]}
    imports = {(block["to"].split(".")[0], block["id"]) for block in exported["import"]}
    assert imports == original


def test_resources_terraform_does_not_manage_are_listed_as_creates(
    served: tuple[Path, Emulator, dict[str, str]],
) -> None:
    project, _emu, env = served
    empty = {"version": 4, "serial": 1, "lineage": "x", "resources": []}
    (project / "empty.tfstate").write_text(json.dumps(empty))
    report = json.loads(
        _run(
            project,
            env,
            "migrate",
            "terraform",
            "-c",
            ".",
            "-e",
            "dev",
            "--from",
            "empty.tfstate",
            "--json",
        )
    )
    assert report["adopted"] == []
    assert "databricks_catalog.cat-lakehouse" in report["creates"]
