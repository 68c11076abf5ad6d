"""Lakeflow (DLT) pipelines (``/api/2.0/pipelines``): create, get, list, edit (PUT), delete,
and a minimal updates / stop surface.

Semantics (platform-apis.md 1.4, 7.B.9):
- names are unique unless the request sets ``allow_duplicate_names`` (create and edit);
- PUT replaces the whole spec, and a stale ``expected_last_modified`` answers 409;
- ``dry_run`` validates and answers ``effective_settings`` without creating anything;
- a deleted pipeline is gone: the next GET answers 404 ``RESOURCE_DOES_NOT_EXIST`` "The
  specified pipeline <id> was not found." (databricks/cli
  acceptance/pipelines/destroy/destroy-pipeline/output.txt: `pipelines get` right after a
  destroy), and its name is free again;
- a new pipeline is IDLE; an update makes a triggered pipeline run and finish at once,
  a continuous one RUNNING, both visible on the first poll.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.permissions import drop_acl
from data_iac.emulator.http import Request, Response, Route

__all__ = ["effective_spec", "routes"]

_API = r"/api/2\.0/pipelines"
REQUEST_ONLY = (
    "allow_duplicate_names",
    "dry_run",
    "expected_last_modified",
    "pipeline_id",
    "run_as",
)
SPEC_DEFAULTS: dict[str, Any] = {"channel": "CURRENT", "edition": "ADVANCED"}
NODE_TYPE = "i3.xlarge"
_LIKE = re.compile(r"^\s*name\s+LIKE\s+'(?P<pattern>(?:[^']|'')*)'\s*$", re.IGNORECASE)


def routes(ctx: DatabricksContext) -> list[Route]:
    pipelines = _Pipelines(ctx)
    one = rf"{_API}/(?P<id>[^/]+)"
    return [
        route("POST", _API, pipelines.create),
        route("GET", _API, pipelines.list),
        route("GET", one, pipelines.get),
        route("PUT", one, pipelines.edit),
        route("DELETE", one, pipelines.delete),
        route("POST", f"{one}/updates", pipelines.start_update),
        route("GET", rf"{one}/updates/(?P<update_id>[^/]+)", pipelines.get_update),
        route("POST", f"{one}/stop", pipelines.stop),
    ]


def effective_spec(body: dict[str, Any], pipeline_id: str) -> dict[str, Any]:
    """The spec the server keeps for a create/edit body: request-only fields dropped,
    defaults filled, ``id`` set, and DBFS storage for a pipeline outside Unity Catalog."""
    spec = {k: copy.deepcopy(v) for k, v in body.items() if k not in REQUEST_ONLY}
    spec = {**SPEC_DEFAULTS, **spec, "id": pipeline_id}
    if spec.get("serverless"):
        spec.pop("edition", None)
    if not spec.get("catalog") and not spec.get("storage"):
        spec["storage"] = f"dbfs:/pipelines/{pipeline_id}"
    if isinstance(spec.get("clusters"), list):
        spec["clusters"] = [_cluster_defaults(c) for c in spec["clusters"]]
    if isinstance(spec.get("event_log"), dict):
        spec["event_log"].setdefault("catalog", spec.get("catalog"))
        spec["event_log"].setdefault("schema", spec.get("schema") or spec.get("target"))
    return spec


def _cluster_defaults(cluster: dict[str, Any]) -> dict[str, Any]:
    """A pipeline cluster as the service returns it: labelled ``default`` when unlabelled
    (databricks-sdk ``pipelines.PipelineCluster.label``), with a node type, the driver's and
    local disk encryption filled in (Terraform provider pipelines/resource_pipeline.go,
    4eba541abe1a9f50993ea7b9dd83874207e224a1: node_type_id, driver_node_type_id,
    enable_local_disk_encryption computed)."""
    full = {"label": "default", **cluster}
    if not full.get("instance_pool_id") and not full.get("policy_id"):
        full.setdefault("node_type_id", NODE_TYPE)
    if full.get("node_type_id"):
        full.setdefault("driver_node_type_id", full["node_type_id"])
    full.setdefault("enable_local_disk_encryption", False)
    return full


class _Pipelines:
    """Handlers over the ``databricks.pipelines`` table (keyed by pipeline_id)."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _require(self, pipeline_id: str) -> dict[str, Any]:
        pipeline: dict[str, Any] | None = self.ctx.table("pipelines").get(pipeline_id)
        if pipeline is None:
            raise api_error(
                404,
                "RESOURCE_DOES_NOT_EXIST",
                f"The specified pipeline {pipeline_id} was not found.",
            )
        return pipeline

    def _check_name(self, body: dict[str, Any], pipeline_id: str | None) -> None:
        name = body.get("name")
        if not name or body.get("allow_duplicate_names"):
            return
        for other in self.ctx.table("pipelines").values():
            if other["name"] == name and other["pipeline_id"] != pipeline_id:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    f"The pipeline name '{name}' is already used by another pipeline."
                    " This check can be skipped by setting `allow_duplicate_names ="
                    " true` in the request.",
                )

    def create(self, request: Request) -> Response:
        body = request.json()
        self._check_name(body, None)
        pipeline_id = self.ctx.store.new_uuid()
        spec = effective_spec(body, pipeline_id)
        if body.get("dry_run"):
            return Response(200, {"effective_settings": spec})
        self.ctx.table("pipelines")[pipeline_id] = {
            "pipeline_id": pipeline_id,
            "name": spec.get("name", f"Untitled pipeline {pipeline_id[:8]}"),
            "spec": spec,
            "state": "IDLE",
            "health": "HEALTHY",
            "creator_user_name": self.ctx.user_name,
            "run_as_user_name": self.ctx.user_name,
            "last_modified": self.ctx.store.now_ms(),
            "latest_updates": [],
        }
        _set_run_as(self.ctx.table("pipelines")[pipeline_id], body)
        return Response(200, {"pipeline_id": pipeline_id})

    def get(self, request: Request) -> Response:
        pipeline = self._require(request.params["id"])
        return Response(200, _without_empty_updates(copy.deepcopy(pipeline)))

    def list(self, request: Request) -> Response:
        matches = _name_filter(request.arg("filter"))
        pipelines = [p for p in self.ctx.table("pipelines").values() if matches(p["name"])]
        pipelines.sort(key=lambda p: (p["name"], p["pipeline_id"]))
        chunk, token = page(request, pipelines, self.ctx, most=100)  # pipelines.list_pipelines
        body: dict[str, Any] = {}
        if chunk:
            body["statuses"] = [_status(p) for p in chunk]
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def edit(self, request: Request) -> Response:
        pipeline = self._require(request.params["id"])
        body = request.json()
        expected = body.get("expected_last_modified")
        if expected is not None and int(expected) != pipeline["last_modified"]:
            raise api_error(
                409,
                "RESOURCE_CONFLICT",
                f"The pipeline {pipeline['pipeline_id']} was modified since "
                f"{expected} (last modified {pipeline['last_modified']}).",
            )
        self._check_name(body, pipeline["pipeline_id"])
        spec = effective_spec(body, pipeline["pipeline_id"])
        pipeline.update(
            {
                "spec": spec,
                "name": spec.get("name", pipeline["name"]),
                "last_modified": self.ctx.store.now_ms(),
            }
        )
        _set_run_as(pipeline, body)
        return Response(200, {})

    def delete(self, request: Request) -> Response:
        pipeline = self._require(request.params["id"])
        del self.ctx.table("pipelines")[pipeline["pipeline_id"]]
        drop_acl(self.ctx, "pipelines", pipeline["pipeline_id"])
        return Response(200, {})

    def start_update(self, request: Request) -> Response:
        pipeline = self._require(request.params["id"])
        update_id = self.ctx.store.new_uuid()
        continuous = bool(pipeline["spec"].get("continuous"))
        pipeline["state"] = "RUNNING" if continuous else "IDLE"
        update = {
            "update_id": update_id,
            "state": "RUNNING" if continuous else "COMPLETED",
            "creation_time": self.ctx.store.now_ms(),
        }
        pipeline["latest_updates"] = [update, *pipeline["latest_updates"]][:5]
        return Response(200, {"update_id": update_id})

    def get_update(self, request: Request) -> Response:
        pipeline = self._require(request.params["id"])
        wanted = request.params["update_id"]
        for update in pipeline["latest_updates"]:
            if update["update_id"] == wanted:
                return Response(
                    200,
                    {
                        "update": {
                            **update,
                            "pipeline_id": pipeline["pipeline_id"],
                            "config": copy.deepcopy(pipeline["spec"]),
                        }
                    },
                )
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", f"The update {wanted} was not found.")

    def stop(self, request: Request) -> Response:
        pipeline = self._require(request.params["id"])
        pipeline["state"] = "IDLE"
        for update in pipeline["latest_updates"]:
            if update["state"] == "RUNNING":
                update["state"] = "CANCELED"
        return Response(200, {})


def _set_run_as(pipeline: dict[str, Any], body: dict[str, Any]) -> None:
    """``run_as`` is kept beside the spec; runs execute as it, else as the creator."""
    run_as = body.get("run_as") or {}
    if run_as:
        pipeline["run_as"] = copy.deepcopy(run_as)
    else:
        pipeline.pop("run_as", None)
    who = run_as.get("user_name") or run_as.get("service_principal_name")
    pipeline["run_as_user_name"] = who or pipeline["creator_user_name"]


def _status(pipeline: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "pipeline_id",
        "name",
        "state",
        "health",
        "creator_user_name",
        "run_as_user_name",
        "latest_updates",
        "cluster_id",
    )
    return _without_empty_updates({k: copy.deepcopy(pipeline[k]) for k in keys if k in pipeline})


def _without_empty_updates(body: dict[str, Any]) -> dict[str, Any]:
    if not body.get("latest_updates"):
        body.pop("latest_updates", None)
    return body


def _name_filter(expression: str | None) -> Any:
    """A predicate for ``name LIKE '<pattern>'`` (``%`` any run, ``_`` one character)."""
    if not expression:
        return lambda name: True
    found = _LIKE.match(expression)
    if found is None:
        raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid filter: {expression}")
    pattern = found.group("pattern").replace("''", "'")
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    compiled = re.compile(f"^{regex}$", re.IGNORECASE | re.DOTALL)
    return lambda name: compiled.match(name) is not None
