"""Renaming a catalog replaces it with everything inside it, children deleted first."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.iac_process import iac

STACK = """\
name: renames
resources:
  catalogs:
    cat-a:
      name: {name}
      grants:
        - principal: account users
          privileges: [USE_CATALOG]
      schemas:
        - name: raw
          volumes:
            - name: landing
"""


def test_a_renamed_catalog_is_replaced_with_its_schemas_volumes_and_grants(tmp_path: Path):
    stack = tmp_path / "stack.yaml"
    stack.write_text(STACK.format(name="finance"))
    assert (
        iac(tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve").returncode == 0
    )
    stack.write_text(STACK.format(name="finance2"))
    done = iac(
        tmp_path, "apply", "-c", "stack.yaml", "--emulator", "--auto-approve", "--allow-destroy",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    ends = [(e["address"], e["action"]) for e in events if e.get("event") == "action_end"]
    deletes = [a for a, action in ends if action == "delete"]
    creates = [a for a, action in ends if action == "create"]
    assert deletes.index("databricks_volume.cat-a.raw.landing") < deletes.index(
        "databricks_catalog.cat-a"
    )
    assert creates.index("databricks_catalog.cat-a") < creates.index("databricks_schema.cat-a.raw")
    assert events[-1]["counts"]["replace"] == 4
    assert iac(tmp_path, "plan", "-c", "stack.yaml", "--emulator").returncode == 0
