"""External locations (``/api/2.1/unity-catalog/external-locations``), a generic collection.

Addressed by name; ``name``, ``url`` and ``credential_name`` are required (positional in
``catalog.ExternalLocationsAPI.create``; databricks/cli ``libs/testserver/
external_locations.go`` @4c26bb6 refuses a missing url), the credential must exist (404
``STORAGE_CREDENTIAL_DOES_NOT_EXIST``), a duplicate answers 400
``EXTERNAL_LOCATION_ALREADY_EXISTS`` and a missing one 404
``EXTERNAL_LOCATION_DOES_NOT_EXIST`` (databricks-sdk ``apps.ErrorCode``). A trailing slash
of ``url`` is kept as sent.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks import storage_credentials
from data_iac.emulator.databricks._uc_stamps import uc_created, uc_updated
from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]


def _credential_exists(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    name = doc.get("credential_name")
    if name not in ctx.table(storage_credentials.COLLECTION.table):
        raise storage_credentials.COLLECTION.missing.raise_for(name)


COLLECTION = Collection(
    noun="External Location",
    table="external_locations",
    base=r"/api/2\.1/unity-catalog/external-locations",
    id_field="name",
    list_key="external_locations",
    fields=(
        "name",
        "url",
        "credential_name",
        "comment",
        "read_only",
        "owner",
        "fallback",
        "enable_file_events",
        "encryption_details",
        "file_event_queue",
        "isolation_mode",
    ),
    required=("name", "url", "credential_name"),
    new_id=same_as("name"),
    stamps=uc_created,
    update_stamps=uc_updated,
    duplicate=ErrorShape(
        400, "EXTERNAL_LOCATION_ALREADY_EXISTS", "External Location '{}' already exists"
    ),
    missing=ErrorShape(
        404, "EXTERNAL_LOCATION_DOES_NOT_EXIST", "External Location '{}' does not exist."
    ),
    check=_credential_exists,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
