"""Workspace SCIM 2.0 (``/api/2.0/preview/scim/v2``): Users, Groups, ServicePrincipals and Me.

Semantics (platform-apis.md 1.4, 7.B.14):
- lists honour ``startIndex`` (1-based) and ``count`` (capped by the page size) and leave
  ``Resources`` out past the end, which is how the SDK's loop stops;
- ``filter`` supports ``eq``, ``co``, ``sw`` joined by ``and`` on any attribute;
- duplicates answer 409 in SCIM shape *without* ``scimType``; a missing object 404;
- PATCH supports add / remove / replace, including ``members[value eq "12"]`` paths, and
  ignores ``userName``/``emails`` changes on users;
- ``GET /Me`` answers the calling user with an ``X-Databricks-Org-Id`` header.
"""

from __future__ import annotations

import copy
from typing import Any

from data_iac.emulator.databricks.common import WORKSPACE_ID, DatabricksContext, route
from data_iac.emulator.databricks.scim_filter import parse_filter
from data_iac.emulator.databricks.scim_resources import (
    KINDS,
    ScimKind,
    groups_of,
    scim_error,
    with_groups,
)
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes", "scim_routes"]

_API = r"/api/2\.0/preview/scim/v2"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ME_ID = "1000000000000001"


def routes(ctx: DatabricksContext) -> list[Route]:
    found: list[Route] = [route("GET", f"{_API}/Me", lambda r: _me(ctx))]
    return found + scim_routes(ctx, _API, "scim_", KINDS)


def scim_routes(
    ctx: DatabricksContext, api: str, prefix: str, kinds: tuple[ScimKind, ...]
) -> list[Route]:
    """CRUD routes of every kind under ``api``, kept in the tables ``databricks.<prefix>*``
    (the workspace's directory, or the account's)."""
    found: list[Route] = []
    for kind in kinds:
        handlers = _Resources(ctx, kind, prefix)
        base = f"{api}/{kind.path}"
        one = rf"{base}/(?P<id>[^/]+)"
        found += [
            route("POST", base, handlers.create),
            route("GET", base, handlers.list),
            route("GET", one, handlers.get),
            route("PUT", one, handlers.replace),
            route("PATCH", one, handlers.patch),
            route("DELETE", one, handlers.delete),
        ]
    return found


def _me(ctx: DatabricksContext) -> Response:
    user = {
        "id": ME_ID,
        "userName": ctx.user_name,
        "displayName": ctx.user_name,
        "active": True,
        "emails": [{"value": ctx.user_name, "type": "work", "primary": True}],
        "groups": [{"display": "admins", "type": "direct", "value": "admins"}],
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    }
    return Response(200, user, headers={"X-Databricks-Org-Id": WORKSPACE_ID})


class _Resources:
    """CRUD for one SCIM resource type over its table ``databricks.scim_<path>``."""

    def __init__(self, ctx: DatabricksContext, kind: ScimKind, prefix: str) -> None:
        self.ctx = ctx
        self.kind = kind
        self.prefix = prefix

    def _table(self) -> dict[str, Any]:
        return self.ctx.table(f"{self.prefix}{self.kind.path.lower()}")

    def _require(self, request: Request) -> dict[str, Any]:
        found: dict[str, Any] | None = self._table().get(request.params["id"])
        if found is None:
            raise scim_error(404, f"{self.kind.label} not found.")
        return found

    def _render(self, resource: dict[str, Any]) -> dict[str, Any]:
        return with_groups(self.ctx, copy.deepcopy(resource), self.prefix)

    def create(self, request: Request) -> Response:
        body = self.kind.prepared(self.ctx, request.json())
        self.kind.check_unique(self._table(), body, None)
        resource_id = str(self.ctx.store.next_int("databricks.scim_id", 2000000000000001))
        resource = {**body, "id": resource_id, "schemas": [self.kind.schema]}
        if self.kind.resource_type:
            resource["meta"] = {"resourceType": self.kind.resource_type}
        self._table()[resource_id] = resource
        return Response(201, self._render(resource))

    def get(self, request: Request) -> Response:
        return Response(200, self._render(self._require(request)))

    def list(self, request: Request) -> Response:
        matches = parse_filter(request.arg("filter"))
        rows = [self._render(r) for r in sorted(self._table().values(), key=lambda r: int(r["id"]))]
        rows = [r for r in rows if matches(r)]
        start = max(int(request.arg("startIndex") or 1), 1)
        requested = int(request.arg("count") or self.ctx.options.page_size)
        count = max(min(requested, self.ctx.options.page_size), 0)
        chunk = rows[start - 1 : start - 1 + count]
        body: dict[str, Any] = {
            "totalResults": len(rows),
            "startIndex": start,
            "itemsPerPage": len(chunk),
            "schemas": [LIST_SCHEMA],
        }
        if chunk:
            body["Resources"] = chunk
        return Response(200, body)

    def replace(self, request: Request) -> Response:
        current = self._require(request)
        body = self.kind.prepared(self.ctx, request.json())
        self.kind.check_unique(self._table(), body, current["id"])
        kept: dict[str, Any] = {k: current[k] for k in ("id", "schemas", "meta") if k in current}
        current.clear()
        current.update({**body, **kept})
        return Response(200, self._render(current))

    def patch(self, request: Request) -> Response:
        current = self._require(request)
        operations = request.json().get("Operations") or []
        patched = copy.deepcopy(current)
        for operation in operations:
            self.kind.apply_patch(patched, operation)
        self.kind.check_unique(self._table(), patched, current["id"])
        current.clear()
        current.update(patched)
        return Response(204, None)

    def delete(self, request: Request) -> Response:
        current = self._require(request)
        del self._table()[current["id"]]
        # A deleted principal leaves every group it was a member of.
        for group in groups_of(self.ctx, self.prefix):
            group["members"] = [m for m in group.get("members", []) if m["value"] != current["id"]]
        return Response(204, None)
