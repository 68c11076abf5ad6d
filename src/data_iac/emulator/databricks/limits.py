"""Input limits the compute, SQL and Jobs services enforce, refused as they refuse them:
400 ``INVALID_PARAMETER_VALUE``, before anything is stored.

Sources: databricks-sdk 0.162.0 docstrings (``compute.ClusterSpec.autotermination_minutes``:
between 10 and 10000 minutes, or 0; ``sql.CreateWarehouseRequest.auto_stop_mins``: 0 or
>= 10, ``max_num_clusters`` <= 40, ``min_num_clusters`` > 0 and <= 30;
``jobs.JobSettings.max_concurrent_runs`` <= 1000; ``jobs.list`` ``limit`` > 0 and <= 100;
``pipelines.list_pipelines`` ``max_results`` <= 100, "an error is returned" above;
the Unity Catalog listings' ``max_results``: a negative value is an invalid parameter).
Sizes: at most 45 cluster ``custom_tags`` and 10 ``ssh_public_keys`` (compute.ClusterSpec),
1000 ``tasks`` and 25 ``tags`` per job (jobs.JobSettings).
A job cluster that no task uses is refused (the project's issue 14 names it; no public trace
of the message was found), and so is a task naming a job cluster the job does not define
(databricks/cli bundle/config/validate/job_cluster_key_defined.go, 7bbe2852131bc5c4a6c7bad5f
147bc7772eedf9f, checks it before deploying). The error code is the service's; the wording
of the messages is ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.emulator.databricks.common import api_error

__all__ = ["check_cluster", "check_job", "check_page_size", "check_warehouse"]


def _refuse(message: str) -> Exception:
    return api_error(400, "INVALID_PARAMETER_VALUE", message)


def _number(document: Mapping[str, Any], name: str) -> float | None:
    value = document.get(name)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def check_cluster(spec: Mapping[str, Any]) -> None:
    minutes = _number(spec, "autotermination_minutes")
    if minutes is not None and minutes != 0 and not 10 <= minutes <= 10000:
        raise _refuse(
            f"Invalid autotermination_minutes: {minutes:g}. It must be 0 (no automatic "
            "termination) or between 10 and 10000 minutes."
        )
    _check_size(spec, "custom_tags", 45)
    _check_size(spec, "ssh_public_keys", 10)
    workers = _number(spec, "num_workers")
    if workers is not None and workers < 0:
        raise _refuse(f"Invalid num_workers: {workers:g}. It must not be negative.")


def check_warehouse(fields: Mapping[str, Any]) -> None:
    stop = _number(fields, "auto_stop_mins")
    if stop is not None and stop != 0 and stop < 10:
        raise _refuse(f"Invalid auto_stop_mins: {stop:g}. It must be 0 or at least 10.")
    most = _number(fields, "max_num_clusters")
    if most is not None and not 1 <= most <= 40:
        raise _refuse(f"Invalid max_num_clusters: {most:g}. It must be between 1 and 40.")
    least = _number(fields, "min_num_clusters")
    if least is not None and not 1 <= least <= min(most or 30, 30):
        raise _refuse(
            f"Invalid min_num_clusters: {least:g}. It must be at least 1 and at most "
            "max_num_clusters (30 at most)."
        )


def check_job(settings: Mapping[str, Any]) -> None:
    runs = _number(settings, "max_concurrent_runs")
    if runs is not None and not 0 <= runs <= 1000:
        raise _refuse(f"Invalid max_concurrent_runs: {runs:g}. It must be between 0 and 1000.")
    _check_size(settings, "tasks", 1000)
    _check_size(settings, "tags", 25)
    tasks = [t for t in settings.get("tasks") or [] if isinstance(t, Mapping)]
    tasks += [
        t["for_each_task"]["task"]
        for t in tasks
        if isinstance((t.get("for_each_task") or {}).get("task"), Mapping)
    ]
    used = {task.get("job_cluster_key") for task in tasks}
    defined = set()
    for cluster in settings.get("job_clusters") or []:
        key = cluster.get("job_cluster_key") if isinstance(cluster, Mapping) else None
        defined.add(key)
        if key not in used:
            raise _refuse(f"Job cluster {key!r} is defined but not used by any task.")
    for key in sorted(k for k in used - defined if isinstance(k, str)):
        raise _refuse(f"Job cluster {key!r} is used by a task but not defined in job_clusters.")


def _check_size(document: Mapping[str, Any], name: str, most: int) -> None:
    value = document.get(name)
    if isinstance(value, list | Mapping) and len(value) > most:
        raise _refuse(f"Invalid {name}: {len(value)} given, at most {most} are allowed.")


def check_page_size(name: str, raw: str | None, most: int | None = None) -> None:
    """A listing's page size: never negative, and at most ``most`` where the API says so."""
    if raw is None or raw == "":
        return
    try:
        size = int(raw)
    except ValueError:
        raise _refuse(f"Invalid {name}: {raw!r} is not a number.") from None
    if size < 0:
        raise _refuse(f"Invalid {name}: {size}. It must not be negative.")
    if most is not None and size > most:
        raise _refuse(f"Invalid {name}: {size}. It must be at most {most}.")
