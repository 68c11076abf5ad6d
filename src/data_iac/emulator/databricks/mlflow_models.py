"""Workspace Model Registry models (``/api/2.0/mlflow/registered-models/...``), an RPC
collection whose verbs differ from the usual ones.

Facts from ``ml.ModelRegistryAPI`` (databricks-sdk 0.162): ``POST .../create`` answers
``{registered_model: Model}``; the Databricks get is ``GET
/api/2.0/mlflow/databricks/registered-models/get?name=`` and answers
``{registered_model_databricks: ModelDatabricks}`` (with an ``id``, the permissions id);
``PATCH .../update`` takes ``name`` and ``description``; ``DELETE .../delete?name=``; the
listing pages by ``max_results`` under ``registered_models``. Names are unique; the
duplicate and missing-model errors are MLflow's ``RESOURCE_ALREADY_EXISTS`` and
``RESOURCE_DOES_NOT_EXIST`` (the wording is this emulator's).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

_BASE = r"/api/2\.0/mlflow/registered-models"


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {
        "id": ctx.store.new_uuid().replace("-", ""),
        "creation_timestamp": now,
        "last_updated_timestamp": now,
        "user_id": ctx.user_name,
        "permission_level": "CAN_MANAGE",
    }


def _listed(doc: dict[str, Any]) -> dict[str, Any]:
    """A model as the listing shows it (``ml.Model``: no id, no permission level)."""
    return {k: v for k, v in doc.items() if k not in ("id", "permission_level")}


def _touched(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {"last_updated_timestamp": ctx.now()}


COLLECTION = Collection(
    noun="registered model",
    table="mlflow_registered_models",
    base=_BASE,
    id_field="name",
    list_key="registered_models",
    fields=("name", "description", "tags"),
    update_fields=("description",),
    required=("name",),
    new_id=same_as("name"),
    stamps=_stamps,
    update_stamps=_touched,
    duplicate=ErrorShape(
        400, "RESOURCE_ALREADY_EXISTS", "Registered Model (name={}) already exists."
    ),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Registered Model with name={} not found"),
    rpc=True,
    rpc_routes={
        "get": ("GET", r"/api/2\.0/mlflow/databricks/registered-models/get"),
        "update": ("PATCH", f"{_BASE}/update"),
        "delete": ("DELETE", f"{_BASE}/delete"),
    },
    response_key="registered_model_databricks",
    create_key="registered_model",
    update_echo=False,
    list_view=_listed,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
