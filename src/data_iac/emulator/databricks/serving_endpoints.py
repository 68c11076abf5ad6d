"""Model Serving endpoints (``/api/2.0/serving-endpoints``): a REST collection, addressed
by name, plus the one update the service has, ``PUT .../{name}/config``.

Facts from ``serving.ServingEndpointsAPI`` and its models (databricks-sdk 0.162):
- create needs ``name`` (unique in the workspace; alphanumeric characters, dashes and
  underscores) and answers the ``ServingEndpointDetailed``;
- the listing is one answer under ``endpoints``, each a ``ServingEndpoint`` whose config
  is only a summary of the served entities (no workload sizes, no traffic);
- a served entity's ``name`` defaults to ``entity_name-entity_version``
  (``ServedEntityInput.name``) and is unique in the endpoint;
- the config carries a ``config_version`` the service counts.
The emulator serves a config at once (the real service reports ``config_update:
IN_PROGRESS`` first) and routes all traffic to the only served entity when no
``traffic_config`` is given.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["COLLECTION", "routes"]

_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_CONFIG_FIELDS = ("served_entities", "served_models", "traffic_config", "auto_capture_config")


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    name = str(doc.get("name") or "")
    if not _NAME.match(name):
        raise api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            f"Invalid endpoint name {name}: it may consist of alphanumeric characters, "
            "dashes and underscores",
        )
    if isinstance(doc.get("config"), dict):
        doc["config"] = _served_config(doc["config"], 1)


def _served_config(config: dict[str, Any], version: int) -> dict[str, Any]:
    """The config as served: entity names filled in, unique, and the traffic routed."""
    served = copy.deepcopy(config)
    entities = served.get("served_entities") or []
    for entity in entities:
        if not entity.get("entity_name") and not entity.get("external_model"):
            raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: entity_name")
        if not entity.get("name"):
            entity["name"] = f"{entity.get('entity_name')}-{entity.get('entity_version')}"
    names = [entity["name"] for entity in entities]
    if len(set(names)) != len(names):
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", "Served entity names must be unique in an endpoint"
        )
    if len(entities) == 1 and not served.get("traffic_config"):
        served["traffic_config"] = {
            "routes": [{"served_model_name": names[0], "traffic_percentage": 100}]
        }
    served["config_version"] = version
    return served


_SUMMARY = (
    "ai_gateway",
    "budget_policy_id",
    "creation_timestamp",
    "creator",
    "description",
    "id",
    "last_updated_timestamp",
    "name",
    "state",
    "tags",
    "task",
    "telemetry_config",
)
_ENTITY_SUMMARY = ("entity_name", "entity_version", "external_model", "foundation_model", "name")


def _summary(doc: dict[str, Any]) -> dict[str, Any]:
    """An endpoint as the listing shows it (``serving.ServingEndpoint``): its config only
    as a summary of what is served, without sizes or traffic."""
    shown = {k: copy.deepcopy(doc[k]) for k in _SUMMARY if k in doc}
    entities = (doc.get("config") or {}).get("served_entities")
    if entities is not None:
        shown["config"] = {
            "served_entities": [
                {k: copy.deepcopy(e[k]) for k in _ENTITY_SUMMARY if k in e} for e in entities
            ]
        }
    return shown


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {
        "id": ctx.store.new_uuid().replace("-", ""),
        "creator": ctx.user_name,
        "creation_timestamp": now,
        "last_updated_timestamp": now,
        "state": {"ready": "READY", "config_update": "NOT_UPDATING"},
        "permission_level": "CAN_MANAGE",
    }


COLLECTION = Collection(
    noun="serving endpoint",
    table="serving_endpoints",
    base=r"/api/2\.0/serving-endpoints",
    id_field="name",
    list_key="endpoints",
    fields=(
        "name",
        "config",
        "ai_gateway",
        "budget_policy_id",
        "description",
        "email_notifications",
        "rate_limits",
        "route_optimized",
        "tags",
        "telemetry_config",
    ),
    required=("name",),
    new_id=same_as("name"),
    stamps=_stamps,
    duplicate=ErrorShape(400, "RESOURCE_ALREADY_EXISTS", "Endpoint with name '{}' already exists"),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Endpoint with name '{}' does not exist"),
    paginated=False,
    check=_check,
    list_view=_summary,
)


def _update_config(ctx: DatabricksContext, request: Request) -> Response:
    """``PUT /serving-endpoints/{name}/config``: the new core config, served at once."""
    rows = ctx.table(COLLECTION.table)
    name = str(request.params.get("id"))
    doc = rows.get(name)
    if doc is None:
        raise COLLECTION.missing.raise_for(name)
    body = request.json()
    if not isinstance(body, dict) or not (body.get("served_entities") or body.get("served_models")):
        raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: served_entities")
    version = int((doc.get("config") or {}).get("config_version") or 0) + 1
    config = {k: copy.deepcopy(body[k]) for k in _CONFIG_FIELDS if k in body}
    doc["config"] = _served_config(config, version)
    doc["last_updated_timestamp"] = ctx.now()
    return Response(200, copy.deepcopy(doc))


def routes(ctx: DatabricksContext) -> list[Route]:
    served = [r for r in COLLECTION.routes(ctx) if r.method != "PATCH"]  # no such call
    config = r"/api/2\.0/serving-endpoints/(?P<id>[^/]+)/config"
    return [*served, route("PUT", config, lambda request: _update_config(ctx, request))]
