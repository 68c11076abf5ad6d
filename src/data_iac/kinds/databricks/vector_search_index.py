"""``databricks_vector_search_index``: a Mosaic AI Vector Search index, by its Unity
Catalog name ``catalog.schema.index`` (Laktory's ``databricks_vectorsearchindexes``).

Generic handler over ``w.vector_search_indexes`` (``create_index`` / ``get_index`` /
``delete_index``). The index lives on the endpoint ``endpoint_name`` names (a stack's
endpoint is made first). There is no update call, so every field replaces; the listing
needs an endpoint name, so each index is read by its name.
"""

from __future__ import annotations

from data_iac.config.stack.schema import OpenDocument
from data_iac.model.kind import KindSpec, SdkApi

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="databricks_vector_search_index",
    sections=("vector_search_indexes", "vectorsearchindexes"),
    config_model=OpenDocument,
    immutable=frozenset(
        {
            "name",
            "endpoint_name",
            "primary_key",
            "index_type",
            "index_subtype",
            "delta_sync_index_spec",
            "direct_access_index_spec",
        }
    ),
    computed=frozenset({"creator", "endpoint_id", "status"}),
    reasons={"immutable": "vectorsearch.VectorSearchIndexesAPI has no update call"},
    identity=("name",),
    import_id="the index's full name: `main.rag.docs_index`",
    refers={"endpoint_name": "databricks_vector_search_endpoint"},
    api=SdkApi(
        service="vector_search_indexes",
        id_field="name",
        create="create_index",
        get="get_index",
        list=None,
        update=None,
        delete="delete_index",
    ),
)
