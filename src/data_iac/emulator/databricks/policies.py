"""Cluster policies (``/api/2.0/policies/clusters/...``): create, get, list, edit, delete.

Policy names are unique in a workspace: a create or edit that reuses another policy's name
answers 400 ``INVALID_PARAMETER_VALUE``. ``definition`` is a JSON document sent as a string;
one that does not parse is refused the same way. A missing policy answers 404
``RESOURCE_DOES_NOT_EXIST``.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.databricks.permissions import drop_acl
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

_API = r"/api/2\.0/policies/clusters"
SETTABLE = (
    "name",
    "definition",
    "description",
    "max_clusters_per_user",
    "libraries",
    "policy_family_id",
    "policy_family_definition_overrides",
)


def routes(ctx: DatabricksContext) -> list[Route]:
    policies = _Policies(ctx)
    return [
        route("POST", f"{_API}/create", policies.create),
        route("GET", f"{_API}/get", policies.get),
        route("GET", f"{_API}/list", policies.list),
        route("POST", f"{_API}/edit", policies.edit),
        route("POST", f"{_API}/delete", policies.delete),
    ]


class _Policies:
    """Handlers over the ``databricks.cluster_policies`` table (keyed by policy_id)."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _require(self, policy_id: Any) -> dict[str, Any]:
        policy: dict[str, Any] | None = self.ctx.table("cluster_policies").get(str(policy_id))
        if policy is None:
            raise api_error(
                404, "RESOURCE_DOES_NOT_EXIST", f"Can't find a cluster policy with id: {policy_id}."
            )
        return policy

    def _check_name(self, name: Any, policy_id: str | None) -> None:
        if not name:
            raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: name")
        for other in self.ctx.table("cluster_policies").values():
            if other["name"] == name and other["policy_id"] != policy_id:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    f"Cluster policy with name '{name}' already exists.",
                )

    def create(self, request: Request) -> Response:
        fields = _settable(request.json())
        self._check_name(fields.get("name"), None)
        policy_id = self.ctx.store.random_token(16, "0123456789ABCDEF")
        self.ctx.table("cluster_policies")[policy_id] = {
            "definition": "{}",
            **fields,
            "policy_id": policy_id,
            "creator_user_name": self.ctx.user_name,
            "created_at_timestamp": self.ctx.store.now_ms(),
            "is_default": False,
        }
        return Response(200, {"policy_id": policy_id})

    def get(self, request: Request) -> Response:
        return Response(200, copy.deepcopy(self._require(request.arg("policy_id"))))

    def list(self, request: Request) -> Response:
        policies = self.ctx.table("cluster_policies").values()
        by_name = request.arg("sort_column") == "POLICY_NAME"
        ordered = sorted(
            policies, key=lambda p: p["name"] if by_name else p["created_at_timestamp"]
        )
        if request.arg("sort_order") == "DESC":
            ordered.reverse()
        body: dict[str, Any] = {}
        if ordered:
            body["policies"] = copy.deepcopy(ordered)
        return Response(200, body)

    def edit(self, request: Request) -> Response:
        body = request.json()
        policy = self._require(body.get("policy_id"))
        fields = _settable(body)
        self._check_name(fields.get("name"), policy["policy_id"])
        kept = {
            k: policy[k]
            for k in ("policy_id", "creator_user_name", "created_at_timestamp", "is_default")
        }
        policy.clear()
        policy.update({"definition": "{}", **fields, **kept})
        return Response(200, {})

    def delete(self, request: Request) -> Response:
        policy_id = str(request.json().get("policy_id"))
        self._require(policy_id)
        del self.ctx.table("cluster_policies")[policy_id]
        drop_acl(self.ctx, "cluster-policies", policy_id)
        return Response(200, {})


def _settable(body: dict[str, Any]) -> dict[str, Any]:
    fields = {k: copy.deepcopy(body[k]) for k in SETTABLE if k in body}
    definition = fields.get("definition")
    if definition is not None:
        try:
            parsed = json.loads(definition)
        except (TypeError, ValueError) as exc:
            raise api_error(
                400, "INVALID_PARAMETER_VALUE", f"Invalid policy definition: {exc}"
            ) from exc
        if not isinstance(parsed, dict):
            raise api_error(
                400, "INVALID_PARAMETER_VALUE", "Invalid policy definition: expected a JSON object"
            )
    return fields
