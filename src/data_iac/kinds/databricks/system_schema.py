"""``databricks_system_schema``: one enabled Unity Catalog system schema (``access``,
``billing``, ``compute``...) of the workspace's metastore, as the Terraform provider and
Laktory (``databricks_systemschemas``) write it: ``schema: access``.

Served by ``providers/databricks/system_schemas.py`` over ``w.system_schemas`` (enable /
disable / list, by the metastore id ``w.metastores.summary()`` gives). Remote id
``METASTORE_ID|SCHEMA`` (the Terraform provider's pair id,
``catalog/resource_system_schema.go`` @2717d46); ``state`` is the service's.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec

__all__ = ["SPEC", "SystemSchema"]


class SystemSchema(StackEntry):
    """The system schema to enable (``schema``, as Laktory and Terraform write it)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    schema_: str = Field(alias="schema")


SPEC = KindSpec(
    kind="databricks_system_schema",
    sections=("system_schemas", "systemschemas"),
    config_model=SystemSchema,
    immutable=frozenset({"schema"}),
    computed=frozenset({"state", "metastore_id"}),
    identity=("schema",),
    name_field="schema",
    import_id="`<metastore_id>|<schema>`: `11111111-2222-...|access`",
    handler="data_iac.providers.databricks.system_schemas:Handler",
)
