"""``iac generate --kind K``: live Databricks objects (made with the real WorkspaceClient)
-> Laktory stack YAML; with ``-c --import`` they are adopted and a plan prints "No changes"
for every kind (the generate contract)."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from data_iac.emulator import Emulator
from tests.refresh.support import TOKEN, databricks_yml, run_iac, run_json, workspace_client

KINDS = [
    "catalog",
    "job",
    "pipeline",
    "cluster",
    "cluster_policy",
    "sql_warehouse",
    "group",
    "user",
    "service_principal",
    "secret_scope",
    "directory",
    "notebook",
    "workspace_file",
]


def _make_objects(w: Any) -> None:
    from databricks.sdk.service.catalog import PermissionsChange, Privilege, VolumeType
    from databricks.sdk.service.iam import AccessControlRequest, PermissionLevel
    from databricks.sdk.service.jobs import NotebookTask, Task
    from databricks.sdk.service.workspace import AclPermission, ImportFormat, Language

    w.groups.create(display_name="data-eng")
    w.users.create(user_name="ada@example.com", display_name="Ada")
    w.service_principals.create(display_name="etl-bot")
    w.catalogs.create("sales", comment="sales data")
    w.schemas.create("raw", "sales", comment="landing")
    w.volumes.create("sales", "raw", "files", VolumeType.MANAGED)
    w.grants.update(
        "catalog",
        "sales",
        # a user: Unity Catalog grants name account principals, not workspace groups
        changes=[PermissionsChange(principal="ada@example.com", add=[Privilege.USE_CATALOG])],
    )
    job = w.jobs.create(
        name="etl-nightly",
        tasks=[Task(task_key="ingest", notebook_task=NotebookTask(notebook_path="/Shared/x"))],
    )
    w.permissions.update(
        "jobs",
        str(job.job_id),
        access_control_list=[
            AccessControlRequest(group_name="data-eng", permission_level=PermissionLevel.CAN_VIEW)
        ],
    )
    w.pipelines.create(name="dlt-orders", catalog="sales", target="raw")
    w.clusters.create(
        cluster_name="shared",
        spark_version="15.4.x-scala2.12",
        node_type_id="i3.xlarge",
        num_workers=1,
    )
    w.cluster_policies.create(
        name="small", definition='{"num_workers": {"type": "fixed", "value": 1}}'
    )
    warehouse = w.warehouses.create(name="bi", cluster_size="2X-Small", max_num_clusters=1)
    w.permissions.update(
        "sql/warehouses",
        str(warehouse.response.id),
        access_control_list=[
            AccessControlRequest(group_name="data-eng", permission_level=PermissionLevel.CAN_USE)
        ],
    )
    w.secrets.create_scope("etl")
    w.secrets.put_secret("etl", "db-password", string_value="s3cret")
    w.secrets.put_acl("etl", "data-eng", AclPermission.READ)
    w.workspace.mkdirs("/Shared/reports")
    w.workspace.import_(
        "/Shared/reports/daily",
        content=base64.b64encode(b"print('daily')\n").decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
    )
    w.workspace.upload("/Shared/reports/query.sql", b"select 1\n", format=ImportFormat.AUTO)


@pytest.fixture
def live_workspace(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Objects of every kind exist; returns a config dir with only a providers file."""
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DATABRICKS_HOST", emulator.url)
    monkeypatch.setenv("DATABRICKS_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    _make_objects(workspace_client(emulator))
    config = tmp_path / "config"
    config.mkdir()
    (config / "providers.yml").write_text("name: generated\n" + databricks_yml(emulator.url))
    return config


def test_generate_job_prints_the_stack_format(live_workspace: Path) -> None:
    code, text, output = run_iac("generate", "--kind", "job", "--name", "etl-*")
    assert code == 0, output
    document = yaml.safe_load(text)
    job = document["resources"]["jobs"]["etl-nightly"]
    assert job["name"] == "etl-nightly"
    assert job["tasks"][0]["task_key"] == "ingest"
    assert "job_id" not in job
    assert job["access_controls"] == [{"group_name": "data-eng", "permission_level": "CAN_VIEW"}]


def test_generate_catalog_nests_schemas_volumes_and_grants(live_workspace: Path) -> None:
    code, text, output = run_iac("generate", "--kind", "catalog", "--catalog", "sales")
    assert code == 0, output
    catalog = yaml.safe_load(text)["resources"]["catalogs"]["sales"]
    assert catalog["grants"] == [{"principal": "ada@example.com", "privileges": ["USE_CATALOG"]}]
    # A catalog made outside data-iac keeps the ``default`` schema UC gives every standard
    # catalog: it exists, so it is generated (a catalog data-iac creates drops it).
    by_name = {schema["name"]: schema for schema in catalog["schemas"]}
    assert sorted(by_name) == ["default", "raw"]
    assert by_name["raw"]["volumes"][0]["name"] == "files"


def test_secret_values_become_variables(live_workspace: Path) -> None:
    code, text, _ = run_iac("generate", "--kind", "secret_scope")
    assert code == 0
    document = yaml.safe_load(text)
    assert document["variables"] == {"ETL_DB_PASSWORD": ""}
    scope = document["resources"]["secret_scopes"]["etl"]
    assert scope["secrets"] == [{"key": "db-password", "value": "${vars.ETL_DB_PASSWORD}"}]
    assert "s3cret" not in text


def test_generate_import_then_plan_is_empty_for_every_kind(live_workspace: Path) -> None:
    for kind in KINDS:
        out = live_workspace / kind / "stack.yaml"
        code, _, output = run_iac(
            "generate", "--kind", kind, "-c", str(live_workspace), "-o", str(out), "--import"
        )
        assert code == 0, f"{kind}: {output}"
    code, plan = run_json("plan", "-c", str(live_workspace))
    assert (code, plan["changes"]) == (0, []), plan["changes"]
    code, listed, _ = run_iac("state", "list", "-c", str(live_workspace))
    adopted_acls = [a for a in listed.split() if a.startswith("databricks_permissions.")]
    assert sorted(adopted_acls) == [
        "databricks_permissions.bi",
        "databricks_permissions.etl-nightly",
    ]
    code, _, text = run_iac("plan", "-c", str(live_workspace), "--no-color")
    assert "No changes" in text


def test_a_secret_value_set_after_import_is_written_once(live_workspace: Path) -> None:
    out = live_workspace / "secrets" / "stack.yaml"
    code, _, output = run_iac(
        "generate", "--kind", "secret_scope", "-c", str(live_workspace), "-o", str(out), "--import"
    )
    assert code == 0, output
    assert run_json("plan", "-c", str(live_workspace))[0] == 0  # unknown value: in sync
    out.write_text(out.read_text().replace("ETL_DB_PASSWORD: ''", "ETL_DB_PASSWORD: n3w-value"))
    code, plan = run_json("plan", "-c", str(live_workspace))
    assert code == 2
    assert [(c["address"], c["after"]["string_value"]) for c in plan["changes"]] == [
        ("databricks_secret.etl.db-password", "(sensitive)")
    ]
    assert run_iac("apply", "-c", str(live_workspace), "--auto-approve")[0] == 0
    assert run_json("plan", "-c", str(live_workspace))[0] == 0
    [state_file] = (live_workspace.parent / ".iac" / "state").rglob("default.json")
    text = state_file.read_text()
    assert "n3w-value" not in text and '"unknown"' not in text


def test_notebooks_are_written_beside_the_yaml(live_workspace: Path) -> None:
    out = live_workspace / "nb" / "stack.yaml"
    code, _, output = run_iac("generate", "--kind", "notebook", "--path", "/Shared", "-o", str(out))
    assert code == 0, output
    entry = yaml.safe_load(out.read_text())["resources"]["notebooks"]["Shared-reports-daily"]
    assert entry == {
        "path": "/Shared/reports/daily",
        "language": "PYTHON",
        "source": "notebooks/daily.py",
    }
    assert (out.parent / "notebooks" / "daily.py").read_bytes() == b"print('daily')"
