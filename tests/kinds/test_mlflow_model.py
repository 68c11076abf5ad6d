"""databricks_mlflow_model (workspace Model Registry) on the emulator. Facts and sources
(databricks-sdk 0.162, ``ml.ModelRegistryAPI``): create answers ``{registered_model}``,
the Databricks get (``/api/2.0/mlflow/databricks/registered-models/get``) answers
``{registered_model_databricks}`` with the model's ``id``; update is a PATCH of the
description; delete a DELETE with the name in the query; the listing is ``ml.Model``."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_mlflow_model"
ADDRESS = Address(KIND, "churn")


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    spec = {"name": "churn", "description": "Churn classifier"}
    created = run_lifecycle(handler, ADDRESS, spec, {**spec, "description": "v2"})
    assert created.remote_id == "churn" and created.attributes["id"]


def test_listed_and_unique(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    handler.create(ADDRESS, {"name": "churn"})
    [(address, listed)] = handler.list({})
    assert address == ADDRESS and "id" not in listed.attributes  # ml.Model has none
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address(KIND, "again"), {"name": "churn"})
