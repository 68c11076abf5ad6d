"""``databricks_experiment``: an MLflow experiment, named by a workspace path.

Generic handler over ``w.experiments`` (``create_experiment`` / ``get_experiment`` /
``list_experiments`` / ``delete_experiment``); get nests the object under ``experiment``;
a deleted experiment has ``lifecycle_stage: deleted`` and reads as gone. The only update
is a rename, which this handler does not send: every field replaces.
"""

from __future__ import annotations

from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.kinds.databricks._sources import RESOURCES_YML
from data_iac.model.kind import SERVER_SET, KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "Experiment"]


class Experiment(StackEntry):
    """An MLflow experiment (REST field names; ``name`` is a workspace path)."""

    name: str
    artifact_location: str | None = None
    tags: list[dict[str, Any]] | None = None


SPEC = KindSpec(
    kind="databricks_experiment",
    sections=("mlflow_experiments", "experiments"),
    config_model=Experiment,
    immutable=frozenset({"name", "artifact_location", "tags"}),
    defaults={"artifact_location": SERVER_SET},
    ignore_remote=frozenset({"tags"}),
    reasons={
        "defaults": f"{RESOURCES_YML} experiments: artifact_location set by the backend",
        "ignore_remote": f"{RESOURCES_YML} experiments: tags are not updated, as in Terraform",
    },
    computed=frozenset({"experiment_id", "lifecycle_stage", "creation_time", "last_update_time"}),
    list_keys={"tags": "key"},
    identity=("name",),
    import_id="the experiment id: `1234567890`",
    refresh=Strategy.LISTING,
    generate="experiment",
    api=SdkApi(
        service="experiments",
        id_field="experiment_id",
        create="create_experiment",
        get="get_experiment",
        list="list_experiments",
        update=None,
        delete="delete_experiment",
        unique_by="name",
        unwrap="experiment",
        gone=("lifecycle_stage", "deleted"),
    ),
)
