"""``databricks_app``: a Databricks App (its compute, resources and settings), by name.

Generic handler over ``w.apps`` (databricks-sdk ``apps.AppsAPI``): ``create(app=...)``
(long-running; the first answer is read, the compute is not waited for), ``get(name)``,
``list()`` (pages under ``apps``), ``update(name, app=...)`` (PATCH with the whole app),
``delete(name)``. Deployments (``deploy``, the source code an app runs) are not managed
here: they are runs, not configuration. Laktory writes it ``databricks_apps``
(``models/resources/databricks/app.py``); its ``access_controls`` are the app's
permissions (object type ``apps``). Laktory's ``tags`` (entity tag assignments) and
``no_compute`` (a flag of the create call) are not accepted: validate names them.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from data_iac.config.stack.schema import AccessControl, StackEntry
from data_iac.model.kind import KindSpec, PermissionsTarget, SdkApi, Strategy

__all__ = ["SPEC", "App"]


class App(StackEntry):
    """A Databricks App (REST field names of ``apps.App``, the ones a user sets)."""

    name: str
    description: str | None = None
    budget_policy_id: str | None = None
    usage_policy_id: str | None = None
    compute_size: str | None = None
    compute_min_instances: int | None = None
    compute_max_instances: int | None = None
    forward_user_access_token: bool | None = None
    source_code_path: str | None = None
    space: str | None = None
    user_api_scopes: list[str] | None = None
    git_repository: dict[str, Any] | None = None
    git_source: dict[str, Any] | None = None
    resources: list[dict[str, Any]] | None = None
    telemetry_export_destinations: list[dict[str, Any]] | None = None
    access_controls: list[AccessControl] = Field(default_factory=list)


SPEC = KindSpec(
    kind="databricks_app",
    sections=("apps",),
    config_model=App,
    immutable=frozenset({"name", "space"}),
    computed=frozenset(
        {
            "id",
            "url",
            "app_status",
            "compute_status",
            "create_time",
            "creator",
            "update_time",
            "updater",
            "service_principal_id",
            "service_principal_client_id",
            "service_principal_name",
            "oauth2_app_client_id",
            "oauth2_app_integration_id",
            "default_source_code_path",
            "effective_budget_policy_id",
            "effective_usage_policy_id",
            "effective_user_api_scopes",
            "active_deployment",
            "pending_deployment",
            "thumbnail_url",
        }
    ),
    list_keys={"resources": "name"},
    identity=("name",),
    import_id="the app name: `sales-dash`",
    permissions=PermissionsTarget("apps", config_keys=("app_name",)),
    refresh=Strategy.LISTING,
    generate="app",
    api=SdkApi(service="apps", id_field="name", wrapper="app", update_takes_id_in_body=False),
)
