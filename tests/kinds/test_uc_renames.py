"""Unity Catalog kinds addressed by name rename in place: the generic handler sends
``new_name`` (``catalog.StorageCredentialsAPI.update``, ``ExternalLocationsAPI.update``,
``ConnectionsAPI.update``, ``RegisteredModelsAPI.update`` all take it, databricks-sdk
0.162) and reads the object back under its new id; the emulator's collection moves the
object (a registered model's full name ends with the new name)."""

from __future__ import annotations

from data_iac.addresses import Address
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for

ROLE = {"role_arn": "arn:aws:iam::123456789012:role/lake"}


def _credential(dbx: DatabricksClient, name: str) -> None:
    handler_for(dbx, "databricks_storage_credential").create(
        Address("databricks_storage_credential", name), {"name": name, "aws_iam_role": ROLE}
    )


def test_a_storage_credential_renames_in_place(dbx: DatabricksClient) -> None:
    kind = "databricks_storage_credential"
    handler = handler_for(dbx, kind)
    address = Address(kind, "cred")
    created = handler.create(address, {"name": "old", "aws_iam_role": ROLE, "comment": "a"})
    renamed = handler.update(address, created, {"name": "new", "aws_iam_role": ROLE})
    assert renamed.remote_id == "new" and renamed.attributes["comment"] == "a"
    assert handler.read(address, "old") is None
    assert "name" not in spec_of(kind).immutable


def test_an_external_location_renames_in_place(dbx: DatabricksClient) -> None:
    _credential(dbx, "cred")
    kind = "databricks_external_location"
    handler = handler_for(dbx, kind)
    spec = {"name": "landing", "url": "s3://bucket/landing", "credential_name": "cred"}
    created = handler.create(Address(kind, "loc"), spec)
    renamed = handler.update(Address(kind, "loc"), created, {**spec, "name": "raw-landing"})
    assert renamed.remote_id == "raw-landing"
    assert renamed.attributes["url"] == "s3://bucket/landing"


def test_a_registered_model_renames_within_its_schema(dbx: DatabricksClient) -> None:
    dbx.w.catalogs.create(name="main")
    dbx.w.schemas.create(name="ml", catalog_name="main")
    kind = "databricks_registered_model"
    handler = handler_for(dbx, kind)
    spec = {"name": "churn", "catalog_name": "main", "schema_name": "ml"}
    created = handler.create(Address(kind, "m"), spec)
    renamed = handler.update(Address(kind, "m"), created, {**spec, "name": "churn_v2"})
    assert renamed.remote_id == "main.ml.churn_v2"
    assert renamed.attributes["name"] == "churn_v2"
    assert handler.read(Address(kind, "m"), "main.ml.churn") is None


def test_a_connection_renames_in_place(dbx: DatabricksClient) -> None:
    kind = "databricks_connection"
    handler = handler_for(dbx, kind)
    options = {"host": "db.example.com", "port": "5432", "user": "u", "password": "p"}
    spec = {"name": "pg", "connection_type": "POSTGRESQL", "options": options}
    created = handler.create(Address(kind, "pg"), spec)
    renamed = handler.update(Address(kind, "pg"), created, {**spec, "name": "pg_sales"})
    assert renamed.remote_id == "pg_sales"
    assert renamed.attributes["connection_type"] == "POSTGRESQL"
