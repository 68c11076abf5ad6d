"""Secret scopes, secrets and secret ACLs (``/api/2.0/secrets/``).

Scopes live in ``databricks.secret_scopes`` (by name) with their secrets and ACLs inside.
Secret values are stored but never returned: listings carry only ``key`` and
``last_updated_timestamp``. Copied from the platform (7.B.12): a duplicate scope is 400
``RESOURCE_ALREADY_EXISTS`` "Scope x already exists!", a missing one 404
``RESOURCE_DOES_NOT_EXIST`` "Scope x does not exist!"; the creator gets MANAGE.
"""

from __future__ import annotations

import re
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, require, route
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]

SECRETS = r"/api/2\.0/secrets"
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,128}$")
_PERMISSIONS = ("READ", "WRITE", "MANAGE")
_MAX_VALUE_BYTES = 128 * 1024


def routes(ctx: DatabricksContext) -> list[Route]:
    ops = _Secrets(ctx)
    return [
        route("POST", rf"{SECRETS}/scopes/create", ops.create_scope),
        route("POST", rf"{SECRETS}/scopes/delete", ops.delete_scope),
        route("GET", rf"{SECRETS}/scopes/list", ops.list_scopes),
        route("POST", rf"{SECRETS}/put", ops.put_secret),
        route("POST", rf"{SECRETS}/delete", ops.delete_secret),
        route("GET", rf"{SECRETS}/list", ops.list_secrets),
        route("POST", rf"{SECRETS}/acls/put", ops.put_acl),
        route("GET", rf"{SECRETS}/acls/get", ops.get_acl),
        route("GET", rf"{SECRETS}/acls/list", ops.list_acls),
        route("POST", rf"{SECRETS}/acls/delete", ops.delete_acl),
    ]


def _check_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise api_error(
            400,
            "INVALID_PARAMETER_VALUE",
            f"{what} name must consist of alphanumeric characters, dashes, underscores, "
            f"periods and @, and may not exceed 128 characters: {value!r}",
        )
    return value


class _Secrets:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _scope(self, name: Any) -> dict[str, Any]:
        found: dict[str, Any] | None = self.ctx.table("secret_scopes").get(str(name))
        if found is None:
            raise api_error(404, "RESOURCE_DOES_NOT_EXIST", f"Scope {name} does not exist!")
        return found

    # -- scopes ------------------------------------------------------------------------------
    def create_scope(self, request: Request) -> Response:
        body = request.json()
        name = _check_name(body.get("scope"), "Scope")
        scopes = self.ctx.table("secret_scopes")
        if name in scopes:
            raise api_error(400, "RESOURCE_ALREADY_EXISTS", f"Scope {name} already exists!")
        backend = body.get("scope_backend_type") or "DATABRICKS"
        acls = {self.ctx.user_name: "MANAGE"}
        if body.get("initial_manage_principal"):
            acls[str(body["initial_manage_principal"])] = "MANAGE"
        scopes[name] = {"name": name, "backend_type": backend, "secrets": {}, "acls": acls}
        if body.get("backend_azure_keyvault"):
            scopes[name]["keyvault_metadata"] = body["backend_azure_keyvault"]
        return Response(200, {})

    def delete_scope(self, request: Request) -> Response:
        name = request.json().get("scope")
        self._scope(name)
        del self.ctx.table("secret_scopes")[name]
        return Response(200, {})

    def list_scopes(self, request: Request) -> Response:
        scopes = [
            {k: v for k, v in scope.items() if k in ("name", "backend_type", "keyvault_metadata")}
            for _, scope in sorted(self.ctx.table("secret_scopes").items())
        ]
        return Response(200, {"scopes": scopes} if scopes else {})

    # -- secrets -----------------------------------------------------------------------------
    def put_secret(self, request: Request) -> Response:
        body = request.json()
        require(body, "scope", "key")
        scope = self._scope(body["scope"])
        key = _check_name(body["key"], "Secret key")
        values = [body.get(field) for field in ("string_value", "bytes_value")]
        if sum(value is not None for value in values) != 1:
            raise api_error(
                400,
                "INVALID_PARAMETER_VALUE",
                "Exactly one of string_value and bytes_value must be specified.",
            )
        value = str(next(v for v in values if v is not None))
        if len(value.encode()) > _MAX_VALUE_BYTES:
            raise api_error(400, "MAX_SECRET_SIZE_EXCEEDED", "Secret value exceeds 128 KB.")
        scope["secrets"][key] = {"value": value, "last_updated_timestamp": self.ctx.now()}
        return Response(200, {})

    def delete_secret(self, request: Request) -> Response:
        body = request.json()
        scope = self._scope(body.get("scope"))
        if body.get("key") not in scope["secrets"]:
            raise api_error(
                404,
                "RESOURCE_DOES_NOT_EXIST",
                f"Secret {body.get('key')} does not exist in scope {scope['name']}!",
            )
        del scope["secrets"][body["key"]]
        return Response(200, {})

    def list_secrets(self, request: Request) -> Response:
        scope = self._scope(request.arg("scope"))
        rows = [
            {"key": key, "last_updated_timestamp": meta["last_updated_timestamp"]}
            for key, meta in sorted(scope["secrets"].items())
        ]
        return Response(200, {"secrets": rows} if rows else {})

    # -- ACLs --------------------------------------------------------------------------------
    def put_acl(self, request: Request) -> Response:
        body = request.json()
        require(body, "scope", "principal", "permission")
        scope = self._scope(body["scope"])
        if body["permission"] not in _PERMISSIONS:
            raise api_error(
                400, "INVALID_PARAMETER_VALUE", f"Invalid permission {body['permission']}"
            )
        scope["acls"][str(body["principal"])] = body["permission"]
        return Response(200, {})

    def get_acl(self, request: Request) -> Response:
        scope = self._scope(request.arg("scope"))
        principal = request.arg("principal") or ""
        return Response(200, {"principal": principal, "permission": self._acl(scope, principal)})

    def _acl(self, scope: dict[str, Any], principal: str) -> str:
        permission: str | None = scope["acls"].get(principal)
        if permission is None:
            raise api_error(
                404,
                "RESOURCE_DOES_NOT_EXIST",
                f"Failed to get secret acl for principal {principal} in scope {scope['name']}.",
            )
        return permission

    def list_acls(self, request: Request) -> Response:
        scope = self._scope(request.arg("scope"))
        items = [{"principal": p, "permission": v} for p, v in sorted(scope["acls"].items())]
        return Response(200, {"items": items} if items else {})

    def delete_acl(self, request: Request) -> Response:
        body = request.json()
        scope = self._scope(body.get("scope"))
        self._acl(scope, str(body.get("principal")))
        del scope["acls"][body["principal"]]
        return Response(200, {})
