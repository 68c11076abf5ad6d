"""Databricks Apps (``/api/2.0/apps``), a REST collection addressed by name.

Facts from ``apps.AppsAPI`` and ``apps.App`` (databricks-sdk 0.162): create and update
send the app itself as the body (update is ``PATCH /api/2.0/apps/{name}``), create is
long-running and answers the app; the name holds only lowercase letters, digits and
hyphens and is unique in the workspace (``App.name``); the listing pages by
``page_token``/``page_size`` under ``apps``; delete answers the app. The service creates a
service principal for each app (``service_principal_*``); compute states are
``ComputeState``, app states ``ApplicationState``. The emulator's app is ACTIVE and
RUNNING at once (the real compute is STARTING first); the duplicate and missing messages
are this emulator's wording (no public capture of them was found).
"""

from __future__ import annotations

import re
from typing import Any

from data_iac.emulator.databricks.collection import Collection, ErrorShape, same_as
from data_iac.emulator.databricks.common import DatabricksContext, api_error
from data_iac.emulator.http import Route

__all__ = ["COLLECTION", "routes"]

_NAME = re.compile(r"^[a-z0-9-]+$")


def _check(ctx: DatabricksContext, doc: dict[str, Any]) -> None:
    name = str(doc.get("name") or "")
    if not _NAME.match(name):
        raise api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            f"Invalid app name {name}: it must contain only lowercase alphanumeric "
            "characters and hyphens",
        )


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    now = ctx.now()
    principal = ctx.store.next_int("app_service_principal_id", 7000)
    client_id = ctx.store.new_uuid()
    return {
        "id": ctx.store.new_uuid(),
        "url": f"https://{doc['name']}-{ctx.store.next_int('app_url', 1000)}.emulator.app",
        "app_status": {"state": "RUNNING", "message": "App has status: App is running"},
        "compute_status": {"state": "ACTIVE", "message": "App compute is running."},
        "create_time": str(now),
        "creator": ctx.user_name,
        "update_time": str(now),
        "updater": ctx.user_name,
        "service_principal_id": principal,
        "service_principal_client_id": client_id,
        "service_principal_name": f"app-{doc['name']}",
        "default_source_code_path": f"/Workspace/Users/{ctx.user_name}/{doc['name']}",
    }


def _updated(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {"update_time": str(ctx.now()), "updater": ctx.user_name}


COLLECTION = Collection(
    noun="app",
    table="apps",
    base=r"/api/2\.0/apps",
    id_field="name",
    list_key="apps",
    fields=(
        "name",
        "description",
        "budget_policy_id",
        "usage_policy_id",
        "compute_size",
        "compute_min_instances",
        "compute_max_instances",
        "forward_user_access_token",
        "source_code_path",
        "space",
        "user_api_scopes",
        "git_repository",
        "git_source",
        "resources",
        "telemetry_export_destinations",
    ),
    update_fields=(
        "description",
        "budget_policy_id",
        "usage_policy_id",
        "compute_size",
        "compute_min_instances",
        "compute_max_instances",
        "forward_user_access_token",
        "source_code_path",
        "user_api_scopes",
        "git_repository",
        "git_source",
        "resources",
        "telemetry_export_destinations",
    ),
    required=("name",),
    new_id=same_as("name"),
    stamps=_stamps,
    update_stamps=_updated,
    duplicate=ErrorShape(409, "RESOURCE_ALREADY_EXISTS", "An app with name {} already exists."),
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "App with name {} does not exist."),
    page_size_param="page_size",
    acl_type="apps",
    check=_check,
)


def routes(ctx: DatabricksContext) -> list[Route]:
    return COLLECTION.routes(ctx)
