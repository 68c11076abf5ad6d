"""``databricks_job``: a Lakeflow job; the spec is the JobSettings JSON, remote id the job id.

Names are not unique and create is not idempotent: jobs carry their address in ``tags``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.kinds import build_job
from data_iac.config.stack.schema import OpenDocument
from data_iac.kinds.databricks._pure import ADDRESS_TAG
from data_iac.model.kind import KindSpec, PermissionsTarget, Strategy

__all__ = ["SPEC", "TASK_DEFAULTS", "normalize_spec"]

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


SPEC = KindSpec(
    kind="databricks_job",
    sections=("jobs",),
    config_model=OpenDocument,
    build=build_job,
    computed=frozenset({"job_id", "created_time", "creator_user_name", "run_as_user_name"}),
    unordered=frozenset({"tasks", "job_clusters"}),
    normalize=normalize_spec,
    defaults={f"tasks.{k}": v for k, v in TASK_DEFAULTS.items()},
    list_keys={
        "tasks": "task_key",
        "job_clusters": "job_cluster_key",
        "parameters": "name",
        "environments": "environment_key",
    },
    bounds={"max_concurrent_runs": (0, 1000)},
    reasons={
        "tasks": "databricks-sdk jobs.Task: task_key is unique within a job",
        "max_concurrent_runs": "databricks-sdk jobs.JobSettings.max_concurrent_runs: <= 1000",
    },
    identity=("name",),
    import_id="the job id: `123456789`",
    permissions=PermissionsTarget("jobs", config_keys=("job_id",)),
    refresh=Strategy.LISTING,
    generate="job",
    handler="data_iac.providers.databricks.jobs:Handler",
)
