"""A stack in Laktory 0.13's format using what Laktory's own tests/data/stack.yaml uses
(an orchestrated pipeline with its own variables and resource_options.name, lookup_existing
references, a disabled entry, environment overrides) plus expressions, name_prefix and
Terraform block spellings: it translates like Laktory and applies on the emulator.

Laktory's counts (``to_terraform(env_name=E)`` of laktory 0.13.1, 2026-12-03, with
``SHARED_WAREHOUSE_ID`` set) are the same for ``dev`` and ``prd``: the two lookups are
Terraform data sources there and read-only references here.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from databricks.sdk.service import workspace as ws

from data_iac.emulator import Emulator
from data_iac.operations.loading import load_config
from tests.cli.iac_process import iac
from tests.shared_emulator import sdk_client

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "laktory_features"
LAKTORY_TERRAFORM = {
    "databricks_job": 1,
    "databricks_permissions": 4,
    "databricks_pipeline": 1,
    "databricks_secret": 1,
    "databricks_secret_scope": 1,
    "databricks_workspace_file": 1,
}


def _load(env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict]:
    monkeypatch.chdir(tmp_path)
    environ = {"SHARED_WAREHOUSE_ID": "wh-123"}
    loaded = load_config(FIXTURE / "stack.yaml", env, environ=environ)
    return {str(a): dict(r.spec) for a, r in loaded.desired.resources.items()}


@pytest.mark.parametrize("env", ["dev", "prd"])
def test_it_makes_the_resources_laktory_makes(
    env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = _load(env, tmp_path, monkeypatch)
    assert Counter(address.split(".")[0] for address in specs) == LAKTORY_TERRAFORM


def test_variables_expressions_and_references_resolve_like_laktory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev, prd = (_load(env, tmp_path, monkeypatch) for env in ("dev", "prd"))
    # name_prefix from an expression; an expression giving an int
    assert dev["databricks_job.job-refresh"]["name"] == "[dev] refresh"
    assert prd["databricks_job.job-refresh"]["name"] == "refresh"
    assert dev["databricks_job.job-refresh"]["max_concurrent_runs"] == 1
    assert prd["databricks_job.job-refresh"]["max_concurrent_runs"] == 2
    run, report = dev["databricks_job.job-refresh"]["tasks"]  # Terraform's `task` blocks
    assert run["pipeline_task"]["pipeline_id"] == "${ref:databricks_pipeline.pl-prices#id}"
    assert report["notebook_task"]["notebook_path"] == "/Shared/external"  # a lookup's path
    pipeline = prd["databricks_pipeline.pl-prices"]
    assert pipeline["name"] == "pl-prices-prd"  # the pipeline's own variables
    assert pipeline["configuration"]["team"] == "data-PRD"  # resources.variables + ${{ }}
    assert pipeline["development"] is False
    assert pipeline["libraries"] == [{"notebook": {"path": "/Shared/external"}}]
    assert prd["databricks_secret.scope-app.env"]["string_value"] == "prd"  # ${vars.Env}
    assert dev["databricks_permissions.warehouse-external"]["object_id"] == "wh-123"
    assert "databricks_job.job-off" not in dev


@pytest.mark.slow
def test_it_applies_on_the_emulator_and_plans_empty(tmp_path: Path) -> None:
    root = tmp_path / "stack"
    shutil.copytree(FIXTURE, root)
    with Emulator(data_dir=root / ".iac" / "emulator") as emu:  # what the lookups find
        w = sdk_client(emu, "dapi-test")
        warehouse = w.warehouses.create(name="shared", cluster_size="2X-Small").id
        w.workspace.import_(
            "/Shared/external", content="cHJpbnQoMSk=", format=ws.ImportFormat.SOURCE,
            language=ws.Language.PYTHON,
        )  # fmt: skip
    env = {"SHARED_WAREHOUSE_ID": str(warehouse)}
    common = ("-c", "stack.yaml", "-e", "prd", "--emulator")
    planned = iac(root, "plan", *common, extra_env=env)
    assert planned.returncode == 2, planned.stdout + planned.stderr
    assert f"Plan: {sum(LAKTORY_TERRAFORM.values())} to add" in planned.stdout
    applied = iac(root, "apply", *common, "--auto-approve", extra_env=env)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    again = iac(root, "plan", *common, extra_env=env)
    assert again.returncode == 0 and "No changes." in again.stdout, again.stdout + again.stderr
