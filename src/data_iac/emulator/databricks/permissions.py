"""Generic object permissions: ``/api/2.0/permissions/{type}/{id}`` (GET, PUT replaces,
PATCH merges) and ``.../permissionLevels``.

The answer has the real shape (platform-apis.md 7.B.15): ``object_id`` ``/jobs/123``,
``object_type`` ``job``; the creator of a job, pipeline or warehouse holds ``IS_OWNER`` until
an ACL names another owner, and group ``admins`` holds an inherited ``CAN_MANAGE``. What a
PUT or PATCH must hold (one owner on jobs and pipelines, known principals, the last level of
a principal named twice) is checked by ``acl_rules``. A warehouse PUT without an
``IS_OWNER`` entry keeps the current owner. An object that does not exist answers 404
``RESOURCE_DOES_NOT_EXIST``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from data_iac.emulator.databricks.acl_rules import (
    OWNED_TYPES,
    PRINCIPAL_FIELDS,
    check_principals,
    deduplicated,
    require_one_owner,
)
from data_iac.emulator.databricks.common import DatabricksContext, api_error, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["OBJECT_TYPES", "ObjectType", "drop_acl", "in_table", "in_workspace", "routes"]

_WORKSPACE_LEVELS = frozenset({"CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"})


Finder = Callable[[DatabricksContext, str], "dict[str, Any] | None"]


def in_table(table: str, *, hidden_state: str | None = None) -> Finder:
    """Objects kept by id in ``databricks.<table>`` (jobs, clusters ...); an object in
    ``hidden_state`` (a pipeline being deleted) counts as gone."""

    def find(ctx: DatabricksContext, object_id: str) -> dict[str, Any] | None:
        found: dict[str, Any] | None = ctx.table(table).get(object_id)
        if found is not None and hidden_state and found.get("state") == hidden_state:
            return None
        return found

    return find


def by_field(table: str, field: str) -> Finder:
    """Objects of ``databricks.<table>`` found by ``field`` or by their key.

    A serving endpoint's ACL is keyed by the endpoint's ``id`` on the real service
    (terraform-provider-databricks ``serving_endpoint_id``); our provider still sends the
    name, so the key is accepted too (lenient: noted in reports/owner.md for reg)."""

    def find(ctx: DatabricksContext, object_id: str) -> dict[str, Any] | None:
        rows = ctx.table(table)
        found = rows.get(object_id)
        return found or next((o for o in rows.values() if str(o.get(field)) == object_id), None)

    return find


def in_workspace(object_type: str) -> Finder:
    """Workspace objects (notebooks, directories, files, repos) by numeric ``object_id``."""

    def find(ctx: DatabricksContext, object_id: str) -> dict[str, Any] | None:
        for obj in ctx.table("workspace").values():
            if str(obj.get("object_id")) == object_id and obj.get("object_type") == object_type:
                return dict(obj)
        return None

    return find


@dataclass(frozen=True, slots=True)
class ObjectType:
    """One securable type: how to find its objects and which levels it accepts.

    ``finder`` returns the object or None (404); without one, existence is not checked.
    ``creator_field`` names the object's field whose principal is the default owner.
    """

    path: str
    object_type: str
    levels: frozenset[str]
    finder: Finder | None = None
    creator_field: str | None = None


_JOB_LEVELS = frozenset({"CAN_VIEW", "CAN_MANAGE_RUN", "IS_OWNER", "CAN_MANAGE"})
_PIPELINE_LEVELS = frozenset({"CAN_VIEW", "CAN_RUN", "CAN_MANAGE", "IS_OWNER"})
_CLUSTER_LEVELS = frozenset({"CAN_ATTACH_TO", "CAN_RESTART", "CAN_MANAGE"})
_WAREHOUSE_LEVELS = frozenset({"CAN_USE", "CAN_MANAGE", "CAN_MONITOR", "CAN_VIEW", "IS_OWNER"})
_WAREHOUSES = in_table("warehouses")

OBJECT_TYPES: dict[str, ObjectType] = {
    t.path: t
    for t in (
        ObjectType("jobs", "job", _JOB_LEVELS, in_table("jobs"), "creator_user_name"),
        ObjectType(
            "pipelines",
            "pipelines",
            _PIPELINE_LEVELS,
            in_table("pipelines", hidden_state="DELETED"),
            "creator_user_name",
        ),
        ObjectType("clusters", "cluster", _CLUSTER_LEVELS, in_table("clusters")),
        ObjectType(
            "cluster-policies",
            "cluster-policy",
            frozenset({"CAN_USE"}),
            in_table("cluster_policies"),
        ),
        ObjectType("warehouses", "warehouses", _WAREHOUSE_LEVELS, _WAREHOUSES, "creator_name"),
        ObjectType("sql/warehouses", "warehouses", _WAREHOUSE_LEVELS, _WAREHOUSES, "creator_name"),
        ObjectType("notebooks", "notebook", _WORKSPACE_LEVELS, in_workspace("NOTEBOOK")),
        ObjectType("directories", "directory", _WORKSPACE_LEVELS, in_workspace("DIRECTORY")),
        ObjectType("files", "file", _WORKSPACE_LEVELS, in_workspace("FILE")),
        ObjectType("repos", "repo", _WORKSPACE_LEVELS, in_workspace("REPO")),
        ObjectType(
            "instance-pools",
            "instance-pool",
            frozenset({"CAN_ATTACH_TO", "CAN_MANAGE"}),
            in_table("instance_pools"),
        ),
        # apps.AppPermissionLevel (databricks-sdk 0.162)
        ObjectType("apps", "apps", frozenset({"CAN_USE", "CAN_MANAGE"}), in_table("apps")),
        ObjectType(
            "serving-endpoints",
            "serving-endpoint",
            frozenset({"CAN_VIEW", "CAN_QUERY", "CAN_MANAGE"}),
            by_field("serving_endpoints", "id"),  # the ACL goes with the endpoint
        ),
        ObjectType(
            "queries", "query", frozenset({"CAN_VIEW", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"})
        ),
        ObjectType(
            "dashboards", "dashboard", frozenset({"CAN_READ", "CAN_RUN", "CAN_EDIT", "CAN_MANAGE"})
        ),
    )
}
# Both spellings of warehouses share one ACL.
_ACL_ALIASES = {"sql/warehouses": "warehouses"}


def drop_acl(ctx: DatabricksContext, type_path: str, object_id: str) -> None:
    """Forget an object's ACL; called by the family that deletes the object."""
    ctx.table("permissions").pop(f"{_ACL_ALIASES.get(type_path, type_path)}/{object_id}", None)


def routes(ctx: DatabricksContext) -> list[Route]:
    acls = _Acls(ctx)
    base = r"/api/2\.0/permissions/(?P<type>.+)/(?P<id>[^/]+)"
    return [
        route("GET", base + "/permissionLevels", acls.levels),
        route("GET", base, acls.get),
        route("PUT", base, acls.put),
        route("PATCH", base, acls.patch),
    ]


class _Acls:
    """Direct ACL entries stored per object as ``{"<type>/<id>": [entry, ...]}``."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _object(self, request: Request) -> tuple[ObjectType, str, dict[str, Any]]:
        type_path, object_id = request.params["type"], request.params["id"]
        kind = OBJECT_TYPES.get(type_path)
        if kind is None:
            raise api_error(
                400,
                "INVALID_PARAMETER_VALUE",
                f"Unsupported object type {type_path} for permissions.",
            )
        obj: dict[str, Any] | None = {}
        if kind.finder is not None:
            obj = kind.finder(self.ctx, object_id)
        if obj is None:
            raise api_error(
                404, "RESOURCE_DOES_NOT_EXIST", f"{kind.object_type} {object_id} does not exist."
            )
        return kind, object_id, obj

    def _key(self, kind: ObjectType, object_id: str) -> str:
        return f"{_ACL_ALIASES.get(kind.path, kind.path)}/{object_id}"

    def get(self, request: Request) -> Response:
        kind, object_id, obj = self._object(request)
        return Response(200, self._render(kind, object_id, obj))

    def put(self, request: Request) -> Response:
        kind, object_id, obj = self._object(request)
        entries = self._validated(kind, request.json().get("access_control_list") or [])
        require_one_owner(kind.path, entries)
        current = self._direct(kind, object_id, obj)
        if kind.creator_field and not any(e["permission_level"] == "IS_OWNER" for e in entries):
            entries += [e for e in current if e["permission_level"] == "IS_OWNER"]
        self.ctx.table("permissions")[self._key(kind, object_id)] = entries
        return Response(200, self._render(kind, object_id, obj))

    def patch(self, request: Request) -> Response:
        kind, object_id, obj = self._object(request)
        changes = self._validated(kind, request.json().get("access_control_list") or [])
        merged = {_principal(e): e for e in self._direct(kind, object_id, obj)}
        if any(e["permission_level"] == "IS_OWNER" for e in changes):
            merged = {p: e for p, e in merged.items() if e["permission_level"] != "IS_OWNER"}
        merged.update({_principal(e): e for e in changes})
        require_one_owner(kind.path, list(merged.values()))
        self.ctx.table("permissions")[self._key(kind, object_id)] = list(merged.values())
        return Response(200, self._render(kind, object_id, obj))

    def levels(self, request: Request) -> Response:
        kind, _, _ = self._object(request)
        return Response(
            200,
            {
                "permission_levels": [
                    {
                        "permission_level": level,
                        "description": f"{level} on this {kind.object_type}",
                    }
                    for level in sorted(kind.levels)
                ]
            },
        )

    def _validated(self, kind: ObjectType, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        clean: list[dict[str, Any]] = []
        for entry in entries:
            names = [f for f in PRINCIPAL_FIELDS if entry.get(f)]
            if len(names) != 1:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    "Exactly one of user_name, group_name or service_principal_name must be set.",
                )
            level = entry.get("permission_level")
            if level not in kind.levels:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    f"Permission level {level} is "
                    f"not supported for object type {kind.object_type}.",
                )
            clean.append({names[0]: entry[names[0]], "permission_level": level})
        clean = deduplicated(clean)
        check_principals(self.ctx, clean)
        owners = sum(e["permission_level"] == "IS_OWNER" for e in clean)
        if owners > 1 and kind.path not in OWNED_TYPES:
            raise api_error(400, "INVALID_PARAMETER_VALUE", "An object can have only one owner.")
        return clean

    def _direct(
        self, kind: ObjectType, object_id: str, obj: dict[str, Any]
    ) -> list[dict[str, Any]]:
        stored = self.ctx.table("permissions").get(self._key(kind, object_id))
        if stored is not None:
            return [dict(e) for e in stored]
        creator = obj.get(kind.creator_field) if kind.creator_field else None
        return [{"user_name": creator, "permission_level": "IS_OWNER"}] if creator else []

    def _render(self, kind: ObjectType, object_id: str, obj: dict[str, Any]) -> dict[str, Any]:
        acl = [_response_entry(e) for e in self._direct(kind, object_id, obj)]
        inherited = {
            "permission_level": "CAN_MANAGE",
            "inherited": True,
            "inherited_from_object": [f"/{kind.path}/"],
        }
        admins = next((a for a in acl if a.get("group_name") == "admins"), None)
        if admins is None:
            acl.append({"group_name": "admins", "all_permissions": [inherited]})
        else:
            admins["all_permissions"].append(inherited)
        return {
            "object_id": f"/{kind.path}/{object_id}",
            "object_type": kind.object_type,
            "access_control_list": acl,
        }


def _principal(entry: dict[str, Any]) -> str:
    return next(f"{f}:{entry[f]}" for f in PRINCIPAL_FIELDS if entry.get(f))


def _response_entry(entry: dict[str, Any]) -> dict[str, Any]:
    field = next(f for f in PRINCIPAL_FIELDS if entry.get(f))
    return {
        field: entry[field],
        "all_permissions": [{"permission_level": entry["permission_level"], "inherited": False}],
    }
