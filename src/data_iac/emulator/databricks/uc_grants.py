"""Unity Catalog grants: ``/permissions``, ``/effective-permissions`` and the paginated
``/privilege-assignments`` views of ``{securable_type}/{full_name}``.

The securable type is compared case-insensitively (the SDK sends whatever the caller gave,
platform-apis.md 1.4). Grants are kept per ``TYPE:full_name`` as principal -> privileges.
Checks copied from the platform (7.B.4, B.5): unknown principal 400
``PRINCIPAL_DOES_NOT_EXIST``, the same privilege added and removed 400, a missing catalog /
schema / volume / table 404, privileges that do not apply to the securable 400.
"""

from __future__ import annotations

from typing import Any

from data_iac.emulator.databricks.common import (
    DatabricksContext,
    api_error,
    known_principal,
    page,
    route,
)
from data_iac.emulator.databricks.uc_objects import KINDS_BY_SECURABLE, get_or_404
from data_iac.emulator.http import Request, Response, Route

__all__ = ["PRIVILEGES", "routes"]

UC = r"/api/2\.1/unity-catalog"
_TARGET = r"(?P<type>[A-Za-z_]+)/(?P<name>[^/]+)"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The SDK's catalog.Privilege values (0.156); one string keeps the table readable.
PRIVILEGES = _words(
    "ACCESS ALL_PRIVILEGES APPLY_TAG BROWSE CREATE CREATE_CATALOG CREATE_CLEAN_ROOM "
    "CREATE_CONNECTION CREATE_EXTERNAL_LOCATION CREATE_EXTERNAL_TABLE CREATE_EXTERNAL_VOLUME "
    "CREATE_FEATURE CREATE_FOREIGN_CATALOG CREATE_FOREIGN_SECURABLE CREATE_FUNCTION "
    "CREATE_MANAGED_STORAGE CREATE_MATERIALIZED_VIEW CREATE_MODEL CREATE_PROVIDER "
    "CREATE_RECIPIENT CREATE_SCHEMA CREATE_SERVICE_CREDENTIAL CREATE_SHARE "
    "CREATE_STORAGE_CREDENTIAL CREATE_TABLE CREATE_VIEW CREATE_VOLUME EXECUTE "
    "EXECUTE_CLEAN_ROOM_TASK EXTERNAL_USE_LOCATION EXTERNAL_USE_SCHEMA MANAGE MANAGE_ALLOWLIST "
    "MODIFY MODIFY_CLEAN_ROOM READ_FEATURE READ_FILES READ_METADATA READ_PRIVATE_FILES "
    "READ_VOLUME REFRESH SELECT SET_SHARE_PERMISSION USAGE USE_CATALOG USE_CONNECTION "
    "USE_MARKETPLACE_ASSETS USE_PROVIDER USE_RECIPIENT USE_SCHEMA USE_SHARE WRITE_FILES "
    "WRITE_PRIVATE_FILES WRITE_VOLUME"
)
_SCHEMA_LEVEL = _words(
    "ALL_PRIVILEGES APPLY_TAG CREATE_FUNCTION CREATE_MATERIALIZED_VIEW CREATE_MODEL "
    "CREATE_TABLE CREATE_VOLUME EXECUTE EXTERNAL_USE_SCHEMA MANAGE MODIFY READ_VOLUME REFRESH "
    "SELECT USE_SCHEMA WRITE_VOLUME"
)
APPLICABLE: dict[str, frozenset[str]] = {
    "CATALOG": _SCHEMA_LEVEL | {"BROWSE", "CREATE_SCHEMA", "USE_CATALOG"},
    "SCHEMA": _SCHEMA_LEVEL,
    "VOLUME": frozenset({"ALL_PRIVILEGES", "APPLY_TAG", "MANAGE", "READ_VOLUME", "WRITE_VOLUME"}),
    "TABLE": frozenset({"ALL_PRIVILEGES", "APPLY_TAG", "MANAGE", "MODIFY", "SELECT", "REFRESH"}),
}


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Grants(ctx)
    return [
        route("GET", rf"{UC}/permissions/{_TARGET}", ops.get),
        route("PATCH", rf"{UC}/permissions/{_TARGET}", ops.update),
        route("GET", rf"{UC}/privilege-assignments/{_TARGET}", ops.list_assignments),
        route("GET", rf"{UC}/effective-permissions/{_TARGET}", ops.effective),
    ]


class _Grants:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _target(self, request: Request) -> tuple[str, str]:
        """(TYPE, canonical full name); 404 when a known kind of securable is missing."""
        securable = request.params["type"].upper()
        name = request.params["name"].lower()
        kind = KINDS_BY_SECURABLE.get(securable)
        if kind is not None:
            name = get_or_404(self.ctx, kind, name)["full_name"]
        return securable, name

    def _grants(self, securable: str, name: str, *, create: bool = False) -> dict[str, list[str]]:
        table = self.ctx.table("uc_grants")
        key = f"{securable}:{name}"
        if create:
            return table.setdefault(key, {})  # type: ignore[no-any-return]
        return table.get(key, {})  # type: ignore[no-any-return]

    def get(self, request: Request) -> Response:
        return self._paged(request, "max_results")

    def list_assignments(self, request: Request) -> Response:
        return self._paged(request, "page_size")

    def _paged(self, request: Request, size_param: str) -> Response:
        securable, name = self._target(request)
        rows = _assignments(self._grants(securable, name), request.arg("principal"))
        chunk, token = page(request, rows, self.ctx, size_param=size_param)
        body: dict[str, Any] = {"privilege_assignments": chunk}
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def update(self, request: Request) -> Response:
        securable, name = self._target(request)
        body = request.json()
        changes = body.get("changes") or []
        for change in changes:
            self._validate(change, securable, name)
        grants = self._grants(securable, name, create=True)
        for change in changes:
            held = _changed(set(grants.get(change["principal"], [])), change)
            if held:
                grants[change["principal"]] = sorted(held)
            else:
                grants.pop(change["principal"], None)
        if body.get("omit_permissions_in_response"):
            return Response(200, {})
        return Response(200, {"privilege_assignments": _assignments(grants, None)})

    def _validate(self, change: Any, securable: str, name: str) -> None:
        principal = change.get("principal") if isinstance(change, dict) else None
        if not principal:
            raise api_error(400, "INVALID_PARAMETER_VALUE", "Missing required field: principal")
        if not known_principal(self.ctx, principal):
            raise api_error(
                400, "PRINCIPAL_DOES_NOT_EXIST", f"Could not find principal with name {principal}."
            )
        add, remove = set(change.get("add") or []), set(change.get("remove") or [])
        if add & remove:
            raise api_error(
                400,
                "INVALID_PARAMETER_VALUE",
                f"Duplicate privileges to add and delete for principal {principal}.",
            )
        allowed = APPLICABLE.get(securable, PRIVILEGES)
        for privilege in sorted(add | remove):
            if privilege not in PRIVILEGES:
                raise api_error(400, "INVALID_PARAMETER_VALUE", f"Invalid privilege {privilege}")
            if privilege not in allowed:
                raise api_error(
                    400,
                    "INVALID_PARAMETER_VALUE",
                    f"Privilege {privilege} is not applicable to this entity [{name}:{securable}].",
                )

    def effective(self, request: Request) -> Response:
        securable, name = self._target(request)
        merged: dict[str, list[dict[str, Any]]] = {}
        for level_type, level_name in _lineage(securable, name):
            inherited = level_name != name
            for principal, privileges in self._grants(level_type, level_name).items():
                for privilege in privileges:
                    entry: dict[str, Any] = {"privilege": privilege}
                    if inherited:
                        entry |= {
                            "inherited_from_type": level_type,
                            "inherited_from_name": level_name,
                        }
                    merged.setdefault(principal, []).append(entry)
        wanted = request.arg("principal")
        rows = [
            {"principal": p, "privileges": merged[p]}
            for p in sorted(merged)
            if wanted is None or p == wanted
        ]
        return Response(200, {"privilege_assignments": rows})


def _changed(held: set[str], change: dict[str, Any]) -> set[str]:
    """One principal's privileges after ``change``: removals first, then additions, and
    removing ``ALL_PRIVILEGES`` removes every privilege. A real workspace holding
    ``CREATE_TABLE, USE_SCHEMA`` answers ``remove [ALL_PRIVILEGES], add [APPLY_TAG,
    CREATE_TABLE]`` with ``APPLY_TAG, CREATE_TABLE`` (databricks/cli
    ``acceptance/bundle/resources/grants/schemas/change_privilege/output.txt`` at 7bbe2852,
    ``Cloud = true``)."""
    removed = set(change.get("remove") or [])
    kept = set() if "ALL_PRIVILEGES" in removed else held - removed
    return kept | set(change.get("add") or [])


def _assignments(grants: dict[str, list[str]], principal: str | None) -> list[dict[str, Any]]:
    return [
        {"principal": p, "privileges": sorted(grants[p])}
        for p in sorted(grants)
        if principal is None or p == principal
    ]


def _lineage(securable: str, name: str) -> list[tuple[str, str]]:
    """The securable and the parents it inherits grants from, nearest first."""
    parts = name.split(".")
    if securable in ("VOLUME", "TABLE") and len(parts) == 3:
        return [(securable, name), ("SCHEMA", ".".join(parts[:2])), ("CATALOG", parts[0])]
    if securable == "SCHEMA" and len(parts) == 2:
        return [(securable, name), ("CATALOG", parts[0])]
    return [(securable, name)]
