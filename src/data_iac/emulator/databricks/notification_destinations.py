"""Notification destinations (``/api/2.0/notification-destinations``), a REST collection.

From ``settings.NotificationDestinationsAPI`` and the config types of databricks-sdk
``settings``: ``config`` holds exactly one of email, slack, microsoft_teams, pagerduty,
generic_webhook; ``destination_type`` is derived from it; secret parts are never answered
(``SlackConfig.url`` -> ``url_set: true``, ``GenericWebhookConfig.password`` ->
``password_set``, ``PagerdutyConfig.integration_key`` -> ``integration_key_set``). The
listing pages under ``results``, each item a ``ListNotificationDestinationsResult``: only
``id``, ``display_name`` and ``destination_type``, no ``config``.
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

_TYPES = {
    "email": "EMAIL",
    "slack": "SLACK",
    "microsoft_teams": "MICROSOFT_TEAMS",
    "pagerduty": "PAGERDUTY",
    "generic_webhook": "WEBHOOK",
}
_SECRETS = {
    "slack": ("url", "oauth_token"),
    "microsoft_teams": ("url", "app_id", "auth_secret"),
    "pagerduty": ("integration_key",),
    "generic_webhook": ("url", "password", "username"),
}


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    config = doc.get("config")
    given = [k for k in _TYPES if isinstance(config, dict) and k in config]
    if len(given) != 1:
        raise api_error(
            400, "INVALID_PARAMETER_VALUE", "config must set exactly one destination type"
        )
    doc["destination_type"] = _TYPES[given[0]]


def _shown(doc: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    for kind, secrets in _SECRETS.items():
        section = (out.get("config") or {}).get(kind)
        if isinstance(section, dict):
            for name in secrets:
                if section.pop(name, None) is not None:
                    section[f"{name}_set"] = True
    return out


def _listed(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc[k] for k in ("id", "display_name", "destination_type") if k in doc}


COLLECTION = Collection(
    noun="notification destination",
    table="notification_destinations",
    base=r"/api/2\.0/notification-destinations",
    id_field="id",
    list_key="results",
    fields=("display_name", "config"),
    required=("config",),
    missing=ErrorShape(
        404, "RESOURCE_DOES_NOT_EXIST", "Notification destination {} does not exist"
    ),
    page_size_param="page_size",
    check=_check,
    view=_shown,
    list_view=_listed,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
