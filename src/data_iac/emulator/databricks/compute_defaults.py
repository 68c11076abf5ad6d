"""The defaults the real compute APIs fill into a cluster spec and into job settings, so that
a plan that ignores them is tested against a service that returns them. Pure functions.

Sources (facts, not text):

- databricks/cli ``libs/testserver/clusters.go`` ``clusterFixUps`` and ``jobs.go``
  ``jobFixUps`` / ``setSourceIfNotSet`` at commit 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f
  (matched to AWS workspaces): ``aws_attributes`` {availability SPOT_WITH_FALLBACK,
  zone_id}, ``enable_elastic_disk`` returned false, ``driver_node_type_id`` = the node
  type, a job cluster's ``data_security_mode`` SINGLE_USER, task ``run_if`` ALL_SUCCESS,
  task ``timeout_seconds`` 0 and ``email_notifications`` {}; ``apply_policy_default_values``
  consumed but never returned by the Jobs API;
- databricks/cli ``bundle/direct/dresources/resources.yml`` (same commit) and the Terraform
  provider ``clusters/resource_cluster.go`` (``enable_local_disk_encryption``,
  ``driver_instance_pool_id`` computed), ``jobs/resource_job.go`` (``format``, ``run_as``,
  task ``*.source`` computed) at commit 4eba541abe1a9f50993ea7b9dd83874207e224a1;
- databricks-sdk ``jobs.NotebookTask.source`` docstring: GIT when the job has a
  ``git_source``, else WORKSPACE (likewise ``SparkPythonTask``, ``SqlTaskFile``,
  ``DbtTask``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["cluster_defaults", "job_settings_defaults"]

AWS_ZONE = "us-east-1c"
JOB_DEFAULTS: dict[str, Any] = {
    "email_notifications": {},
    "webhook_notifications": {},
    "format": "MULTI_TASK",
    "max_concurrent_runs": 1,
    "timeout_seconds": 0,
}
TASK_DEFAULTS: dict[str, Any] = {
    "run_if": "ALL_SUCCESS",
    "timeout_seconds": 0,
    "email_notifications": {},
}
# Task types whose file the service looks up in the workspace or in the job's git source.
_SOURCED = (("notebook_task",), ("spark_python_task",), ("sql_task", "file"), ("dbt_task",))


def cluster_defaults(spec: Mapping[str, Any], *, job: bool) -> dict[str, Any]:
    """A copy of a cluster ``spec`` as the service returns it: cloud attributes, disk
    settings and the driver filled in; a job cluster also gets its access mode and loses
    the input-only ``apply_policy_default_values``."""
    full = copy.deepcopy(dict(spec))
    if not full.get("gcp_attributes") and not full.get("azure_attributes"):
        aws = full.setdefault("aws_attributes", {})
        aws.setdefault("availability", "SPOT_WITH_FALLBACK")
        aws.setdefault("zone_id", AWS_ZONE)
    full.setdefault("enable_elastic_disk", False)
    full.setdefault("enable_local_disk_encryption", False)
    if full.get("node_type_id"):
        full.setdefault("driver_node_type_id", full["node_type_id"])
    if full.get("instance_pool_id"):
        full.setdefault("driver_instance_pool_id", full["instance_pool_id"])
    if job:
        full.setdefault("data_security_mode", "SINGLE_USER")
        full.pop("apply_policy_default_values", None)
    return full


def job_settings_defaults(settings: Mapping[str, Any], creator: str) -> dict[str, Any]:
    """A copy of job ``settings`` with every default the Jobs API fills: top level, per
    task (and per ``for_each_task`` inner task), and in every job and task cluster."""
    full = {**copy.deepcopy(JOB_DEFAULTS), **copy.deepcopy(dict(settings))}
    full.setdefault("run_as", {_principal_field(creator): creator})
    source = "GIT" if full.get("git_source") else "WORKSPACE"
    if "tasks" in full:
        full["tasks"] = [_task(task, source) for task in full["tasks"]]
    if "job_clusters" in full:
        full["job_clusters"] = [_job_cluster(jc) for jc in full["job_clusters"]]
    return full


def _task(task: Mapping[str, Any], source: str) -> dict[str, Any]:
    full = {**copy.deepcopy(TASK_DEFAULTS), **copy.deepcopy(dict(task))}
    for path in _SOURCED:
        block = _at(full, path)
        if block is not None:
            block.setdefault("source", source)
    if isinstance(full.get("new_cluster"), Mapping):
        full["new_cluster"] = cluster_defaults(full["new_cluster"], job=True)
    inner = (full.get("for_each_task") or {}).get("task")
    if isinstance(inner, Mapping):
        full["for_each_task"]["task"] = _task(inner, source)
    if isinstance(full.get("depends_on"), list):  # returned sorted by task key
        full["depends_on"] = sorted(full["depends_on"], key=lambda d: str(d.get("task_key")))
    return full


def _job_cluster(job_cluster: Mapping[str, Any]) -> dict[str, Any]:
    full = copy.deepcopy(dict(job_cluster))
    if isinstance(full.get("new_cluster"), Mapping):
        full["new_cluster"] = cluster_defaults(full["new_cluster"], job=True)
    return full


def _at(document: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    node: Any = document
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _principal_field(name: str) -> str:
    """A service principal runs as its application id, a UUID; anyone else by user name."""
    parts = name.split("-")
    is_uuid = len(parts) == 5 and all(p and all(c in "0123456789abcdef" for c in p) for p in parts)
    return "service_principal_name" if is_uuid else "user_name"
