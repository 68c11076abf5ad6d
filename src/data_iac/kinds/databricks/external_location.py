"""``databricks_external_location``: a Unity Catalog external location, by name.

Generic handler over ``w.external_locations``. Immutable fields from databricks/cli
``bundle/direct/dresources/configs/external_locations.yml`` (@c56b990): ``credential_name``,
``encryption_details``, ``file_event_queue``; a rename is an update (``new_name``).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from data_iac.config.stack.schema import Grant, StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "ExternalLocation"]


class ExternalLocation(StackEntry):
    """An external location as a stack writes it (REST field names)."""

    name: str | None = None
    url: str
    credential_name: str
    comment: str | None = None
    owner: str | None = None
    read_only: bool | None = None
    skip_validation: bool | None = None
    fallback: bool | None = None
    enable_file_events: bool | None = None
    encryption_details: dict[str, Any] | None = None
    file_event_queue: dict[str, Any] | None = None
    isolation_mode: str | None = None
    grants: list[Grant] | None = None
    grants_mode: str | None = Field(default=None, pattern="^(additive|authoritative)$")


SPEC = KindSpec(
    kind="databricks_external_location",
    sections=("external_locations",),
    config_model=ExternalLocation,
    immutable=frozenset({"credential_name", "encryption_details", "file_event_queue"}),
    computed=frozenset(
        {
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "metastore_id",
            "credential_id",
            "browse_only",
            "effective_enable_file_events",
            "effective_file_event_queue",
        }
    ),
    write_only=frozenset({"skip_validation"}),
    refers={"credential_name": "databricks_storage_credential"},
    reasons={
        "immutable": "databricks/cli bundle/direct/dresources/configs/external_locations.yml",
    },
    identity=("name",),
    import_id="the location name: `landing`",
    grants_securable="external_location",
    refresh=Strategy.LISTING,
    generate="external_location",
    api=SdkApi(service="external_locations", id_field="name", update_takes_id_in_body=False),
)
