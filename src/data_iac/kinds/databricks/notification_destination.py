"""``databricks_notification_destination``: an email, Slack, Teams, PagerDuty or webhook
destination alerts and jobs notify.

Generic handler over ``w.notification_destinations``. The service never returns the
secret parts of ``config`` (a Slack or Teams URL, a webhook password, a PagerDuty key: it
answers ``url_set: true`` instead, ``settings.SlackConfig``), so ``config`` is compared by
its salted digest only and never shown.
"""

from __future__ import annotations

from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.model.kind import KindSpec, SdkApi, Strategy

__all__ = ["SPEC", "NotificationDestination"]


class NotificationDestination(StackEntry):
    """A notification destination (REST field names)."""

    display_name: str | None = None
    config: dict[str, Any]


SPEC = KindSpec(
    kind="databricks_notification_destination",
    sections=("notification_destinations",),
    config_model=NotificationDestination,
    computed=frozenset({"id", "destination_type"}),
    sensitive=frozenset({"config"}),
    write_only=frozenset({"config"}),
    name_field="display_name",
    identity=("display_name",),
    import_id="the destination id: `a1b2c3d4-...`",
    # The listing has no config (settings.ListNotificationDestinationsResult): read each.
    refresh=Strategy.READ,
    generate="notification_destination",
    api=SdkApi(
        service="notification_destinations",
        id_field="id",
        update_takes_id_in_body=False,
        unique_by="display_name",
    ),
)
