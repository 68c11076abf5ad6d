"""Laktory's own test stack (``tests/data/stack.yaml`` of github.com/okube-ai/laktory), read
from a checkout of that repository named by ``LAKTORY_REPO`` (skipped without one: the
file is not in the laktory distribution, and we never copy it here).

Laktory's translation (laktory 0.13.1, ``to_terraform(env_name="dev")``, 2026-12-03):
8 resources (1 job, 1 pipeline, 1 workspace file, 5 permissions) and 2 data sources (its
``lookup_existing`` warehouse and notebook), which are read-only references here. The
stack names objects that only its author's workspace has (a warehouse id, a pipeline id
``pipeline_123``, a notebook, principals): the emulator is given them first, and the two
ids are written into a copy of the stack, as its user would.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from databricks.sdk.service import iam
from databricks.sdk.service import pipelines as pl
from databricks.sdk.service import workspace as ws

from data_iac.emulator import Emulator
from data_iac.operations.loading import load_config
from tests.cli.dbx_lifecycle_support import apply, assert_no_changes, plan
from tests.shared_emulator import sdk_client

LAKTORY_TERRAFORM_DEV = {
    "databricks_job": 1,
    "databricks_permissions": 5,
    "databricks_pipeline": 1,
    "databricks_workspace_file": 1,
}


def _stack_text() -> str:
    repo = os.environ.get("LAKTORY_REPO")
    if not repo:
        pytest.skip("set LAKTORY_REPO to a checkout of github.com/okube-ai/laktory")
    return (Path(repo) / "tests" / "data" / "stack.yaml").read_text()


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_it_makes_the_resources_laktory_makes(env: str, tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(_stack_text())
    loaded = load_config(tmp_path / "stack.yaml", env, environ={})
    assert Counter(a.kind for a in loaded.desired.resources) == LAKTORY_TERRAFORM_DEV


@pytest.mark.slow
def test_it_applies_on_an_emulator_holding_its_objects_and_plans_empty(tmp_path: Path) -> None:
    text = _stack_text()
    with Emulator(data_dir=tmp_path / ".iac" / "emulator") as emu:
        w = sdk_client(emu, "dapi-test")
        warehouse = w.warehouses.create(name="external", cluster_size="2X-Small").id
        pipeline = w.pipelines.create(
            name="existing", libraries=[pl.PipelineLibrary(notebook=pl.NotebookLibrary(path="/x"))]
        ).pipeline_id
        w.workspace.import_(
            "/external", content="cHJpbnQoMSk=", format=ws.ImportFormat.SOURCE,
            language=ws.Language.PYTHON,
        )  # fmt: skip
        for group in ("role-engineers", "role-analysts"):
            w.groups.create(display_name=group)
        for user in ("user1", "user2"):
            w.users.create(user_name=user, emails=[iam.ComplexValue(value=f"{user}@x.io")])
    assert "d2fa41bf94858c4b" in text and "pipeline_123" in text
    text = text.replace("d2fa41bf94858c4b", str(warehouse)).replace("pipeline_123", str(pipeline))
    (tmp_path / "stack.yaml").write_text(text)
    found = plan(tmp_path, "stack.yaml", "-e", "dev")
    assert found["summary"]["create"] == sum(LAKTORY_TERRAFORM_DEV.values())
    apply(tmp_path, "stack.yaml", "-e", "dev")
    assert_no_changes(tmp_path, "stack.yaml", "-e", "dev")
