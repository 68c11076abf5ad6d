"""databricks_secret_scope through the real SDK."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.providers.databricks import secret_scopes
from data_iac.providers.databricks.client import DatabricksClient
from tests.providers.databricks.lifecycle import assert_no_diff

ADDRESS = Address("databricks_secret_scope", "etl")


def test_lifecycle(dbx: DatabricksClient) -> None:
    handler = secret_scopes.Handler(dbx)
    spec = {"name": "etl", "initial_manage_principal": "users"}
    created = handler.create(ADDRESS, spec)
    assert created.remote_id == "etl" and created.attributes["backend_type"] == "DATABRICKS"
    read = handler.read(ADDRESS, "etl")
    assert read is not None
    assert_no_diff(handler, spec, read)
    assert handler.update(ADDRESS, read, spec).remote_id == "etl"
    handler.delete(ADDRESS, read)
    assert handler.read(ADDRESS, "etl") is None
    handler.delete(ADDRESS, read)


def test_duplicate_scope(dbx: DatabricksClient) -> None:
    handler = secret_scopes.Handler(dbx)
    handler.create(ADDRESS, {"name": "etl"})
    with pytest.raises(ResourceAlreadyExists, match="already exists"):
        handler.create(ADDRESS, {"name": "etl"})


def test_list(dbx: DatabricksClient) -> None:
    handler = secret_scopes.Handler(dbx)
    for name in ("b", "a"):
        handler.create(Address("databricks_secret_scope", name), {"name": name})
    assert [a.key for a, _ in handler.list({})] == ["a", "b"]
