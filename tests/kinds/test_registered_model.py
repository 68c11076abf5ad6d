"""databricks_registered_model on the emulator (facts: ``catalog.RegisteredModelsAPI`` in
databricks-sdk: created from catalog, schema and name, addressed by full name, listed per
schema; a missing schema answers 404 ``SCHEMA_DOES_NOT_EXIST`` "Schema 'c.s' does not
exist." as UC does, platform-apis.md 7.B.1; names lower-cased, 7.B.6)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceNotFound
from data_iac.kinds import spec_of
from data_iac.providers.databricks import handlers_for
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import run_lifecycle

KIND = "databricks_registered_model"
ADDRESS = Address(KIND, "churn")
SPEC = {"catalog_name": "ml", "schema_name": "models", "name": "churn"}


def _schema(dbx: DatabricksClient) -> None:
    uc = handlers_for(dbx, [spec_of("databricks_catalog"), spec_of("databricks_schema")])
    uc["databricks_catalog"].create(Address("databricks_catalog", "ml"), {"name": "ml"})
    uc["databricks_schema"].create(
        Address("databricks_schema", "ml.models"), {"catalog_name": "ml", "name": "models"}
    )


def test_lifecycle_and_listing_per_schema(dbx: DatabricksClient) -> None:
    _schema(dbx)
    handler = handler_for(dbx, KIND)
    created = run_lifecycle(handler, ADDRESS, SPEC, {**SPEC, "comment": "v2"})
    assert created.remote_id == "ml.models.churn"
    handler.create(ADDRESS, {**SPEC, "name": "Churn2"})
    listed = list(handler.list({"catalog_name": "ml", "schema_name": "models"}))
    assert [o.remote_id for _, o in listed] == ["ml.models.churn2"]
    assert list(handler.list({"catalog_name": "ml", "schema_name": "other"})) == []


def test_needs_its_schema(dbx: DatabricksClient) -> None:
    with pytest.raises(ResourceNotFound, match=r"Schema 'ml\.nope' does not exist\."):
        handler_for(dbx, KIND).create(ADDRESS, {**SPEC, "schema_name": "nope"})
