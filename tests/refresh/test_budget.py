"""The API-call budget of a refresh, measured with the emulator's request log: a no-op
plan over 500 DSS datasets and 500 Databricks jobs, at the emulator's default page size of
100, issues at most 30 read requests (one GET per object would be 1,000+)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.refresh.support import (
    API_KEY,
    databricks_yml,
    dss_client,
    providers_yml,
    run_iac,
    run_json,
    workspace_client,
)

COUNT = 500
BUDGET = 30


def _make_objects(emulator: Emulator) -> None:
    from databricks.sdk.service.jobs import NotebookTask, Task

    project = dss_client(emulator).create_project("BIG", "Big", "admin")
    for n in range(COUNT):
        project.create_dataset(
            f"DS_{n:04d}", "PostgreSQL", params={"connection": "pg", "table": f"t{n}"}
        )
    w = workspace_client(emulator)
    task = Task(task_key="main", notebook_task=NotebookTask(notebook_path="/Shared/main"))
    for n in range(COUNT):
        w.jobs.create(name=f"job-{n:04d}", tasks=[task])


@pytest.fixture
def adopted(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """1,000 live objects, generated into a config and imported into its state."""
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DKU_DSS_URL", emulator.url)
    monkeypatch.setenv("DKU_API_KEY", API_KEY)
    _make_objects(emulator)
    config = tmp_path / "config"
    config.mkdir()
    (config / "providers.yml").write_text(
        "name: big\n"
        + providers_yml(emulator.url)
        + databricks_yml(emulator.url).removeprefix("providers:\n")
    )
    for args in (
        ("--project", "BIG", "-o", str(config / "project.yml")),
        ("--kind", "job", "-o", str(config / "jobs" / "stack.yaml")),
    ):
        code, _, output = run_iac("generate", *args, "-c", str(config), "--import")
        assert code == 0, output
    return config


def test_noop_plan_over_1000_objects_stays_within_the_read_budget(
    adopted: Path, emulator: Emulator
) -> None:
    emulator.clear_requests()
    code, plan = run_json("plan", "-c", str(adopted))
    assert (code, plan["changes"]) == (0, [])
    reads = [r for r in emulator.request_log() if r.method == "GET"]
    assert len(reads) <= BUDGET, sorted({r.path for r in reads})
    assert not [r for r in emulator.request_log() if r.mutating]
