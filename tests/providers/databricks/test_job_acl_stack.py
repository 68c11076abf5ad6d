"""A Laktory stack whose job and pipeline carry ``access_controls`` naming no owner: the
plan shows the owner is kept, the apply leaves exactly one ``IS_OWNER`` (the service
refuses any other count: databricks/cli
``acceptance/bundle/resources/permissions/factcheck/output.txt`` at 7bbe2852), a second
plan is empty, and the destroy leaves the creator as the only owner of objects it does not
delete, never an empty ACL."""

from __future__ import annotations

from pathlib import Path

from databricks.sdk import WorkspaceClient

import data_iac
from data_iac.emulator.server import Emulator
from data_iac.kinds.databricks.permissions import KEPT_OWNER

STACK = """
name: acl-owner
providers:
  databricks: {host: HOST, token: dapi-acl}
resources:
  groups:
    grp-eng: {display_name: eng}
  jobs:
    job-nightly:
      name: nightly
      access_controls:
        - {group_name: eng, permission_level: CAN_MANAGE_RUN}
        - {group_name: users, permission_level: CAN_VIEW}
  pipelines:
    dlt-bronze:
      name: bronze
      catalog: main
      schema: bronze
      libraries: [{notebook: {path: /Shared/dlt/bronze}}]
      access_controls:
        - {group_name: eng, permission_level: CAN_RUN}
"""


def _owners(w: WorkspaceClient, object_type: str, object_id: str) -> list[str]:
    acl = w.permissions.get(object_type, object_id).access_control_list or []
    return [
        str(e.user_name or e.group_name or e.service_principal_name)
        for e in acl
        for p in e.all_permissions or []
        if p.permission_level and p.permission_level.value == "IS_OWNER"
    ]


def test_job_and_pipeline_acls_apply_with_one_owner_and_destroy_cleanly(
    emulator: Emulator, tmp_path: Path, monkeypatch
) -> None:
    for name in ("DATABRICKS_HOST", "DATABRICKS_TOKEN", "DATABRICKS_CONFIG_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "stack.yaml"
    config.write_text(STACK.replace("HOST", emulator.url))
    w = WorkspaceClient(host=emulator.url, token="dapi-acl")
    with data_iac.load(config, workdir=tmp_path) as project:
        plan = project.plan()
        after = {str(c.address): c.after for c in plan.actionable}
        assert after["databricks_permissions.job-nightly"]["owner"] == KEPT_OWNER
        result = project.apply(plan)
        assert result.ok, [(str(o.address), o.message) for o in result.outcomes]
        [job] = list(w.jobs.list())
        [pipeline] = list(w.pipelines.list_pipelines())
        assert _owners(w, "jobs", str(job.job_id)) == ["emulator-user@example.com"]
        assert _owners(w, "pipelines", str(pipeline.pipeline_id)) == ["emulator-user@example.com"]
        assert project.plan().is_empty
        assert project.destroy().ok
    assert list(w.jobs.list()) == [] and list(w.pipelines.list_pipelines()) == []
