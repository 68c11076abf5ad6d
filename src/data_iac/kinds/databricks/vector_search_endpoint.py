"""``databricks_vector_search_endpoint``: a Mosaic AI Vector Search endpoint, by name.

Generic handler over ``w.vector_search_endpoints`` (``create_endpoint`` /
``get_endpoint`` / ``list_endpoints`` / ``delete_endpoint``); create is long-running and
is not waited for (``endpoint_status`` reports readiness). There is no update call for the
endpoint's own fields, so every field replaces.
"""

from __future__ import annotations

from typing import Literal

from data_iac.config.stack.schema import StackEntry
from data_iac.kinds.databricks._sources import RESOURCES_YML
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "VectorSearchEndpoint"]


class VectorSearchEndpoint(StackEntry):
    """A vector search endpoint (REST field names)."""

    name: str | None = None
    endpoint_type: Literal["STANDARD", "STORAGE_OPTIMIZED"] = "STANDARD"
    budget_policy_id: str | None = None
    target_qps: int | None = None


SPEC = KindSpec(
    kind="databricks_vector_search_endpoint",
    sections=("vector_search_endpoints",),
    config_model=VectorSearchEndpoint,
    immutable=frozenset({"name", "endpoint_type", "budget_policy_id", "target_qps"}),
    ignore_remote=frozenset({"budget_policy_id"}),
    reasons={
        "ignore_remote": f"{RESOURCES_YML} vector_search_endpoints: GET gives the effective one"
    },
    computed=frozenset(
        {
            "id",
            "creator",
            "creation_timestamp",
            "last_updated_timestamp",
            "last_updated_user",
            "endpoint_status",
            "num_indexes",
            "effective_budget_policy_id",
            "scaling_info",
        }
    ),
    identity=("name",),
    import_id="the endpoint name: `rag-endpoint`",
    refresh=Strategy.LISTING,
    generate="vector_search_endpoint",
    api=SdkApi(
        service="vector_search_endpoints",
        id_field="name",
        create="create_endpoint",
        get="get_endpoint",
        list="list_endpoints",
        update=None,
        delete="delete_endpoint",
    ),
)
