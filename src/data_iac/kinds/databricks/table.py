"""``databricks_table``: the owner and grants of an existing Unity Catalog table or view.

Tables are made by SQL or by pipelines, not by this kind (SQL DDL through a warehouse is
out of scope): create adopts the table the spec names (an error naming it when it does not
exist), then sets its ``owner`` if the spec has one (``catalog.TablesAPI.update`` takes
only the owner; a ``comment`` is SQL's, so it is not accepted); ``grants:`` become
``databricks_grants`` on the ``table`` securable.
Destroying the resource forgets the table: it never drops it (nor its data). Served by
``providers/databricks/tables.py``; remote id the full name ``catalog.schema.table``.
"""

from __future__ import annotations

from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, ListScope

__all__ = ["SPEC", "Table"]


class Table(StackEntry):
    """An existing table (its name), the owner it should have and its grants."""

    name: str | None = None
    catalog_name: str
    schema_name: str
    owner: str | None = None
    grants: list[dict[str, Any]] | dict[str, list[str]] | None = None
    grants_mode: str | None = None


SPEC = KindSpec(
    kind="databricks_table",
    sections=("tables",),
    config_model=Table,
    immutable=frozenset({"catalog_name", "schema_name", "name"}),
    computed=frozenset(
        {
            "full_name",
            "table_id",
            "table_type",
            "data_source_format",
            "columns",
            "storage_location",
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "metastore_id",
            "properties",
            "comment",
        }
    ),
    reasons={"comment": "catalog.TablesAPI.update takes only the owner: comments are SQL's"},
    parent="databricks_schema",
    scope=ListScope(("catalog_name", "schema_name")),
    identity=("catalog_name", "schema_name", "name"),
    import_id="the full name: `main.sales.orders`",
    grants_securable="table",
    handler="data_iac.providers.databricks.tables:Handler",
)
