"""``databricks_model_serving``: a Model Serving endpoint, addressed by its name.

Generic handler over ``w.serving_endpoints`` (databricks-sdk ``ServingEndpointsAPI``):
``create`` (long-running; its first answer is read, the endpoint is not waited for),
``get(name)``, ``list()`` (one answer, under ``endpoints``), ``delete(name)``. The only
update of the endpoint's core is ``update_config(name, served_entities, traffic_config,
auto_capture_config)``: the spec's ``config`` is sent as that call's fields. Tags, rate
limits and the AI gateway have calls of their own (``patch``, ``put``,
``put_ai_gateway``) that this handler does not send: they replace, as the name does.
Laktory writes it ``databricks_modelservings`` (``models/resources/databricks/
modelserving.py``); its ``access_controls`` are the endpoint's permissions (keyed by the
endpoint's ``id``, Laktory's ``serving_endpoint_id``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["SPEC"]

_OWN_CALLS = frozenset({"tags", "rate_limits", "ai_gateway", "telemetry_config"})


def named_entities(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Each served entity with its name: as written, else ``entity_name-entity_version``
    (the service's default, ``serving.ServedEntityInput.name``); the config's
    ``config_version`` (the service's counter, no input) left out. Pure."""
    out = dict(spec)
    config = out.get("config")
    if not isinstance(config, Mapping):
        return out
    config = {k: copy.deepcopy(v) for k, v in config.items() if k != "config_version"}
    out["config"] = config
    if not isinstance(config.get("served_entities"), list):
        return out
    for entity in config["served_entities"]:
        if isinstance(entity, dict) and not entity.get("name") and entity.get("entity_name"):
            entity["name"] = f"{entity['entity_name']}-{entity.get('entity_version')}"
    return out


SPEC = KindSpec(
    kind="databricks_model_serving",
    sections=("model_serving_endpoints", "modelservings", "serving_endpoints"),
    config_model=OpenDocument,
    normalize=named_entities,
    immutable=frozenset(
        {"name", "route_optimized", "budget_policy_id", "description", "email_notifications"}
    )
    | _OWN_CALLS,
    computed=frozenset(
        {
            "id",
            "creator",
            "creation_timestamp",
            "last_updated_timestamp",
            "state",
            "pending_config",
            "permission_level",
            "task",
            "endpoint_url",
            "data_plane_info",
        }
    ),
    list_keys={
        "config.served_entities": "name",
        "config.traffic_config.routes": "served_model_name",
        "tags": "key",
    },
    reasons={
        "immutable": "serving.ServingEndpointsAPI: update_config takes only the core config; "
        "tags, rate limits, AI gateway and telemetry have their own calls (not sent here)",
        "refresh": "serving.ServingEndpoint (the listing) holds a config summary without "
        "workload sizes: each endpoint is read",
    },
    identity=("name",),
    import_id="the endpoint name: `churn-scoring`",
    permissions=PermissionsTarget(
        "serving-endpoints", id_attribute="id", config_keys=("serving_endpoint_id",)
    ),
    refresh=Strategy.READ,
    generate="model_serving",
    api=SdkApi(
        service="serving_endpoints",
        id_field="name",
        update="update_config",
        update_body="config",
    ),
)
