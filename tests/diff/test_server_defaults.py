"""Plans settle on what the service fills in: after apply the emulator returns every default
the real API adds (job format, task sources, run_if, run_as, job and task cluster defaults,
cluster and warehouse defaults, pipeline cluster defaults), the next plan is empty, and a
user's edit of one nested field plans exactly that field.

Facts: databricks/cli bundle/direct/dresources/resources.yml and libs/testserver/{jobs,
clusters}.go at 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f; terraform-provider-databricks
jobs/resource_job.go, clusters/resource_cluster.go, pipelines/resource_pipeline.go at
4eba541abe1a9f50993ea7b9dd83874207e224a1 (see emulator/databricks/compute_defaults.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.apply.engine import apply_plan
from data_iac.config import load_config
from data_iac.kinds import spec_of
from data_iac.model.plan import Action, Plan
from data_iac.model.resource import DesiredState
from data_iac.model.state import StateSnapshot
from data_iac.planning.planner import PlanOptions, make_plan
from data_iac.providers.databricks import handlers_for
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.refresh.bulk import bulk_refresh
from tests.providers.databricks.conftest import dbx  # noqa: F401 - the fixture
from tests.shared_emulator import _shared_emulator, emulator  # noqa: F401 - the fixtures

STACK = """
name: defaults
resources:
  jobs:
    nightly:
      name: nightly
      timeout_seconds: 3600
      access_controls:
        - {group_name: users, permission_level: CAN_VIEW}
      job_clusters:
        - job_cluster_key: main
          new_cluster:
            spark_version: 15.4.x-scala2.12
            node_type_id: i3.xlarge
            num_workers: 2
            apply_policy_default_values: true
      tasks:
        - task_key: ingest
          job_cluster_key: main
          notebook_task: {notebook_path: /Shared/ingest}
        - task_key: load
          depends_on: [{task_key: ingest}]
          new_cluster:
            spark_version: 15.4.x-scala2.12
            node_type_id: i3.xlarge
            num_workers: 1
          spark_python_task: {python_file: /Shared/load.py}
          libraries: [{pypi: {package: polars}}, {whl: /Shared/a.whl}]
        - task_key: each
          depends_on: [{task_key: load}, {task_key: ingest}]
          for_each_task:
            inputs: '[1, 2]'
            task:
              task_key: each_inner
              sql_task: {file: {path: /Shared/q.sql}, warehouse_id: abc}
  clusters:
    adhoc:
      cluster_name: adhoc
      spark_version: 15.4.x-scala2.12
      node_type_id: i3.xlarge
      num_workers: 1
      data_security_mode: SINGLE_USER
      spark_conf: {spark.sql.shuffle.partitions: "8"}
      apply_policy_default_values: true
      aws_attributes: {availability: SPOT}
  warehouses:
    bi:
      name: bi
      cluster_size: Small
      tags: {custom_tags: [{key: team, value: bi}, {key: cost, value: c1}]}
  databricks_pipelines:
    dlt:
      name: dlt
      catalog: main
      schema: raw
      clusters: [{num_workers: 1}]
      libraries: [{notebook: {path: /Shared/dlt}}]
"""

KINDS = (
    "databricks_job",
    "databricks_cluster",
    "databricks_sql_warehouse",
    "databricks_pipeline",
    "databricks_permissions",
)


def _desired(tmp_path: Path, text: str) -> DesiredState:
    (tmp_path / "stack.yaml").write_text(text)
    return load_config(tmp_path / "stack.yaml").desired


def _plan(desired: DesiredState, state: StateSnapshot, handlers: dict[str, Any]) -> Plan:
    observed = bulk_refresh(state, handlers).observed if state.resources else None
    return make_plan(desired, state, spec_of, PlanOptions(observed=observed))


def _changed(plan: Plan) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (str(c.address), c.action.value, tuple(p for p, _, _ in c.diffs))
        for c in plan.changes
        if c.action is not Action.NOOP
    ]


@pytest.fixture
def applied(dbx: DatabricksClient, tmp_path: Path) -> tuple[dict[str, Any], StateSnapshot]:  # noqa: F811
    handlers = handlers_for(dbx, [spec_of(k) for k in KINDS])
    desired = _desired(tmp_path, STACK)
    result = apply_plan(_plan(desired, StateSnapshot.empty(), handlers), handlers,
                        StateSnapshot.empty(), lambda _: None)  # fmt: skip
    assert result.ok, result
    return handlers, result.final_state


def test_the_emulator_returns_the_job_defaults_the_real_api_fills(
    dbx: DatabricksClient,  # noqa: F811
    applied: tuple[dict[str, Any], StateSnapshot],
) -> None:
    _, state = applied
    job_id = next(e.remote_id for a, e in state.resources.items() if a.kind == "databricks_job")
    settings = dbx.w.jobs.get(int(job_id)).as_dict()["settings"]
    assert settings["format"] == "MULTI_TASK"
    assert settings["run_as"] == {"user_name": dbx.w.current_user.me().user_name}
    tasks = {t["task_key"]: t for t in settings["tasks"]}
    assert tasks["ingest"]["notebook_task"]["source"] == "WORKSPACE"
    assert tasks["ingest"]["run_if"] == "ALL_SUCCESS"
    assert tasks["load"]["spark_python_task"]["source"] == "WORKSPACE"
    assert tasks["each"]["for_each_task"]["task"]["sql_task"]["file"]["source"] == "WORKSPACE"
    assert [d["task_key"] for d in tasks["each"]["depends_on"]] == ["ingest", "load"]
    task_cluster = tasks["load"]["new_cluster"]
    assert task_cluster["data_security_mode"] == "SINGLE_USER"
    assert task_cluster["driver_node_type_id"] == "i3.xlarge"
    assert task_cluster["aws_attributes"]["availability"] == "SPOT_WITH_FALLBACK"
    assert task_cluster["enable_elastic_disk"] is False
    assert task_cluster["enable_local_disk_encryption"] is False
    job_cluster = settings["job_clusters"][0]["new_cluster"]
    assert "apply_policy_default_values" not in job_cluster  # input-only


def test_the_next_plan_is_empty_with_every_default_returned(
    dbx: DatabricksClient,  # noqa: F811
    applied: tuple[dict[str, Any], StateSnapshot],
    tmp_path: Path,
) -> None:
    handlers, state = applied
    cluster_id = state.resources[next(a for a in state.resources if a.kind == "databricks_cluster")]
    raw = dbx.w.clusters.get(cluster_id.remote_id).as_dict()
    assert raw["single_user_name"] and raw["driver_node_type_id"] == "i3.xlarge"
    assert "apply_policy_default_values" not in raw  # input-only: only under spec
    assert raw["spec"]["apply_policy_default_values"] is True
    assert _changed(_plan(_desired(tmp_path, STACK), state, handlers)) == []


@pytest.mark.parametrize(
    ("old", "new", "address", "path"),
    [
        ("notebook_path: /Shared/ingest", "notebook_path: /Shared/ingest2",
         "databricks_job.nightly", "tasks[ingest].notebook_task.notebook_path"),
        ("num_workers: 2", "num_workers: 3",
         "databricks_job.nightly", "job_clusters[main].new_cluster.num_workers"),
        ("{whl: /Shared/a.whl}", "{whl: /Shared/b.whl}",
         "databricks_job.nightly", "tasks[load].libraries[whl=/Shared/a.whl]"),
        ("clusters: [{num_workers: 1}]", "clusters: [{num_workers: 4}]",
         "databricks_pipeline.dlt", "clusters[default].num_workers"),
        ('partitions: "8"', 'partitions: "16"',
         "databricks_cluster.adhoc", "spark_conf.spark.sql.shuffle.partitions"),
        ("availability: SPOT}", "availability: ON_DEMAND}",
         "databricks_cluster.adhoc", "aws_attributes.availability"),
        ("value: c1", "value: c2",
         "databricks_sql_warehouse.bi", "tags.custom_tags[cost].value"),
        ("permission_level: CAN_VIEW", "permission_level: CAN_MANAGE_RUN",
         "databricks_permissions.nightly",
         "access_control_list[group_name=users].permission_level"),
    ],
)  # fmt: skip
def test_one_nested_edit_plans_exactly_that_field(
    applied: tuple[dict[str, Any], StateSnapshot],
    tmp_path: Path,
    old: str,
    new: str,
    address: str,
    path: str,
) -> None:
    handlers, state = applied
    plan = _plan(_desired(tmp_path, STACK.replace(old, new)), state, handlers)
    changed = _changed(plan)
    assert len(changed) == 1
    assert changed[0][:2] == (address, "update")
    assert path in changed[0][2]
    if "libraries" not in path:  # a library's coordinates are its key: removed + added
        assert changed[0][2] == (path,)


def test_a_remote_change_to_a_remotely_ignored_field_is_no_drift(
    dbx: DatabricksClient,  # noqa: F811
    applied: tuple[dict[str, Any], StateSnapshot],
    tmp_path: Path,
) -> None:
    """Warehouse ``tags`` and a cluster's ``aws_attributes`` are the service's to rewrite
    (resources.yml ignore_remote_changes): changed outside, the plan still compares the
    config with what was applied, and finds nothing to do."""
    from databricks.sdk.service.compute import AwsAttributes, AwsAvailability
    from databricks.sdk.service.sql import EndpointTagPair, EndpointTags

    handlers, state = applied
    by_kind = {a.kind: e.remote_id for a, e in state.resources.items()}
    warehouse = dbx.w.warehouses.get(by_kind["databricks_sql_warehouse"])
    dbx.w.warehouses.edit(
        warehouse.id, name="bi", cluster_size="Small",
        tags=EndpointTags(custom_tags=[EndpointTagPair(key="team", value="other")]),
    )  # fmt: skip
    cluster = dbx.w.clusters.get(by_kind["databricks_cluster"])
    dbx.w.clusters.edit(
        cluster.cluster_id, spark_version=cluster.spark_version, cluster_name="adhoc",
        num_workers=1, data_security_mode=cluster.data_security_mode,
        spark_conf=cluster.spark_conf,
        aws_attributes=AwsAttributes(availability=AwsAvailability.ON_DEMAND),
    )  # fmt: skip
    assert _changed(_plan(_desired(tmp_path, STACK), state, handlers)) == []


def test_a_top_level_field_removed_from_the_config_is_planned_then_removed(
    dbx: DatabricksClient,  # noqa: F811
    applied: tuple[dict[str, Any], StateSnapshot],
    tmp_path: Path,
) -> None:
    """State records which fields the config set; a job's update resets the whole settings
    document, so a removed ``timeout_seconds`` is planned (3600 -> null) and, once applied,
    the service's default 0 is no difference."""
    handlers, state = applied
    without = STACK.replace("      timeout_seconds: 3600\n", "")
    desired = _desired(tmp_path, without)
    plan = _plan(desired, state, handlers)
    assert _changed(plan) == [("databricks_job.nightly", "update", ("timeout_seconds",))]
    result = apply_plan(plan, handlers, state, lambda _: None)
    assert result.ok
    job_id = result.final_state.resources[Address.parse("databricks_job.nightly")].remote_id
    assert dbx.w.jobs.get(int(job_id)).settings.timeout_seconds == 0
    assert _changed(_plan(desired, result.final_state, handlers)) == []
    # a field the service filled (a cluster's data security mode) is no removal
    removed = without.replace("      data_security_mode: SINGLE_USER\n", "")
    assert _changed(_plan(_desired(tmp_path, removed), result.final_state, handlers)) == []
