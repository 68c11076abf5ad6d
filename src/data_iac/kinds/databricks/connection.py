"""``databricks_connection``: a Lakehouse Federation connection, by name.

Generic handler over ``w.connections``. The update call takes only ``options``, ``owner``,
``new_name`` and ``environment_settings`` (``catalog.ConnectionsAPI.update``), so the other
fields replace; a rename is an update (``new_name``). ``options`` holds credentials the
service never returns: it is compared by its salted digest only and never shown.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from data_iac.config.stack.schema import Grant, StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "Connection"]


class Connection(StackEntry):
    """A connection as a stack writes it (REST field names)."""

    name: str | None = None
    connection_type: str
    options: dict[str, str]
    comment: str | None = None
    owner: str | None = None
    properties: dict[str, str] | None = None
    read_only: bool | None = None
    environment_settings: dict[str, Any] | None = None
    grants: list[Grant] | None = None
    grants_mode: str | None = Field(default=None, pattern="^(additive|authoritative)$")


SPEC = KindSpec(
    kind="databricks_connection",
    sections=("connections",),
    config_model=Connection,
    immutable=frozenset({"connection_type", "comment", "properties", "read_only"}),
    computed=frozenset(
        {
            "created_at",
            "created_by",
            "updated_at",
            "updated_by",
            "metastore_id",
            "full_name",
            "connection_id",
            "credential_type",
            "provisioning_info",
            "securable_type",
            "url",
        }
    ),
    sensitive=frozenset({"options"}),
    write_only=frozenset({"options"}),
    reasons={"options": "credentials (password, token) are never returned by the service"},
    identity=("name",),
    import_id="the connection name: `postgres-prod`",
    grants_securable="connection",
    refresh=Strategy.LISTING,
    generate="connection",
    api=SdkApi(service="connections", id_field="name", update_takes_id_in_body=False),
)
