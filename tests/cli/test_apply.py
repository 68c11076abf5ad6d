"""``iac apply`` against the in-process emulator: rollback by default, --no-rollback keeps
partial progress, --json prints one event per action and the result last."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_iac.emulator.server import Emulator
from tests.apply.crash_support import (
    child_env,
    dss_inventory,
    run_iac,
    state_ids,
    write_dss_config,
)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


@pytest.fixture
def config(emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    emu.reset()
    for name, value in child_env(emu).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    yield str(write_dss_config(tmp_path, ["a", "b", "c"]))
    emu.faults.clear()


def _fail_dataset_b(emu: Emulator) -> None:
    emu.faults.add(
        method="POST",
        path="/dip/publicapi/projects/CRASHY/datasets/managed",
        status=400,
        offset=1,
        count=1,
    )


def test_a_failure_rolls_back_by_default(emu: Emulator, config: str) -> None:
    _fail_dataset_b(emu)
    code, output = run_iac(["apply", "-c", config, "--auto-approve", "--parallelism", "1"])
    assert code == 1, output
    assert "rolling back" in output and "Rollback complete" in output
    assert "rolled back" in output
    assert dss_inventory(emu) == {}
    assert state_ids(Path.cwd()) == {}


def test_no_rollback_keeps_partial_progress(emu: Emulator, config: str) -> None:
    _fail_dataset_b(emu)
    code, output = run_iac(
        ["apply", "-c", config, "--auto-approve", "--parallelism", "1", "--no-rollback"]
    )
    assert code == 1 and "rolling back" not in output
    kept = dss_inventory(emu)
    assert kept == {"CRASHY": ["a", "c"]}
    # the project, its variables document (a kind of its own) and two datasets
    assert sorted(state_ids(Path.cwd()).values()) == ["CRASHY", "CRASHY", "CRASHY.a", "CRASHY.c"]
    emu.faults.clear()
    assert run_iac(["apply", "-c", config, "--auto-approve"])[0] == 0


def test_json_mode_prints_events_then_the_result(emu: Emulator, config: str) -> None:
    _fail_dataset_b(emu)
    code, output = run_iac(
        ["apply", "-c", config, "--auto-approve", "--json", "--parallelism", "1"]
    )
    assert code == 1
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    events = [line.get("event") for line in lines]
    assert events[0] == "apply_start" and "rollback_start" in events
    result = lines[-1]
    assert result["rollback"]["ok"] is True
    statuses = {o["address"]: o["status"] for o in result["outcomes"]}
    assert statuses["dataiku_dataset.CRASHY.b"] == "failed"
    assert statuses["dataiku_project.CRASHY"] == "rolled back"
    assert all("duration_s" in o for o in result["outcomes"])
