"""Storage credentials (``/api/2.1/unity-catalog/storage-credentials``), a generic collection.

Addressed by name; a duplicate answers 400 ``STORAGE_CREDENTIAL_ALREADY_EXISTS`` "Storage
Credential '<name>' already exists" and a missing one 404
``STORAGE_CREDENTIAL_DOES_NOT_EXIST`` (codes: databricks-sdk ``apps.ErrorCode``; wording:
terraform-provider-databricks issue 3011, platform-apis.md 7.B.1-B.2). Exactly one cloud
identity is required (``catalog.StorageCredentialsAPI.create`` docstring).
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks._uc_stamps import uc_created, uc_updated
from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

IDENTITIES = (
    "aws_iam_role",
    "azure_managed_identity",
    "azure_service_principal",
    "cloudflare_api_token",
    "databricks_gcp_service_account",
)


def _one_identity(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    given = [name for name in IDENTITIES if doc.get(name)]
    if len(given) != 1:
        raise api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            f"Exactly one of {', '.join(IDENTITIES)} must be specified, got {len(given)}.",
        )


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {**uc_created(ctx, doc), "full_name": doc["name"], "id": ctx.store.new_uuid()}


COLLECTION = Collection(
    noun="Storage Credential",
    table="storage_credentials",
    base=r"/api/2\.1/unity-catalog/storage-credentials",
    id_field="name",
    list_key="storage_credentials",
    fields=("name", "comment", "read_only", "owner", "isolation_mode", *IDENTITIES),
    required=("name",),
    new_id=same_as("name"),
    stamps=_stamps,
    update_stamps=uc_updated,
    duplicate=ErrorShape(
        400, "STORAGE_CREDENTIAL_ALREADY_EXISTS", "Storage Credential '{}' already exists"
    ),
    missing=ErrorShape(
        404, "STORAGE_CREDENTIAL_DOES_NOT_EXIST", "Storage Credential '{}' does not exist."
    ),
    check=_one_identity,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
