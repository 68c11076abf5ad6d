"""`iac validate` imports only what the config in hand needs: a Dataiku project never
imports the stack's models, the Databricks kind records or the pipeline runner, and a stack
without pipelines never imports the pipeline modules (docs/performance.md, CLI start-up).

Each case runs the CLI in a fresh interpreter and lists the modules it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from data_iac.cli.main import main
try:
    main(["validate", "-c", sys.argv[1]])
except SystemExit as done:
    assert done.code == 0, done.code
print(json.dumps(sorted(sys.modules)))
"""

PROJECT = """\
version: "1.0"
project: {key: SMALL, name: Small}
datasets:
  - {name: a, type: managed, format_type: parquet}
  - {name: b, type: managed, format_type: parquet}
recipes:
  - {name: r, type: python, inputs: [a], outputs: [b], code: "import dataiku"}
"""

STACK = """\
name: small
resources:
  catalogs:
    dev: {name: dev, schemas: [{name: raw}]}
  jobs:
    job-a:
      name: job-a
      tasks: [{task_key: main, notebook_task: {notebook_path: /Shared/main}}]
"""

# The stack's pipeline-deployer protocol (two dataclasses and a Protocol) is the one part of
# the stack package the config layer always imports.
SHARED = {"data_iac.config.stack", "data_iac.config.stack.deployer"}

NEVER_FOR_VALIDATE = (
    "data_iac.apply.engine",
    "data_iac.emulator",
    "data_iac.pipelines.runner",
    "data_iac.pipelines.engines",
    "databricks.sdk",
    "dataikuapi",
    "boto3",
    "polars",
)


def imported(config: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, config.name],
        cwd=config.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_validate_of_a_dataiku_project_imports_nothing_of_databricks(tmp_path: Path) -> None:
    config = tmp_path / "project.yml"
    config.write_text(PROJECT)
    modules = imported(config) - SHARED
    assert "data_iac.config.dataiku.document" in modules  # the probe did validate it
    unexpected = {
        m
        for m in modules
        if m.startswith(
            ("data_iac.config.stack", "data_iac.kinds.databricks", "data_iac.pipelines")
        )
        or m.startswith(NEVER_FOR_VALIDATE)
    }
    assert not unexpected


def test_validate_of_a_stack_without_pipelines_imports_no_pipeline_module(
    tmp_path: Path,
) -> None:
    config = tmp_path / "stack.yaml"
    config.write_text(STACK)
    modules = imported(config)
    assert "data_iac.config.stack.document" in modules
    unexpected = {
        m
        for m in modules
        if m.startswith(("data_iac.config.dataiku", "data_iac.kinds.dataiku", "data_iac.pipelines"))
        or m.startswith(NEVER_FOR_VALIDATE)
    }
    assert not unexpected
