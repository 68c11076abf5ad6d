"""Jobs API 2.1 and 2.2 (``/api/2.\\d/jobs/...``): create, get, list, reset, update, delete,
and a minimal run-now / runs surface.

Semantics copied from the real service (platform-apis.md 1.4 and 7.B.7):
- names are not unique and create is not idempotent: two creates make two jobs;
- a missing job answers 400 ``INVALID_PARAMETER_VALUE`` "Job <id> does not exist.";
- ``jobs/get`` returns at most 100 elements of each array property per page and leaves
  ``next_page_token`` out on the last page (an empty string would loop the SDK forever);
- the server fills defaults (``format``, ``max_concurrent_runs``, ``run_as`` ...), per-task
  defaults (``run_if``, ``notebook_task.source`` ...) and cluster defaults in every job and
  task cluster (``compute_defaults``).
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.compute_defaults import job_settings_defaults
from data_iac.emulator.databricks.limits import check_job
from data_iac.emulator.databricks.permissions import drop_acl
from data_iac.emulator.http import Request, Response, Route

__all__ = ["ARRAY_PAGE_SIZE", "routes"]

ARRAY_PAGE_SIZE = 100
"""Elements of each array property (tasks, job_clusters, ...) per ``jobs/get`` page."""

PAGED_ARRAYS = ("tasks", "job_clusters", "parameters", "environments")
JOB_ID_START = 1001
_API = r"/api/2\.\d/jobs"

# Keys of array elements, used by jobs/update to merge tasks and job_clusters by key.
ELEMENT_KEYS = {
    "tasks": "task_key",
    "job_clusters": "job_cluster_key",
    "parameters": "name",
    "environments": "environment_key",
}


def routes(ctx: DatabricksContext) -> list[Route]:
    jobs = _Jobs(ctx)
    return [
        route("POST", f"{_API}/create", jobs.create),
        route("GET", f"{_API}/get", jobs.get),
        route("GET", f"{_API}/list", jobs.list),
        route("POST", f"{_API}/reset", jobs.reset),
        route("POST", f"{_API}/update", jobs.update),
        route("POST", f"{_API}/delete", jobs.delete),
        route("POST", f"{_API}/run-now", jobs.run_now),
        route("GET", f"{_API}/runs/get", jobs.get_run),
        route("GET", f"{_API}/runs/list", jobs.list_runs),
    ]


def validate_settings(settings: dict[str, Any]) -> None:
    """Refuse what the service refuses: tasks without a key, repeated keys, and
    ``depends_on`` naming a task the job does not have."""
    check_job(settings)
    keys = [task.get("task_key") for task in settings.get("tasks") or []]
    if any(not key for key in keys):
        raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: task_key")
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Duplicate task key: {repeated[0]}")
    for task in settings.get("tasks") or []:
        for dependency in task.get("depends_on") or []:
            if dependency.get("task_key") not in keys:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    f"Task {task['task_key']} depends on {dependency.get('task_key')}, "
                    "which is not a task of this job.",
                )


def run_as_user(settings: dict[str, Any], default: str) -> str:
    """The principal runs execute as: ``run_as`` when set, else the creator."""
    run_as = settings.get("run_as") or {}
    return str(run_as.get("user_name") or run_as.get("service_principal_name") or default)


def merge_settings(
    current: dict[str, Any], partial: dict[str, Any], fields_to_remove: list[str], creator: str
) -> dict[str, Any]:
    """jobs/update: top-level fields replace, array elements merge by their key; then
    ``fields_to_remove`` drops top-level fields or ``tasks/<task_key>``-style elements."""
    merged = copy.deepcopy(current)
    for name, value in partial.items():
        key = ELEMENT_KEYS.get(name)
        if key and isinstance(value, list) and name in merged:
            merged[name] = _merge_by_key(merged[name], value, key)
        else:
            merged[name] = copy.deepcopy(value)
    for field_path in fields_to_remove:
        name, _, element = field_path.partition("/")
        if not element:
            merged.pop(name, None)
        elif name in ELEMENT_KEYS and name in merged:
            merged[name] = [e for e in merged[name] if e.get(ELEMENT_KEYS[name]) != element]
    return job_settings_defaults(merged, creator)


def _merge_by_key(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: str
) -> list[dict[str, Any]]:
    by_key = {item.get(key): item for item in old}
    for item in new:
        by_key[item.get(key)] = copy.deepcopy(item)
    return list(by_key.values())


class _Jobs:
    """Handlers over the ``databricks.jobs`` and ``databricks.job_runs`` tables."""

    def __init__(self, ctx: DatabricksContext) -> None:
        # Tables are looked up per request: a reset or restore replaces them.
        self.ctx = ctx

    def _require(self, job_id: Any) -> dict[str, Any]:
        job: dict[str, Any] | None = self.ctx.table("jobs").get(str(job_id))
        if job is None:
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Job {job_id} does not exist.")
        return job

    def _job_id_from_query(self, request: Request) -> str:
        raw = request.arg("job_id")
        if not raw:
            raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: job_id")
        return raw

    def create(self, request: Request) -> Response:
        body = request.json()
        settings = {k: v for k, v in body.items() if k != "access_control_list"}
        validate_settings(settings)
        job_id = self.ctx.store.next_int("databricks.job_id", JOB_ID_START)
        self.ctx.table("jobs")[str(job_id)] = {
            "job_id": job_id,
            "creator_user_name": self.ctx.user_name,
            "run_as_user_name": run_as_user(settings, self.ctx.user_name),
            "created_time": self.ctx.store.now_ms(),
            "settings": job_settings_defaults(settings, self.ctx.user_name),
        }
        return Response(200, {"job_id": job_id})

    def get(self, request: Request) -> Response:
        job = self._require(self._job_id_from_query(request))
        index = int(request.arg("page_token") or 0)
        return Response(200, _job_page(job, index))

    def list(self, request: Request) -> Response:
        wanted = (request.arg("name") or "").lower()
        expand = request.arg("expand_tasks") == "true"
        jobs = sorted(self.ctx.table("jobs").values(), key=lambda j: j["job_id"])
        if wanted:
            jobs = [j for j in jobs if j["settings"].get("name", "").lower() == wanted]
        chunk, token = page(request, jobs, self.ctx, size_param="limit", most=100)
        body: dict[str, Any] = {"has_more": token is not None}
        if chunk:
            body["jobs"] = [_list_entry(job, expand) for job in chunk]
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def reset(self, request: Request) -> Response:
        body = request.json()
        job = self._require(body.get("job_id"))
        if "new_settings" not in body:
            raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: new_settings")
        settings = copy.deepcopy(body["new_settings"])
        if "run_as" not in settings and "run_as" in job["settings"]:
            # A reset replaces every setting but run_as: left out, the old identity stays.
            settings["run_as"] = copy.deepcopy(job["settings"]["run_as"])
        settings = job_settings_defaults(settings, job["creator_user_name"])
        self._store_settings(job, settings)
        return Response(200, {})

    def update(self, request: Request) -> Response:
        body = request.json()
        job = self._require(body.get("job_id"))
        merged = merge_settings(
            job["settings"],
            body.get("new_settings") or {},
            body.get("fields_to_remove") or [],
            job["creator_user_name"],
        )
        self._store_settings(job, merged)
        return Response(200, {})

    def _store_settings(self, job: dict[str, Any], settings: dict[str, Any]) -> None:
        validate_settings(settings)
        job["settings"] = settings
        job["run_as_user_name"] = run_as_user(settings, job["creator_user_name"])

    def delete(self, request: Request) -> Response:
        job_id = request.json().get("job_id")
        self._require(job_id)
        del self.ctx.table("jobs")[str(job_id)]
        drop_acl(self.ctx, "jobs", str(job_id))
        return Response(200, {})

    def run_now(self, request: Request) -> Response:
        job = self._require(request.json().get("job_id"))
        run_id = self.ctx.store.next_int("databricks.run_id", 5001)
        number = (
            sum(1 for r in self.ctx.table("job_runs").values() if r["job_id"] == job["job_id"]) + 1
        )
        now = self.ctx.store.now_ms()
        # Runs finish at once: the SDK's run waiters sleep for real between polls.
        self.ctx.table("job_runs")[str(run_id)] = {
            "run_id": run_id,
            "job_id": job["job_id"],
            "number_in_job": number,
            "run_name": job["settings"].get("name", "Untitled"),
            "creator_user_name": self.ctx.user_name,
            "start_time": now,
            "end_time": now,
            "run_type": "JOB_RUN",
            "trigger": "ONE_TIME",
            "state": {
                "life_cycle_state": "TERMINATED",
                "result_state": "SUCCESS",
                "state_message": "",
                "user_cancelled_or_timedout": False,
            },
            "status": {
                "state": "TERMINATED",
                "termination_details": {"code": "SUCCESS", "type": "SUCCESS", "message": ""},
            },
        }
        return Response(200, {"run_id": run_id, "number_in_job": number})

    def get_run(self, request: Request) -> Response:
        run_id = request.arg("run_id")
        run = self.ctx.table("job_runs").get(str(run_id))
        if run is None:
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Run {run_id} does not exist.")
        return Response(200, run)

    def list_runs(self, request: Request) -> Response:
        job_id = request.arg("job_id")
        runs = sorted(self.ctx.table("job_runs").values(), key=lambda r: -r["run_id"])
        if job_id:
            runs = [r for r in runs if str(r["job_id"]) == job_id]
        chunk, token = page(request, runs, self.ctx, size_param="limit")
        body: dict[str, Any] = {"has_more": token is not None}
        if chunk:
            body["runs"] = chunk
        if token:
            body["next_page_token"] = token
        return Response(200, body)


def _job_page(job: dict[str, Any], index: int) -> dict[str, Any]:
    """Page ``index`` of a job: every array property sliced to ARRAY_PAGE_SIZE elements."""
    settings = copy.deepcopy(job["settings"])
    start = index * ARRAY_PAGE_SIZE
    longest = max((len(settings.get(name) or []) for name in PAGED_ARRAYS), default=0)
    for name in PAGED_ARRAYS:
        if name in settings:
            settings[name] = settings[name][start : start + ARRAY_PAGE_SIZE]
    body = {k: v for k, v in job.items() if k != "settings"}
    body["settings"] = settings
    more = start + ARRAY_PAGE_SIZE < longest
    body["has_more"] = more
    if more:
        body["next_page_token"] = str(index + 1)
    return body


def _list_entry(job: dict[str, Any], expand: bool) -> dict[str, Any]:
    """A BaseJob: without ``expand_tasks`` the array properties are left out; with it, only
    their first page is shown and ``has_more`` says whether jobs/get has more."""
    entry = {
        k: copy.deepcopy(v) for k, v in job.items() if k not in ("settings", "run_as_user_name")
    }
    settings = copy.deepcopy(job["settings"])
    if expand:
        first = _job_page(job, 0)
        entry["settings"] = first["settings"]
        entry["has_more"] = first["has_more"]
        return entry
    for name in ("tasks", "job_clusters"):
        settings.pop(name, None)
    entry["settings"] = settings
    return entry
