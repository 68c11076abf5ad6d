"""Laktory's quickstart stacks, unchanged, from the installed laktory 0.13.1 distribution.

Each loads with no Databricks credentials (``${vars.DATABRICKS_HOST}`` is needed only to
connect), makes the resources Laktory's own Terraform translation makes, and on the
emulator applies and then plans empty.

The expected counts are what ``Stack.model_validate_yaml(f).to_terraform(env_name=E)`` of
laktory 0.13.1 gives, counted per Terraform resource type (measured with
``pip install laktory==0.13.1 polars==1.32.0 uv`` in a separate venv on 2026-12-03).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from data_iac.emulator.databricks.common import WORKSPACE_ID
from data_iac.operations.loading import load_config
from tests.cli.dbx_lifecycle_support import apply, assert_no_changes, plan
from tests.cli.iac_process import iac
from tests.compat.laktory_support import copy_quickstart, our_counts
from tests.shared_emulator import sdk_client

LAKTORY_TERRAFORM = {
    ("workspace", "dev"): {
        "databricks_directory": 5,
        "databricks_permissions": 1,
        "databricks_secret": 1,
        "databricks_secret_acl": 1,
        "databricks_secret_scope": 1,
        "databricks_sql_endpoint": 1,
    },
    ("unity-catalog", "default"): {
        "databricks_catalog": 2,
        "databricks_grants": 6,
        "databricks_group": 3,
        "databricks_group_member": 5,
        "databricks_mws_permission_assignment": 3,
        "databricks_schema": 6,
        "databricks_user": 3,
        "databricks_user_role": 1,
    },
    ("workflows", "dev"): {
        "databricks_dbfs_file": 1,
        "databricks_job": 2,
        "databricks_notebook": 1,
        "databricks_permissions": 4,
        "databricks_pipeline": 1,
        "databricks_workspace_file": 4,
    },
}


@pytest.mark.parametrize(("stack", "env"), sorted(LAKTORY_TERRAFORM))
def test_a_quickstart_makes_the_resources_laktory_makes(
    stack: str, env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_ACCOUNT_ID"):
        monkeypatch.delenv(name, raising=False)
    root = copy_quickstart(stack, tmp_path)
    loaded = load_config(root / "stack.yaml", env)
    ours = Counter(address.kind for address in loaded.desired.resources)
    assert ours == our_counts(LAKTORY_TERRAFORM[(stack, env)])


def test_the_group_members_laktory_makes_are_members_of_our_groups(tmp_path: Path) -> None:
    root = copy_quickstart("unity-catalog", tmp_path)
    resources = load_config(root / "stack.yaml").desired.resources
    members = {
        address.key: len(resource.spec.get("members", []))
        for address, resource in resources.items()
        if address.kind == "databricks_group"
    }
    # Laktory: 5 databricks_group_member (3 friends, 1 metastore admin, 1 workspace admin).
    assert members == {
        "group-laktory-friends": 3,
        "group-metastore-admins": 1,
        "group-workspace-admins": 1,
    }


def test_the_catalogs_use_the_provider_they_name(tmp_path: Path) -> None:
    root = copy_quickstart("unity-catalog", tmp_path)
    resources = load_config(root / "stack.yaml").desired.resources
    providers = Counter((a.kind, r.provider) for a, r in resources.items())
    assert providers[("databricks_catalog", "databricks.dev")] == 2
    assert providers[("databricks_schema", "databricks.dev")] == 6
    assert providers[("databricks_grants", "databricks.dev")] == 6
    assert providers[("databricks_group", None)] == 3


@pytest.mark.slow
@pytest.mark.parametrize(("stack", "created"), [("workspace", 10), ("workflows", 13)])
def test_a_quickstart_applies_and_plans_empty(stack: str, created: int, tmp_path: Path) -> None:
    """The workflows quickstart gives ``account users`` CAN_READ on its wheel (a workspace
    ACL): the emulator resolves it only where the workspace knows that group
    (emulator/databricks/acl_rules.py refuses it otherwise, as a recorded real run did), so
    this workspace is given it first."""
    root = copy_quickstart(stack, tmp_path)
    if stack == "workflows":
        with Emulator(data_dir=root / ".iac" / "emulator") as emu:
            sdk_client(emu, "dapi-test").groups.create(display_name="account users")
    found = plan(root, "stack.yaml", "-e", "dev")
    assert found["summary"]["create"] == created
    apply(root, "stack.yaml", "-e", "dev")
    assert_no_changes(root, "stack.yaml", "-e", "dev")


def test_the_workflows_pipelines_deploy_where_laktory_puts_them(tmp_path: Path) -> None:
    root = copy_quickstart("workflows", tmp_path)
    resources = load_config(root / "stack.yaml", "dev").desired.resources
    specs = {str(address): resource.spec for address, resource in resources.items()}
    job = specs["databricks_job.pl-stocks-job"]
    assert [t["task_key"] for t in job["tasks"]] == [
        "node-brz_stock_prices",
        "node-slv_stock_prices",
    ]
    wheel_task = job["tasks"][1]["python_wheel_task"]
    assert wheel_task["named_parameters"] == {
        "filepath": "/Workspace/.laktory/pipelines/pl-stocks-job.json",
        "selects": "slv_stock_prices",
    }
    assert job["environments"][0]["spec"] == {
        "dependencies": [
            "laktory==<laktory_version>",
            "/Workspace/.laktory/wheels/lake-0.0.1-py3-none-any.whl",
        ],
        "environment_version": "3",
    }
    ldp = specs["databricks_pipeline.pl-stocks-ldp"]
    assert ldp["configuration"]["laktory.config_filepath"] == (
        "/Workspace/.laktory/pipelines/pl-stocks-ldp.json"
    )
    assert (ldp["catalog"], ldp["schema"], ldp["development"]) == ("dev", "default", True)
    assert specs["databricks_workspace_file.workspace-file-lake-package"]["path"] == (
        "/.laktory/wheels/lake-0.0.1-py3-none-any.whl"
    )
    assert specs["databricks_dbfs_file.dbfs-file-stock-prices"]["path"] == (
        "/laktory/data/stock_prices/stock_prices.json"
    )


@pytest.mark.slow
def test_the_unity_catalog_quickstart_applies_and_plans_empty(tmp_path: Path) -> None:
    """Its catalogs go to the workspace provider ``databricks.dev``, its groups, users,
    roles and workspace assignments to the account provider ``databricks``. The stack asks
    its user to write their workspace id (``# TODO: CUSTOMIZE``): the emulator's here."""
    root = copy_quickstart("unity-catalog", tmp_path)
    stack = root / "stack.yaml"
    text = stack.read_text()
    assert "workspace_id_dev: 2211091707396001" in text
    stack.write_text(text.replace("2211091707396001", WORKSPACE_ID))
    found = plan(root, "stack.yaml")
    assert found["summary"]["create"] == 24
    apply(root, "stack.yaml")
    again = iac(root, "plan", "-c", "stack.yaml", "--emulator")
    assert again.returncode == 0 and "No changes." in again.stdout, again.stdout + again.stderr
