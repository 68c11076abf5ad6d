"""Unity Catalog registered models (``/api/2.1/unity-catalog/models``), a REST collection.

From ``catalog.RegisteredModelsAPI`` (databricks-sdk): create takes ``catalog_name``,
``schema_name`` and ``name`` and answers the model with its ``full_name``; the schema must
exist (404 ``SCHEMA_DOES_NOT_EXIST``, "Schema 'c.s' does not exist.", platform-apis.md
7.B.1); names are lower-cased (7.B.6); a duplicate answers 400 ``RESOURCE_ALREADY_EXISTS``;
the listing filters on ``catalog_name`` / ``schema_name`` and pages by ``max_results``.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks._uc_stamps import uc_created, uc_updated
from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.databricks.uc_objects import SCHEMA
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    for key in ("catalog_name", "schema_name", "name"):
        if isinstance(doc.get(key), str):
            doc[key] = doc[key].lower()
    schema = f"{doc.get('catalog_name')}.{doc.get('schema_name')}"
    if schema not in ctx.table(SCHEMA.table):
        raise api_error(404, SCHEMA.missing_code, f"Schema '{schema}' does not exist.")


def _full_name(ctx: DatabricksContext, doc: dict[str, Any]) -> str:
    return f"{doc['catalog_name']}.{doc['schema_name']}.{doc['name']}"


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    """Server-set fields; a model created without ``storage_location`` gets one under the
    metastore's managed storage (databricks/cli bundle/direct/dresources/resources.yml
    registered_models.backend_defaults, 7bbe2852131bc5c4a6c7bad5f147bc7772eedf9f)."""
    location = doc.get("storage_location") or (
        f"s3://emulator-metastore/models/{ctx.store.new_uuid()}"
    )
    return {
        **uc_created(ctx, doc),
        "full_name": _full_name(ctx, doc),
        "aliases": [],
        "storage_location": location,
    }


COLLECTION = Collection(
    noun="Registered model",
    table="uc_registered_models",
    base=r"/api/2\.1/unity-catalog/models",
    id_field="full_name",
    list_key="registered_models",
    fields=("catalog_name", "schema_name", "name", "comment", "owner", "storage_location"),
    required=("catalog_name", "schema_name", "name"),
    update_fields=("comment", "owner"),
    new_id=_full_name,
    stamps=_stamps,
    update_stamps=uc_updated,
    duplicate=ErrorShape(400, "RESOURCE_ALREADY_EXISTS", "Registered model '{}' already exists"),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Registered model '{}' does not exist."),
    check=_check,
    list_filter=("catalog_name", "schema_name"),
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
