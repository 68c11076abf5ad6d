"""One desired spec -> the body of one provider resource. Pure.

Our specs hold REST field names; the provider uses the same names except for repeated
blocks (singular), the grants and permissions targets (one attribute per securable or
object type), and JSON documents it takes as text (a cluster policy's ``definition``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from data_iac.model.terraform import BLOCK_SINGULARS, TerraformType

__all__ = ["PERMISSION_ATTRIBUTES", "SECRET", "terraform_body"]

SECRET = object()
"""Stands in for a sensitive value; the exporter turns it into an input variable."""

# Our permissions object type -> the provider's attribute naming the object.
PERMISSION_ATTRIBUTES: Mapping[str, str] = {
    "jobs": "job_id",
    "pipelines": "pipeline_id",
    "clusters": "cluster_id",
    "cluster-policies": "cluster_policy_id",
    "sql/warehouses": "sql_endpoint_id",
    "notebooks": "notebook_id",
    "directories": "directory_id",
    "files": "workspace_file_id",
    "instance-pools": "instance_pool_id",
    "serving-endpoints": "serving_endpoint_id",
    "experiments": "experiment_id",
    "registered-models": "registered_model_id",
    "repos": "repo_id",
}

_SENSITIVE = frozenset({"string_value", "bytes_value"})
_TEXT_DOCUMENTS = frozenset({"definition"})


def terraform_body(
    facts: TerraformType, spec: Mapping[str, Any], path_of: Callable[[str], str]
) -> dict[str, Any]:
    """The provider resource body for ``spec`` (references left for the caller)."""
    body = {k: v for k, v in spec.items() if k not in facts.drop and v is not None}
    body = {facts.renames.get(k, k): v for k, v in body.items()}
    if facts.type == "databricks_grants":
        body = _grants(spec)
    elif facts.type == "databricks_permissions":
        body = _permissions(spec)
    for name in _SENSITIVE & body.keys():
        body[name] = SECRET
    for name in _TEXT_DOCUMENTS & body.keys():
        if isinstance(body[name], Mapping):
            body[name] = json.dumps(body[name], sort_keys=True)
    if isinstance(body.get("source"), str):
        body["source"] = path_of(body["source"])
    shaped: dict[str, Any] = _singular_blocks(body)
    return shaped


def _grants(spec: Mapping[str, Any]) -> dict[str, Any]:
    grants = spec.get("grants") or []
    if isinstance(grants, Mapping):
        grants = [{"principal": p, "privileges": v} for p, v in grants.items()]
    securable = str(spec.get("securable_type") or "").lower()
    return {
        securable: spec.get("full_name"),
        "grants": [
            {"principal": g["principal"], "privileges": sorted(g.get("privileges") or [])}
            for g in grants
        ],
    }


def _permissions(spec: Mapping[str, Any]) -> dict[str, Any]:
    object_type = str(spec.get("object_type") or "")
    target = PERMISSION_ATTRIBUTES.get(object_type, "object_type")
    body: dict[str, Any] = {target: spec.get("object_id")}
    entries = [dict(e) for e in spec.get("access_control_list") or []]
    owner = spec.get("owner")
    if isinstance(owner, Mapping) and owner:
        entries.append({**owner, "permission_level": "IS_OWNER"})
    body["access_control_list"] = entries
    return body


def _singular_blocks(value: Any) -> Any:
    """REST plurals of lists of objects -> the provider's singular block names, at any depth."""
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            is_blocks = isinstance(item, list) and all(isinstance(i, Mapping) for i in item)
            name = BLOCK_SINGULARS.get(key, key) if is_blocks and item else key
            out[name] = _singular_blocks(item)
        return out
    if isinstance(value, list):
        return [_singular_blocks(item) for item in value]
    return value
