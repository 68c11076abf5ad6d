"""``databricks_alert``: a SQL alert on a saved query (the ``/api/2.0/sql/alerts`` API).

Generic handler over ``w.alerts``: create takes ``alert=``, update ``update_mask`` and
``alert=``; delete trashes (``lifecycle_state: TRASHED``), read as gone (``sql.AlertsAPI``).
"""

from __future__ import annotations

from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "Alert"]


class Alert(StackEntry):
    """An alert (REST field names); ``query_id`` usually ``${resources.<query>.id}``."""

    display_name: str | None = None
    query_id: str
    condition: dict[str, Any]
    custom_subject: str | None = None
    custom_body: str | None = None
    notify_on_ok: bool | None = None
    seconds_to_retrigger: int | None = None
    parent_path: str | None = None
    owner_user_name: str | None = None


SPEC = KindSpec(
    kind="databricks_alert",
    sections=("alerts",),
    config_model=Alert,
    immutable=frozenset({"parent_path"}),
    computed=frozenset(
        {"id", "state", "trigger_time", "lifecycle_state", "create_time", "update_time"}
    ),
    defaults={"seconds_to_retrigger": 0, "notify_on_ok": False},
    bounds={"seconds_to_retrigger": (0, None)},
    name_field="display_name",
    identity=("display_name", "parent_path"),  # found by these after a crash (generic.py)
    import_id="the alert id: `a1b2c3d4-...`",
    refresh=Strategy.READ,  # the listing carries no parent_path (ListAlertsResponseAlert)
    generate="alert",
    api=SdkApi(
        service="alerts",
        id_field="id",
        wrapper="alert",
        update_mask=True,
        gone=("lifecycle_state", "TRASHED"),
    ),
)
