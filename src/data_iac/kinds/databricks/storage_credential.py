"""``databricks_storage_credential``: a Unity Catalog storage credential, by name.

Generic handler over ``w.storage_credentials``. Exactly one cloud identity is given
(``catalog.StorageCredentialsAPI.create``). A rename is an update (``new_name``, the
generic handler's rename); ``skip_validation`` is input only.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from data_iac.config.stack.schema import Grant, StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "StorageCredential"]

_UC_STAMPS = frozenset(
    {"created_at", "created_by", "updated_at", "updated_by", "metastore_id", "full_name"}
)


class StorageCredential(StackEntry):
    """A storage credential as a stack writes it (REST field names)."""

    name: str | None = None
    comment: str | None = None
    owner: str | None = None
    read_only: bool | None = None
    skip_validation: bool | None = None
    isolation_mode: str | None = None
    aws_iam_role: dict[str, Any] | None = None
    azure_managed_identity: dict[str, Any] | None = None
    azure_service_principal: dict[str, Any] | None = None
    cloudflare_api_token: dict[str, Any] | None = None
    databricks_gcp_service_account: dict[str, Any] | None = None
    grants: list[Grant] | None = None
    grants_mode: str | None = Field(default=None, pattern="^(additive|authoritative)$")


SPEC = KindSpec(
    kind="databricks_storage_credential",
    sections=("storage_credentials",),
    config_model=StorageCredential,
    immutable=frozenset(),
    computed=_UC_STAMPS | {"id", "used_for_managed_storage"},
    write_only=frozenset({"skip_validation"}),
    identity=("name",),
    import_id="the credential name: `lake-role`",
    grants_securable="storage_credential",
    refresh=Strategy.LISTING,
    generate="storage_credential",
    api=SdkApi(service="storage_credentials", id_field="name", update_takes_id_in_body=False),
)
