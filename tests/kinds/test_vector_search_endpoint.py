"""databricks_vector_search_endpoint on the emulator (facts:
``vectorsearch.VectorSearchEndpointsAPI`` in databricks-sdk: ``create_endpoint`` is
long-running and answers the EndpointInfo, endpoints are addressed by name and listed under
``endpoints``; ``endpoint_type`` is STANDARD or STORAGE_OPTIMIZED)."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ResourceAlreadyExists
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for

KIND = "databricks_vector_search_endpoint"
ADDRESS = Address(KIND, "rag")
SPEC = {"name": "rag", "endpoint_type": "STANDARD"}


def test_create_read_list_delete(dbx: DatabricksClient) -> None:
    handler = handler_for(dbx, KIND)
    created = handler.create(ADDRESS, SPEC)
    assert created.remote_id == "rag"
    assert created.attributes["endpoint_status"] == {"state": "ONLINE"}
    assert [o.remote_id for _, o in handler.list({})] == ["rag"]
    with pytest.raises(ResourceAlreadyExists):
        handler.create(Address(KIND, "again"), SPEC)
    assert spec_of(KIND).immutable >= {"name", "endpoint_type"}  # no update call exists
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, "rag") is None
