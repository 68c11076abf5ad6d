"""MLflow experiments (``/api/2.0/mlflow/experiments/...``), a generic RPC collection.

From ``ml.ExperimentsAPI`` (databricks-sdk): create needs ``name`` (a workspace path) and
answers ``{experiment_id}``; get answers ``{experiment: {...}}``; names are unique, also
against deleted experiments (400 ``RESOURCE_ALREADY_EXISTS``); delete marks
``lifecycle_stage: deleted``; the listing pages by ``max_results`` under ``experiments``.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    name = str(doc.get("name") or "")
    if not name.startswith("/"):
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", f"Experiment name must be an absolute path: {name}"
        )
    for other in ctx.table("mlflow_experiments").values():
        if other.get("name") == name:
            raise api_error(
                400,
                "RESOURCE_ALREADY_EXISTS",
                f"Experiment '{name}' already exists"
                + (" in deleted state." if other.get("lifecycle_stage") == "deleted" else "."),
            )


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    return {
        "lifecycle_stage": "active",
        "creation_time": now,
        "last_update_time": now,
        "artifact_location": doc.get("artifact_location") or f"dbfs:/databricks/mlflow/{now}",
    }


COLLECTION = Collection(
    noun="experiment",
    table="mlflow_experiments",
    base=r"/api/2\.0/mlflow/experiments",
    id_field="experiment_id",
    list_key="experiments",
    fields=("name", "artifact_location", "tags"),
    required=("name",),
    new_id=lambda ctx, doc: str(ctx.store.next_int("mlflow_experiment_id", 1000000)),
    stamps=_stamps,
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with ID {}"),
    rpc=True,
    rpc_update="update",
    create_echo=False,
    update_echo=False,
    soft_delete=("lifecycle_stage", "deleted"),
    response_key="experiment",
    check=_check,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
