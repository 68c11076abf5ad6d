"""databricks_vector_search_index on the emulator. Facts and sources:
``vectorsearch.VectorSearchIndexesAPI`` and ``VectorIndex`` (databricks-sdk 0.162): create
needs name, endpoint_name, primary_key and index_type with its spec; get/delete by name;
the listing takes an endpoint name (``MiniVectorIndex``); no update call."""

from __future__ import annotations

import pytest

from data_iac.addresses import Address
from data_iac.errors import ProviderError
from data_iac.kinds import spec_of
from data_iac.providers.databricks.client import DatabricksClient
from tests.kinds._generic import handler_for
from tests.providers.databricks.lifecycle import assert_no_diff

KIND = "databricks_vector_search_index"
ADDRESS = Address(KIND, "docs")
SPEC = {
    "name": "main.rag.docs_index",
    "endpoint_name": "rag",
    "primary_key": "id",
    "index_type": "DIRECT_ACCESS",
    "direct_access_index_spec": {
        "schema_json": '{"id": "int", "text": "string", "vec": "array<float>"}',
        "embedding_vector_columns": [{"name": "vec", "embedding_dimension": 3}],
    },
}


def _endpoint_and_schema(dbx: DatabricksClient) -> None:
    dbx.w.catalogs.create(name="main")
    dbx.w.schemas.create(name="rag", catalog_name="main")
    handler_for(dbx, "databricks_vector_search_endpoint").create(
        Address("databricks_vector_search_endpoint", "rag"),
        {"name": "rag", "endpoint_type": "STANDARD"},
    )


def test_create_read_delete(dbx: DatabricksClient) -> None:
    _endpoint_and_schema(dbx)
    handler = handler_for(dbx, KIND)
    created = handler.create(ADDRESS, SPEC)
    assert created.remote_id == "main.rag.docs_index"
    assert created.attributes["status"]["ready"] is True
    assert_no_diff(handler, SPEC, created)
    listed = dbx.w.vector_search_indexes.list_indexes(endpoint_name="rag")
    assert [i.name for i in listed] == ["main.rag.docs_index"]
    assert "index_type" in spec_of(KIND).immutable  # no update call exists
    handler.delete(ADDRESS, created)
    assert handler.read(ADDRESS, created.remote_id) is None


def test_the_endpoint_and_the_type_spec_are_checked(dbx: DatabricksClient) -> None:
    _endpoint_and_schema(dbx)
    handler = handler_for(dbx, KIND)
    with pytest.raises(ProviderError, match="nosuch"):
        handler.create(ADDRESS, {**SPEC, "endpoint_name": "nosuch"})
    with pytest.raises(ProviderError, match="delta_sync_index_spec"):
        handler.create(ADDRESS, {**SPEC, "index_type": "DELTA_SYNC"})
