"""DSS projects: create, list, summary, delete, metadata, settings, permissions, variables,
plus the instance-wide ``/instance-info`` and ``/auth/info`` the clients use as a ping."""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.dataiku.common import (
    PROJECT_KEY_PATTERN,
    DssContext,
    already_exists,
    api_key_of,
    bad_request,
    keep_known,
    route,
    sorted_tags,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["delete_project_objects", "routes"]

PROJECT = r"/projects/(?P<key>[^/]+)"
PERMISSION_FLAGS = (
    "admin",
    "executeApp",
    "exportDatasetsData",
    "manageAdditionalDashboardUsers",
    "manageDashboardAuthorizations",
    "manageExposedElements",
    "moderateDashboards",
    "readDashboards",
    "readProjectContent",
    "runScenarios",
    "shareToWorkspaces",
    "writeDashboards",
    "writeProjectContent",
)
METADATA_FIELDS = ("label", "description", "shortDesc", "tags", "custom", "checklists")
SETTINGS_FIELDS = ("settings", "exposedObjects", "projectAppType", "projectStatus")
CHILD_TABLES = ("datasets", "recipes", "scenarios", "folders", "zones", "wikis", "articles")


def default_settings() -> dict[str, Any]:
    """The settings document of a fresh project (the parts the engine reads)."""
    builtin = {"mode": "USE_BUILTIN_MODE", "useBuiltinEnv": True, "envName": None}
    return {
        "settings": {
            "codeEnvs": {"python": dict(builtin), "r": dict(builtin)},
            "container": {"containerMode": "INHERIT", "containerConf": None},
            "cluster": {"clusterMode": "INHERIT", "clusterId": None},
            "bundleExporterSettings": {},
            "flowBuildSettings": {"mergeSparkPipelines": True},
        },
        "exposedObjects": {"objects": []},
    }


def normalise_permission(entry: Any) -> dict[str, Any]:
    """DSS answers every flag of a permission entry, false when not granted."""
    if not isinstance(entry, dict) or not (entry.get("group") or entry.get("user")):
        raise bad_request("A permission needs a 'group' or a 'user'")
    out: dict[str, Any] = {k: entry[k] for k in ("group", "user") if entry.get(k)}
    for flag in PERMISSION_FLAGS:
        out[flag] = bool(entry.get(flag, False))
    return out


def summary(project: dict[str, Any]) -> dict[str, Any]:
    """The object GET /projects/ and GET /projects/{K} answer."""
    metadata = project["metadata"]
    return {
        "projectKey": project["projectKey"],
        "name": metadata["label"],
        "owner": project["permissions"]["owner"],
        "shortDesc": metadata.get("shortDesc", ""),
        "description": metadata.get("description", ""),
        "tags": sorted_tags(metadata.get("tags")),
        "projectStatus": project["settings"].get("projectStatus"),
        "versionTag": copy.deepcopy(project["versionTag"]),
        "creationTag": copy.deepcopy(project["creationTag"]),
    }


def delete_project_objects(ctx: DssContext, project_key: str) -> None:
    """Remove everything that lives in a project (a project delete takes it all)."""
    for table in CHILD_TABLES:
        ctx.drop_children(table, project_key)


def routes(ctx: DssContext) -> list[Route]:
    """Every project-level route."""

    def instance_info(request: Request) -> Response:
        return Response(
            200,
            {
                "dssVersion": "15.2.0",
                "nodeId": "emulator",
                "nodeName": "data-iac emulator",
                "nodeType": "DESIGN",
                "isAutomation": False,
            },
        )

    def auth_info(request: Request) -> Response:
        return Response(
            200,
            {
                "authIdentifier": api_key_of(request),
                "associatedDSSUser": ctx.login,
                "groups": ["administrators"],
                "userProfile": "DESIGNER",
                "secrets": [],
            },
        )

    def list_projects(request: Request) -> Response:
        rows = ctx.table("projects")
        return Response(200, [summary(rows[key]) for key in sorted(rows)])

    def create_project(request: Request) -> Response:
        body = request.json()
        key = str(body.get("projectKey") or "")
        if not PROJECT_KEY_PATTERN.match(key):
            raise bad_request(f"Invalid project key '{key}': it must match [A-Z][A-Z0-9_]*")
        if key in ctx.table("projects"):
            raise already_exists(f"Project {key} already exists")
        ctx.table("projects")[key] = new_project(ctx, key, body)
        # DSS answers a bare JSON string here, not an object (§7.C.6).
        return Response(200, key)

    def get_project(request: Request) -> Response:
        return Response(200, summary(ctx.project(request.params["key"])))

    def delete_project(request: Request) -> Response:
        key = ctx.project_key(request)
        delete_project_objects(ctx, key)
        del ctx.table("projects")[key]
        return Response(200, {})

    return [
        route("GET", r"/instance-info", instance_info),
        route("GET", r"/auth/info", auth_info),
        route("GET", r"/projects/?", list_projects),
        route("POST", r"/projects/?", create_project),
        route("GET", PROJECT + "/?", get_project),
        route("DELETE", PROJECT + "/?", delete_project),
        *document_routes(ctx),
    ]


def new_project(ctx: DssContext, key: str, body: dict[str, Any]) -> dict[str, Any]:
    """A stored project built from the POST /projects/ body."""
    settings = default_settings()
    if isinstance(body.get("settings"), dict):
        settings["settings"].update(copy.deepcopy(body["settings"]))
    permissions = [normalise_permission(p) for p in body.get("permissions") or []]
    project = {
        "projectKey": key,
        "metadata": {
            "label": str(body.get("name") or key),
            "description": str(body.get("description") or ""),
            "shortDesc": "",
            "tags": sorted_tags(body.get("tags")),
            "custom": {"kv": {}},
            "checklists": {"checklists": []},
        },
        "settings": settings,
        "permissions": {"owner": str(body.get("owner") or ctx.login), "permissions": permissions},
        "variables": {"standard": {}, "local": {}},
    }
    return ctx.stamp_new(project)


def document_routes(ctx: DssContext) -> list[Route]:
    """GET/PUT of the four per-project documents; every PUT replaces the document."""

    def getter(part: str) -> Any:
        def handle(request: Request) -> Response:
            return Response(200, copy.deepcopy(ctx.project(request.params["key"])[part]))

        return handle

    def putter(part: str) -> Any:
        def handle(request: Request) -> Response:
            project = ctx.project(request.params["key"])
            project[part] = SAVERS[part](project[part], request.json())
            ctx.stamp_saved(project, project)
            return Response(204)

        return handle

    out: list[Route] = []
    for part, path in (
        ("metadata", "/metadata"),
        ("settings", "/settings"),
        ("permissions", "/permissions"),
        ("variables", "/variables/?"),
    ):
        out.append(route("GET", PROJECT + path, getter(part)))
        out.append(route("PUT", PROJECT + path, putter(part)))
    return out


def save_metadata(old: dict[str, Any], body: Any) -> dict[str, Any]:
    new = keep_known(body, METADATA_FIELDS)
    merged = {**old, **new}
    merged["tags"] = sorted_tags(merged.get("tags"))
    return merged


def save_settings(old: dict[str, Any], body: Any) -> dict[str, Any]:
    new = keep_known(body, SETTINGS_FIELDS)
    return {**default_settings(), **new}


def save_permissions(old: dict[str, Any], body: Any) -> dict[str, Any]:
    new = keep_known(body, ("owner", "permissions"))
    return {
        "owner": str(new.get("owner") or old["owner"]),
        "permissions": [normalise_permission(p) for p in new.get("permissions") or []],
    }


def save_variables(old: dict[str, Any], body: Any) -> dict[str, Any]:
    new = keep_known(body, ("standard", "local"))
    for part in ("standard", "local"):
        if not isinstance(new.get(part, {}), dict):
            raise bad_request(f"Project variables '{part}' must be an object")
    return {"standard": new.get("standard", {}), "local": new.get("local", {})}


SAVERS = {
    "metadata": save_metadata,
    "settings": save_settings,
    "permissions": save_permissions,
    "variables": save_variables,
}
