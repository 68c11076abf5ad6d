"""Clusters API 2.1 (``/api/2.\\d/clusters/...``): create, edit, get, list, delete (terminate),
permanent-delete, start, plus the reference lists (spark-versions, list-node-types).

Semantics copied from the real service (platform-apis.md 1.4, 7.B.8): create is not
idempotent; a created cluster is PENDING and reports RUNNING on the first poll (the SDK's
waiters sleep for real); ``delete`` only terminates; ``permanent-delete`` removes it; a
missing cluster answers 400 ``INVALID_PARAMETER_VALUE`` "Cluster <id> does not exist".
The server adds ``default_tags``, ``cluster_source: API``, ``creator_user_name``, ``state``
and the cluster defaults (``compute_defaults``: cloud attributes, disk settings, driver), and
echoes every field of the request, ``custom_tags`` included, also under ``spec``.
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.compute_defaults import cluster_defaults
from data_iac.emulator.databricks.limits import check_cluster
from data_iac.emulator.databricks.permissions import drop_acl
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

_API = r"/api/2\.\d/clusters"
SPARK_VERSIONS = ("15.4.x-scala2.12", "16.4.x-scala2.12", "17.3.x-scala2.13")
NODE_TYPES = ("i3.xlarge", "i3.2xlarge", "m5d.large", "r5d.xlarge")
# Fields the server owns; a request cannot set them.
SERVER_FIELDS = (
    "cluster_id",
    "state",
    "state_message",
    "creator_user_name",
    "default_tags",
    "cluster_source",
    "start_time",
    "terminated_time",
    "termination_reason",
    "spec",
    "last_restarted_time",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    clusters = _Clusters(ctx)
    return [
        route("POST", f"{_API}/create", clusters.create),
        route("POST", f"{_API}/edit", clusters.edit),
        route("GET", f"{_API}/get", clusters.get),
        route("GET", f"{_API}/list", clusters.list),
        route("POST", f"{_API}/delete", clusters.terminate),
        route("POST", f"{_API}/permanent-delete", clusters.permanent_delete),
        route("POST", f"{_API}/start", clusters.start),
        route("GET", f"{_API}/spark-versions", clusters.spark_versions),
        route("GET", f"{_API}/list-node-types", clusters.node_types),
    ]


class _Clusters:
    """Handlers over the ``databricks.clusters`` table (keyed by cluster_id)."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _require(self, cluster_id: Any) -> dict[str, Any]:
        cluster: dict[str, Any] | None = self.ctx.table("clusters").get(str(cluster_id))
        if cluster is None:
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Cluster {cluster_id} does not exist")
        return cluster

    def _new_id(self) -> str:
        stamp = self.ctx.store.now_ms() // 1000
        day = f"{(stamp // 86400) % 1200:04d}"
        clock = f"{stamp % 86400:06d}"
        return f"{day}-{clock}-{self.ctx.store.random_token(8)}"

    def create(self, request: Request) -> Response:
        spec = _validated_spec(request.json())
        cluster_id = self._new_id()
        self.ctx.table("clusters")[cluster_id] = {
            **self._filled(spec),
            "cluster_id": cluster_id,
            "creator_user_name": self.ctx.user_name,
            "cluster_source": "API",
            "default_tags": self._default_tags(cluster_id, spec),
            "state": "PENDING",
            "state_message": "Starting Spark",
            "start_time": self.ctx.store.now_ms(),
            "spec": copy.deepcopy(spec),
        }
        return Response(200, {"cluster_id": cluster_id})

    def _filled(self, spec: dict[str, Any]) -> dict[str, Any]:
        """The cluster as the service returns it: its defaults filled (``compute_defaults``);
        a single-user cluster names its user (databricks/cli libs/testserver/clusters.go,
        7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f)."""
        full = cluster_defaults(spec, job=False)
        # returned only under ``spec``, never at the top level (libs/testserver/clusters.go)
        full.pop("apply_policy_default_values", None)
        if full.get("data_security_mode") == "SINGLE_USER":
            full.setdefault("single_user_name", self.ctx.user_name)
        return full

    def _default_tags(self, cluster_id: str, spec: dict[str, Any]) -> dict[str, str]:
        return {
            "Vendor": "Databricks",
            "Creator": self.ctx.user_name,
            "ClusterName": str(spec.get("cluster_name", "")),
            "ClusterId": cluster_id,
        }

    def edit(self, request: Request) -> Response:
        body = request.json()
        cluster = self._require(body.get("cluster_id"))
        spec = _validated_spec({k: v for k, v in body.items() if k != "cluster_id"})
        kept = {k: cluster[k] for k in SERVER_FIELDS if k in cluster}
        cluster.clear()
        cluster.update({**self._filled(spec), **kept, "spec": copy.deepcopy(spec)})
        cluster["default_tags"] = self._default_tags(cluster["cluster_id"], spec)
        if cluster["state"] == "RUNNING":  # an edit restarts a running cluster
            cluster["state"], cluster["state_message"] = "RESTARTING", "Restarting"
        return Response(200, {})

    def get(self, request: Request) -> Response:
        cluster = self._require(request.arg("cluster_id"))
        _advance(cluster)
        return Response(200, copy.deepcopy(cluster))

    def list(self, request: Request) -> Response:
        clusters = sorted(self.ctx.table("clusters").values(), key=lambda c: c["cluster_id"])
        chunk, token = page(request, clusters, self.ctx, size_param="page_size")
        body: dict[str, Any] = {}
        if chunk:
            body["clusters"] = [copy.deepcopy(_advance(c)) for c in chunk]
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def terminate(self, request: Request) -> Response:
        cluster = self._require(request.json().get("cluster_id"))
        cluster.update(
            {
                "state": "TERMINATED",
                "state_message": "Terminated by user",
                "terminated_time": self.ctx.store.now_ms(),
                "termination_reason": {
                    "code": "USER_REQUEST",
                    "type": "SUCCESS",
                    "parameters": {"username": self.ctx.user_name},
                },
            }
        )
        return Response(200, {})

    def permanent_delete(self, request: Request) -> Response:
        cluster_id = str(request.json().get("cluster_id"))
        self._require(cluster_id)
        del self.ctx.table("clusters")[cluster_id]
        drop_acl(self.ctx, "clusters", cluster_id)
        return Response(200, {})

    def start(self, request: Request) -> Response:
        cluster = self._require(request.json().get("cluster_id"))
        for key in ("terminated_time", "termination_reason"):
            cluster.pop(key, None)
        cluster.update(
            {
                "state": "PENDING",
                "state_message": "Starting Spark",
                "start_time": self.ctx.store.now_ms(),
            }
        )
        return Response(200, {})

    def spark_versions(self, request: Request) -> Response:
        return Response(
            200,
            {
                "versions": [
                    {"key": v, "name": f"{v.split('.x')[0]} (includes Apache Spark)"}
                    for v in SPARK_VERSIONS
                ]
            },
        )

    def node_types(self, request: Request) -> Response:
        return Response(
            200,
            {
                "node_types": [
                    {
                        "node_type_id": n,
                        "memory_mb": 31232,
                        "num_cores": 4.0,
                        "description": n,
                        "instance_type_id": n,
                        "category": "General Purpose",
                    }
                    for n in NODE_TYPES
                ]
            },
        )


def _validated_spec(body: dict[str, Any]) -> dict[str, Any]:
    """The client-settable fields of a create/edit body; checks the ones the API requires."""
    spec = {k: copy.deepcopy(v) for k, v in body.items() if k not in SERVER_FIELDS}
    check_cluster(spec)
    if not spec.get("spark_version"):
        raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: spark_version")
    if "num_workers" not in spec and "autoscale" not in spec and not spec.get("is_single_node"):
        spec["num_workers"] = 0
    return spec


def _advance(cluster: dict[str, Any]) -> dict[str, Any]:
    """Move a starting cluster to RUNNING: transitions take no time in the emulator."""
    if cluster["state"] in ("PENDING", "RESTARTING", "RESIZING"):
        cluster["state"], cluster["state_message"] = "RUNNING", ""
    return cluster
