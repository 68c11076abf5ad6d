"""databricks_model_serving on the emulator. Facts and sources (databricks-sdk 0.162,
``serving.ServingEndpointsAPI`` and its models): endpoints are addressed by name and listed
in one answer under ``endpoints``; ``create`` is long-running; the core config changes
only through ``update_config`` (``PUT .../{name}/config``); a served entity's name defaults
to ``entity_name-entity_version`` (``ServedEntityInput.name``)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError, ResourceAlreadyExists
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_model_serving"
ADDRESS = Address(KIND, "churn")
ENTITY = {
    "entity_name": "main.ml.churn",
    "entity_version": "1",
    "workload_size": "Small",
    "scale_to_zero_enabled": True,
}
SPEC = {"name": "churn", "config": {"served_entities": [ENTITY]}}


def test_lifecycle_updates_the_config_in_place(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    changed = {"name": "churn", "config": {"served_entities": [{**ENTITY, "entity_version": "2"}]}}
    normalize = spec_of(KIND).normalize  # the planner compares the spec in this shape
    assert normalize is not None
    created = run_lifecycle(handler, ADDRESS, normalize(SPEC), normalize(changed))
    assert created.remote_id == "churn"
    config = created.attributes["config"]
    assert config["served_entities"][0]["name"] == "main.ml.churn-1"
    assert config["traffic_config"]["routes"] == [
        {"served_model_name": "main.ml.churn-1", "traffic_percentage": 100}
    ]


def test_the_config_version_counts_updates(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    created = handler.create(ADDRESS, SPEC)
    medium = {**ENTITY, "workload_size": "Medium"}
    again = {"name": "churn", "config": {"served_entities": [medium]}}
    updated = handler.update(ADDRESS, created, again)
    assert "config_version" not in updated.attributes["config"]  # the service's counter
    live = dbx.w.serving_endpoints.get("churn").config
    assert live is not None and live.config_version == 2
    [(_, listed)] = handler.list({})  # a summary: no sizes, so refresh reads each one
    assert listed.remote_id == "churn"
    assert "workload_size" not in listed.attributes["config"]["served_entities"][0]
    assert "name" in spec_of(KIND).immutable and "config" not in spec_of(KIND).immutable


def test_names_are_unique_and_checked(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    handler.create(ADDRESS, SPEC)
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address(KIND, "again"), SPEC)
    with pytest.raises(ProviderError, match="alphanumeric"):
        handler.create(Address(KIND, "bad"), {**SPEC, "name": "churn.v2"})
