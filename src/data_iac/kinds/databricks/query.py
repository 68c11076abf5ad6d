"""``databricks_query``: a saved SQL query (the ``/api/2.0/sql/queries`` API).

Generic handler over ``w.queries``: create takes ``query=``, update ``update_mask`` and
``query=``; delete trashes (``lifecycle_state: TRASHED``), which reads as gone
(``sql.QueriesAPI``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from data_iac.config.stack.schema import AccessControl, StackEntry
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["SPEC", "Query"]


class Query(StackEntry):
    """A saved query (REST field names)."""

    display_name: str | None = None
    query_text: str
    warehouse_id: str | None = None
    description: str | None = None
    parent_path: str | None = None
    catalog: str | None = None
    schema_: str | None = Field(default=None, alias="schema")
    parameters: list[dict[str, Any]] | None = None
    tags: list[str] | None = None
    run_as_mode: str | None = None
    apply_auto_limit: bool | None = None
    access_controls: list[AccessControl] = []


SPEC = KindSpec(
    kind="databricks_query",
    sections=("queries",),
    config_model=Query,
    immutable=frozenset({"parent_path"}),
    computed=frozenset(
        {
            "id",
            "owner_user_name",
            "lifecycle_state",
            "create_time",
            "update_time",
            "last_modifier_user_name",
        }
    ),
    unordered=frozenset({"tags"}),
    list_keys={"parameters": "name"},
    name_field="display_name",
    identity=("display_name", "parent_path"),  # found by these after a crash (generic.py)
    import_id="the query id: `a1b2c3d4-...`",
    permissions=PermissionsTarget("queries", config_keys=("sql_query_id",)),
    refresh=Strategy.READ,  # the listing carries no parent_path (ListQueryObjectsResponseQuery)
    generate="query",
    api=SdkApi(
        service="queries",
        id_field="id",
        wrapper="query",
        update_mask=True,
        gone=("lifecycle_state", "TRASHED"),
    ),
)
