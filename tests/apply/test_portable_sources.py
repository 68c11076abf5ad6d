"""Issue 14 item 8: notebook, workspace file and DBFS file sources are portable. State and
plans hold a source by its path relative to the stack file and compare content by hash, so
a checkout of the same project in another directory (a CI runner sharing the state) plans
no change, and a saved plan applies from any working directory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.apply.crash_support import run_iac

STACK = """\
name: portable
resources:
  notebooks:
    nb: {source: src/etl.py, path: /Shared/portable/etl}
  workspace_files:
    wf: {source: ../shared/conf.json, path: /Shared/portable/conf.json}
  dbfsfiles:
    df: {source: src/etl.py, path: /portable/etl.py}
"""


def _checkout(root: Path) -> Path:
    (root / "stack" / "src").mkdir(parents=True)
    (root / "shared").mkdir()
    (root / ".git").mkdir()  # the project root: the shared folder is inside it
    (root / "stack" / "stack.yaml").write_text(STACK)
    (root / "stack" / "src" / "etl.py").write_text("# Databricks notebook source\nprint(1)\n")
    (root / "shared" / "conf.json").write_text('{"a": 1}\n')
    return root / "stack"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_checkout_in_another_directory_sharing_the_state_plans_no_change(here: Path) -> None:
    first = _checkout(here / "checkout-a")
    code, output = run_iac(["apply", "-c", str(first), "--emulator", "--auto-approve"])
    assert code == 0, output
    state = json.loads((here / ".iac/emulator/state/portable/default.json").read_text())
    sources = {a: r["attributes"]["source"] for a, r in state["resources"].items()}
    assert sources == {
        "databricks_notebook.nb": "src/etl.py",
        "databricks_workspace_file.wf": "../shared/conf.json",
        "databricks_dbfs_file.df": "src/etl.py",
    }
    second = _checkout(here / "elsewhere" / "checkout-b")
    code, output = run_iac(["plan", "-c", str(second), "--emulator"])
    assert code == 0, output
    assert "No changes" in output
    # The content is what is compared: an edit in the other checkout is one change.
    (second / "src" / "etl.py").write_text("# Databricks notebook source\nprint(2)\n")
    code, output = run_iac(["plan", "-c", str(second), "--emulator", "--json"])
    changed = {c["address"] for c in json.loads(output)["changes"]}
    assert code == 2 and changed == {"databricks_notebook.nb", "databricks_dbfs_file.df"}


def test_a_saved_plan_holds_relative_sources_and_applies_from_another_directory(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _checkout(here / "checkout")
    code, output = run_iac(["plan", "-c", str(config), "--emulator", "-out", "plan.json"])
    assert code == 2, output
    saved = (here / "plan.json").read_text()
    assert str(here) not in saved and '"src/etl.py"' in saved
    (here / "runner").mkdir()
    shutil.copytree(here / ".iac", here / "runner" / ".iac")
    monkeypatch.chdir(here / "runner")
    code, output = run_iac(
        ["apply", "-c", str(config), "--emulator", "--auto-approve", str(here / "plan.json")]
    )
    assert code == 0, output
    code, output = run_iac(["plan", "-c", str(config), "--emulator"])
    assert code == 0, output
