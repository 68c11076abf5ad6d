"""``moved:`` renames a resource's address without touching the object."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.iac_process import iac

STACK = """\
name: renames
resources:
  catalogs:
    {key}:
      name: sales
      comment: kept across the rename
"""


def test_a_moved_catalog_plans_no_change_and_state_follows(tmp_path: Path):
    stack = tmp_path / "stack.yaml"
    stack.write_text(STACK.format(key="cat-old"))
    assert (
        iac(tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve").returncode == 0
    )
    stack.write_text(STACK.format(key="cat-new"))
    unmoved = iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator", "--json")
    assert json.loads(unmoved.stdout)["summary"]["delete"] == 1
    stack.write_text(
        STACK.format(key="cat-new") + "moved:\n  - from: databricks_catalog.cat-old\n"
        "    to: databricks_catalog.cat-new\n"
    )
    plan = iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator")
    assert plan.returncode == 0, plan.stdout + plan.stderr
    assert "moved: databricks_catalog.cat-old is now databricks_catalog.cat-new" in plan.stderr
    assert (
        iac(tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve").returncode == 0
    )
    listed = iac(tmp_path, "state", "list", "-c", "stack.yaml", "--emulator")
    assert listed.stdout.split() == ["databricks_catalog.cat-new"]
    stack.write_text(STACK.format(key="cat-new"))  # the moved entry can go once applied
    assert iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator").returncode == 0
