"""Data pipelines with an ``orchestrator`` deploy on Databricks (the emulator), through the
real ``iac`` command: a job with a task per node, and a DLT pipeline with its notebook."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

from tests.cli.dbx_lifecycle_support import (
    FIXTURES,
    actions,
    apply,
    assert_no_changes,
    edit,
    iac,
    plan,
    workspace,
)


def _deployed(tmp_path: Path) -> Path:
    config = tmp_path / "cfg"
    shutil.copytree(FIXTURES / "pipeline_deploy", config)
    apply(tmp_path, "cfg")
    return config


def test_pipelines_deploy_as_a_job_and_as_dlt_and_plan_empty(tmp_path: Path) -> None:
    _deployed(tmp_path)
    assert_no_changes(tmp_path, "cfg")
    with workspace(tmp_path) as w:
        [job] = [j for j in w.jobs.list(expand_tasks=True)]
        tasks = {t.task_key: t for t in w.jobs.get(job.job_id).settings.tasks}
        assert set(tasks) == {"brz", "slv", "gld"}
        assert [d.task_key for d in tasks["gld"].depends_on] == ["slv"]
        assert tasks["brz"].depends_on in (None, [])
        runner = tasks["gld"].notebook_task
        assert runner.notebook_path == "/.laktory/pipelines/stock_prices_job_runner"
        assert runner.base_parameters["node_name"] == "gld"
        exported = w.workspace.export(runner.base_parameters["pipeline_file"])
        deployed = json.loads(base64.b64decode(exported.content))
        assert [node["name"] for node in deployed["nodes"]] == ["brz", "slv", "gld"]

        [status] = list(w.pipelines.list_pipelines())
        spec = w.pipelines.get(status.pipeline_id).spec
        assert (spec.name, spec.catalog, spec.target) == ("stock_prices_dlt", "dev", "finance")
        [library] = spec.libraries
        notebook = w.workspace.export(library.notebook.path)
        assert b"@dlt.table(name='slv'" in base64.b64decode(notebook.content)


def test_editing_a_node_updates_the_generated_files_then_plans_empty(tmp_path: Path) -> None:
    config = _deployed(tmp_path)
    edit(config / "stack.yaml", ("expr: close > 0, action: fail", "expr: close > 1, action: fail"))
    edit(config / "stack.yaml", ("func_args: [symbol, close]", "func_args: [symbol, close, open]"))
    assert actions(plan(tmp_path, "cfg")) == {
        "databricks_notebook.pl-dlt.dlt": "update",
        "databricks_workspace_file.pl-job.config": "update",
    }
    apply(tmp_path, "cfg")
    assert_no_changes(tmp_path, "cfg")


def test_removing_the_orchestrator_plans_the_deletes(tmp_path: Path) -> None:
    config = _deployed(tmp_path)
    edit(config / "stack.yaml", ("      orchestrator: {type: dlt, catalog: dev, target: finance, "
                                 "development: true}\n", ""))  # fmt: skip
    assert actions(plan(tmp_path, "cfg")) == {
        "databricks_notebook.pl-dlt.dlt": "delete",
        "databricks_pipeline.pl-dlt": "delete",
    }


def test_an_unknown_orchestrator_is_a_located_error(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    shutil.copytree(FIXTURES / "pipeline_deploy", config)
    edit(config / "stack.yaml", ("type: dlt", "type: airflow"))
    done = iac(tmp_path, "validate", "-c", "cfg")
    assert done.returncode == 1
    assert "unknown orchestrator 'airflow'" in done.stderr
    assert "stack.yaml:" in done.stderr
