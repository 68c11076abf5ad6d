"""``databricks_job``: a Lakeflow job; the spec is the JobSettings JSON, remote id the job id.

Names are not unique and create is not idempotent: jobs carry their address in ``tags``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.kinds import build_job
from data_iac.config.stack.schema import OpenDocument
from data_iac.kinds.databricks._compute_facts import (
    CLOUD_ATTRIBUTES,
    CLUSTER_DEFAULTS,
    LIBRARY_KEYS,
    at,
)
from data_iac.kinds.databricks._pure import ADDRESS_TAG
from data_iac.model.kind import SERVER_SET, KindSpec, PermissionsTarget, Strategy

__all__ = ["DEFAULTS", "SPEC", "TASK_DEFAULTS", "normalize_spec"]

# Values the service fills into every task; dropped so an unset field is not drift.
TASK_DEFAULTS: Mapping[str, Any] = {
    "run_if": "ALL_SUCCESS",
    "timeout_seconds": 0,
    "email_notifications": {},
    "webhook_notifications": {},
    "notification_settings": {},
}


def normalize_spec(spec: Mapping[str, Any]) -> dict[str, Any]:
    """``spec`` (or observed settings) without the per-task server defaults and without the
    address tag, so desired and observed compare equal when they mean the same job."""
    clean = copy.deepcopy(dict(spec))
    if "tasks" in clean:
        clean["tasks"] = [_without_defaults(task) for task in clean["tasks"]]
    if isinstance(clean.get("tags"), Mapping):
        clean["tags"] = {k: v for k, v in clean["tags"].items() if k != ADDRESS_TAG}
    return clean


def _without_defaults(task: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in task.items() if k not in TASK_DEFAULTS or TASK_DEFAULTS[k] != v}


# Where a cluster spec sits in job settings, and where a task does.
_CLUSTERS = (
    "tasks.new_cluster",
    "tasks.for_each_task.task.new_cluster",
    "job_clusters.new_cluster",
)
_TASKS = ("tasks", "tasks.for_each_task.task")
_SOURCED = ("notebook_task.source", "spark_python_task.source", "sql_task.file.source",
            "dbt_task.source")  # fmt: skip

DEFAULTS: Mapping[str, Any] = {
    "format": SERVER_SET,  # MULTI_TASK (or SINGLE_TASK for jobs of API 2.0)
    "run_as": SERVER_SET,  # the creator
    "max_concurrent_runs": 1,
    "timeout_seconds": 0,
    "email_notifications": {},
    "webhook_notifications": {},
    **{f"{task}.{k}": v for task in _TASKS for k, v in TASK_DEFAULTS.items()},
    **{f"{task}.{path}": SERVER_SET for task in _TASKS for path in _SOURCED},
    **{k: v for prefix in _CLUSTERS for k, v in at(prefix, CLUSTER_DEFAULTS).items()},
}


def refused(spec: Mapping[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """What the Jobs API refuses that no bound says: a job cluster no task runs on, and a
    task naming a job cluster the job does not define (databricks/cli
    bundle/config/validate/job_cluster_key_defined.go)."""
    tasks = _all_tasks(spec.get("tasks") or [])
    used = {task.get("job_cluster_key") for task in tasks if isinstance(task, Mapping)}
    defined = {
        c.get("job_cluster_key") for c in spec.get("job_clusters") or [] if isinstance(c, Mapping)
    }
    found: list[tuple[tuple[str | int, ...], str]] = []
    for index, task in enumerate(spec.get("tasks") or []):
        key = task.get("job_cluster_key") if isinstance(task, Mapping) else None
        if isinstance(key, str) and key not in defined:
            message = f"job_cluster_key {key!r} is not defined in job_clusters"
            found.append((("tasks", index, "job_cluster_key"), message))
    for index, cluster in enumerate(spec.get("job_clusters") or []):
        key = cluster.get("job_cluster_key") if isinstance(cluster, Mapping) else None
        if isinstance(key, str) and key not in used:
            found.append(
                (("job_clusters", index, "job_cluster_key"),
                 f"job cluster {key!r} is not used by any task")
            )  # fmt: skip
    return found


def _all_tasks(tasks: list[Any]) -> list[Any]:
    inner = [
        task["for_each_task"]["task"]
        for task in tasks
        if isinstance(task, Mapping)
        and isinstance((task.get("for_each_task") or {}).get("task"), Mapping)
    ]
    return [*tasks, *inner]


SPEC = KindSpec(
    kind="databricks_job",
    sections=("jobs",),
    config_model=OpenDocument,
    build=build_job,
    computed=frozenset({"job_id", "created_time", "creator_user_name", "run_as_user_name"}),
    unordered=frozenset({"tasks", "job_clusters"}),
    normalize=normalize_spec,
    update_replaces=True,
    defaults=DEFAULTS,
    ignore_remote=frozenset(f"{c}.{a}" for c in _CLUSTERS for a in CLOUD_ATTRIBUTES),
    write_only=frozenset(f"{c}.apply_policy_default_values" for c in _CLUSTERS),
    list_keys={
        "tasks": "task_key",
        "tasks.depends_on": "task_key",
        "tasks.libraries": LIBRARY_KEYS,
        "tasks.for_each_task.task.libraries": LIBRARY_KEYS,
        "job_clusters": "job_cluster_key",
        "parameters": "name",
        "environments": "environment_key",
    },
    bounds={
        "max_concurrent_runs": (0, 1000),
        "timeout_seconds": (0, None),
        "tasks.timeout_seconds": (0, None),
        "tasks.max_retries": (-1, None),
        "tasks#": (0, 1000),
        "tags#": (0, 25),
        **{f"{c}.custom_tags#": (0, 45) for c in _CLUSTERS},
    },
    checks=refused,
    reasons={
        "tasks": "databricks-sdk jobs.Task: task_key is unique within a job",
        "max_concurrent_runs": "databricks-sdk jobs.JobSettings.max_concurrent_runs: <= 1000",
        "tasks#": "databricks-sdk jobs.JobSettings.tasks: up to 1000 elements",
        "tags#": "databricks-sdk jobs.JobSettings.tags: a maximum of 25 tags",
        "defaults": "databricks/cli bundle/direct/dresources/resources.yml jobs.backend_defaults"
        " (7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f); terraform-provider-databricks"
        " jobs/resource_job.go (4eba541abe1a9f50993ea7b9dd83874207e224a1)",
        "ignore_remote": "resources.yml jobs.ignore_remote_changes: cluster cloud attributes",
        "write_only": "resources.yml: apply_policy_default_values is not returned by jobs/get",
    },
    identity=("name",),
    import_id="the job id: `123456789`",
    permissions=PermissionsTarget("jobs", config_keys=("job_id",)),
    refresh=Strategy.LISTING,
    generate="job",
    handler="data_iac.providers.databricks.jobs:Handler",
)
