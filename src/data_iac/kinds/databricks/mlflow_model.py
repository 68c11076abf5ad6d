"""``databricks_mlflow_model``: a model of the workspace Model Registry (not a Unity
Catalog registered model), by name: Laktory's ``databricks_mlflowmodels``
(``models/resources/databricks/mlflowmodel.py``, the Terraform provider's
``databricks_mlflow_model``).

Generic handler over ``w.model_registry`` (``create_model`` / ``get_model`` /
``list_models`` / ``update_model`` / ``delete_model``): the get nests the model under
``registered_model_databricks``, the create's answer under ``registered_model``. Only the
description is updated in place; ``tags`` (their own calls, ``set_model_tag``) and the
name would replace the model and lose its versions, so they are not accepted here, nor
Laktory's ``access_controls`` (the ``registered-models`` permissions are not managed yet).
"""

from __future__ import annotations

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "MlflowModel"]


class MlflowModel(StackEntry):
    """A workspace registry model (REST field names)."""

    name: str
    description: str | None = None


SPEC = KindSpec(
    kind="databricks_mlflow_model",
    sections=("mlflow_models", "mlflowmodels"),
    config_model=MlflowModel,
    immutable=frozenset({"name"}),
    computed=frozenset(
        {
            "id",
            "creation_timestamp",
            "last_updated_timestamp",
            "latest_versions",
            "user_id",
            "permission_level",
            "tags",
        }
    ),
    identity=("name",),
    import_id="the model name: `churn-classifier`",
    refresh=Strategy.LISTING,
    generate="mlflow_model",
    api=SdkApi(
        service="model_registry",
        id_field="name",
        create="create_model",
        get="get_model",
        list="list_models",
        update="update_model",
        delete="delete_model",
        unique_by="name",
        unwrap="registered_model_databricks",
        created_unwrap="registered_model",
    ),
)
