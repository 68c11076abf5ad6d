"""The account console's APIs (under the account host, see ``tokens.ACCOUNT_HOST_PATH``):
account SCIM, service principal OAuth secrets, federation policies and workspace
permission assignments; plus the workspace's own token and secrets-proxy APIs.

Paths and bodies follow databricks-sdk 0.162: ``service/iam.py`` (``AccountGroupsAPI``,
``WorkspaceAssignmentAPI``: ``PUT .../permissionassignments/principals/ID`` with
``{"permissions": ["USER"|"ADMIN"]}``), ``service/oauth2.py``
(``ServicePrincipalSecretsAPI``: default lifetime 730 days, the secret returned only by the
create; ``ServicePrincipalFederationPolicyAPI``), ``service/settings.py`` (``TokensAPI``).
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from data_iac.emulator.databricks.common import WORKSPACE_ID, DatabricksContext, api_error, route
from data_iac.emulator.databricks.identities import assignments, secrets_table
from data_iac.emulator.databricks.scim import scim_routes
from data_iac.emulator.databricks.scim_resources import KINDS, scim_error
from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH, secret_hash
from data_iac.emulator.http import Request, Response, Route

__all__ = ["ACCOUNT_API", "ACCOUNT_KINDS", "routes"]

ACCOUNT_API = rf"{ACCOUNT_HOST_PATH}/api/2\.0/accounts/(?P<account_id>[^/]+)"
ACCOUNT_KINDS = tuple(
    replace(kind, resource_type="Group") if kind.path == "Groups" else kind for kind in KINDS
)
_SP = r"servicePrincipals/(?P<sp_id>[^/]+)"
_DEFAULT_SECRET_LIFETIME_S = 730 * 24 * 3600
_WORKSPACE_PERMISSIONS = ("USER", "ADMIN")


def routes(ctx: DatabricksContext) -> list[Route]:
    secrets = _Secrets(ctx)
    policies = _Policies(ctx)
    workspaces = _Assignments(ctx)
    tokens = _Tokens(ctx)
    ws_secrets = rf"/api/2\.0/accounts/{_SP}/credentials/secrets"
    acct_secrets = rf"{ACCOUNT_API}/{_SP}/credentials/secrets"
    acct_policies = rf"{ACCOUNT_API}/{_SP}/federationPolicies"
    assign = rf"{ACCOUNT_API}/workspaces/(?P<workspace_id>[^/]+)/permissionassignments"
    return [
        *scim_routes(ctx, f"{ACCOUNT_API}/scim/v2", "account_scim_", ACCOUNT_KINDS),
        route("POST", acct_secrets, lambda r: secrets.create(r, "account_scim_")),
        route("GET", acct_secrets, lambda r: secrets.list(r, "account_scim_")),
        route("DELETE", rf"{acct_secrets}/(?P<secret_id>[^/]+)", secrets.delete),
        route("POST", ws_secrets, lambda r: secrets.create(r, "scim_")),
        route("GET", ws_secrets, lambda r: secrets.list(r, "scim_")),
        route("DELETE", rf"{ws_secrets}/(?P<secret_id>[^/]+)", secrets.delete),
        route("POST", acct_policies, policies.create),
        route("GET", acct_policies, policies.list),
        route("GET", rf"{acct_policies}/(?P<policy_id>[^/]+)", policies.get),
        route("DELETE", rf"{acct_policies}/(?P<policy_id>[^/]+)", policies.delete),
        route("GET", assign, workspaces.list),
        route("PUT", rf"{assign}/principals/(?P<principal_id>[^/]+)", workspaces.put),
        route("DELETE", rf"{assign}/principals/(?P<principal_id>[^/]+)", workspaces.delete),
        route("POST", r"/api/2\.0/token/create", tokens.create),
        route("GET", r"/api/2\.0/token/list", tokens.list),
        route("POST", r"/api/2\.0/token/delete", tokens.delete),
    ]


def _principal(ctx: DatabricksContext, prefix: str, principal_id: str) -> dict[str, Any]:
    found = ctx.table(f"{prefix}serviceprincipals").get(principal_id)
    if found is None:
        raise api_error(
            404, "RESOURCE_DOES_NOT_EXIST", f"Service principal {principal_id} does not exist"
        )
    return dict(found)


class _Secrets:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def create(self, request: Request, prefix: str) -> Response:
        principal = _principal(self.ctx, prefix, request.params["sp_id"])
        body = request.json()
        lifetime = str(body.get("lifetime") or f"{_DEFAULT_SECRET_LIFETIME_S}s")
        try:
            seconds = float(lifetime.rstrip("s"))
        except ValueError as exc:
            raise api_error(
                400, "INVALID_PARAMETER_VALUE", f"Invalid lifetime: {lifetime}"
            ) from exc
        secret = "dose" + self.ctx.store.random_token(36, "0123456789abcdef")
        now_ms = int(self.ctx.tokens.now() * 1000)
        secret_id = self.ctx.store.new_uuid()
        entry = {
            "id": secret_id,
            "service_principal_id": principal["id"],
            "hash": secret_hash(secret),
            "status": "ACTIVE",
            "create_ms": now_ms,
            "expire_ms": now_ms + int(seconds * 1000),
            "scopes": list(body.get("scopes") or []),
        }
        secrets_table(self.ctx)[secret_id] = entry
        return Response(200, {**_secret_info(entry), "secret": secret})

    def list(self, request: Request, prefix: str) -> Response:
        principal = _principal(self.ctx, prefix, request.params["sp_id"])
        found = [
            _secret_info(e)
            for e in secrets_table(self.ctx).values()
            if e["service_principal_id"] == principal["id"]
        ]
        return Response(200, {"secrets": found})

    def delete(self, request: Request) -> Response:
        table = secrets_table(self.ctx)
        if table.pop(request.params["secret_id"], None) is None:
            raise api_error(404, "RESOURCE_DOES_NOT_EXIST", "Secret does not exist")
        return Response(200, {})


def _iso(ms: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _secret_info(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": entry["id"],
        "secret_hash": entry["hash"][:8],
        "status": entry["status"],
        "create_time": _iso(entry["create_ms"]),
        "update_time": _iso(entry["create_ms"]),
        "expire_time": _iso(entry["expire_ms"]),
        "scopes": entry.get("scopes") or [],
    }


class _Policies:
    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _table(self) -> dict[str, Any]:
        return self.ctx.table("sp_federation_policies")

    def create(self, request: Request) -> Response:
        principal = _principal(self.ctx, "account_scim_", request.params["sp_id"])
        body = request.json()
        oidc = body.get("oidc_policy") or {}
        if not oidc.get("issuer") or not oidc.get("subject"):
            raise api_error(
                400,
                "INVALID_PARAMETER_VALUE",
                "oidc_policy.issuer and oidc_policy.subject are required",
            )
        policy_id = request.arg("policy_id") or self.ctx.store.random_token(12)
        key = f"{principal['id']}/{policy_id}"
        if key in self._table():
            raise api_error(409, "RESOURCE_ALREADY_EXISTS", f"Policy {policy_id} already exists")
        policy = {
            "policy_id": policy_id,
            "uid": self.ctx.store.new_uuid(),
            "name": f"accounts/{request.params['account_id']}/servicePrincipals/"
            f"{principal['id']}/federationPolicies/{policy_id}",
            "service_principal_id": int(principal["id"]),
            "description": body.get("description", ""),
            "oidc_policy": copy.deepcopy(oidc),
            "create_time": _iso(self.ctx.now()),
            "update_time": _iso(self.ctx.now()),
        }
        self._table()[key] = policy
        return Response(200, policy)

    def list(self, request: Request) -> Response:
        prefix = f"{request.params['sp_id']}/"
        found = [p for k, p in self._table().items() if k.startswith(prefix)]
        return Response(200, {"policies": found})

    def _require(self, request: Request) -> str:
        key = f"{request.params['sp_id']}/{request.params['policy_id']}"
        if key not in self._table():
            raise api_error(404, "RESOURCE_DOES_NOT_EXIST", "Federation policy does not exist")
        return key

    def get(self, request: Request) -> Response:
        return Response(200, self._table()[self._require(request)])

    def delete(self, request: Request) -> Response:
        del self._table()[self._require(request)]
        return Response(200, {})


class _Assignments:
    """Workspace permission assignments of account principals (one workspace here)."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def _check_workspace(self, request: Request) -> None:
        if request.params["workspace_id"] != WORKSPACE_ID:
            raise api_error(
                404,
                "RESOURCE_DOES_NOT_EXIST",
                f"Workspace {request.params['workspace_id']} does not exist",
            )

    def _principal(self, principal_id: str) -> tuple[str, dict[str, Any]]:
        for kind, field in (("users", "user_name"), ("groups", "group_name")):
            found = self.ctx.table(f"account_scim_{kind}").get(principal_id)
            if found is not None:
                name = found.get("userName") if kind == "users" else found.get("displayName")
                return field, {**found, "_name": name}
        found = self.ctx.table("account_scim_serviceprincipals").get(principal_id)
        if found is not None:
            return "service_principal_name", {**found, "_name": found.get("applicationId")}
        raise scim_error(404, f"Principal {principal_id} not found.")

    def _view(self, principal_id: str, permissions: list[str]) -> dict[str, Any]:
        field, principal = self._principal(principal_id)
        return {
            "principal": {
                "principal_id": int(principal_id),
                "display_name": principal.get("displayName", principal["_name"]),
                field: principal["_name"],
            },
            "permissions": permissions,
        }

    def list(self, request: Request) -> Response:
        self._check_workspace(request)
        found = [
            self._view(pid, entry["permissions"])
            for pid, entry in sorted(assignments(self.ctx).items())
        ]
        return Response(200, {"permission_assignments": found})

    def put(self, request: Request) -> Response:
        self._check_workspace(request)
        principal_id = request.params["principal_id"]
        self._principal(principal_id)
        permissions = request.json().get("permissions") or []
        bad = [p for p in permissions if p not in _WORKSPACE_PERMISSIONS]
        if not permissions or bad:
            raise api_error(
                400,
                "INVALID_PARAMETER_VALUE",
                f"permissions must be a non-empty list of {', '.join(_WORKSPACE_PERMISSIONS)}",
            )
        assignments(self.ctx)[principal_id] = {"permissions": list(permissions)}
        return Response(200, self._view(principal_id, list(permissions)))

    def delete(self, request: Request) -> Response:
        self._check_workspace(request)
        if assignments(self.ctx).pop(request.params["principal_id"], None) is None:
            raise api_error(
                404,
                "RESOURCE_DOES_NOT_EXIST",
                f"Principal {request.params['principal_id']} is not assigned to the workspace",
            )
        return Response(200, {})


class _Tokens:
    """Personal access tokens of the calling user (``TokensAPI``)."""

    def __init__(self, ctx: DatabricksContext) -> None:
        self.ctx = ctx

    def create(self, request: Request) -> Response:
        body = request.json()
        lifetime = body.get("lifetime_seconds")
        created = self.ctx.tokens.create_pat(
            str(body.get("comment", "")), int(lifetime) if lifetime else None
        )
        return Response(200, created)

    def list(self, request: Request) -> Response:
        return Response(200, {"token_infos": list(self.ctx.tokens.pats().values())})

    def delete(self, request: Request) -> Response:
        token_id = request.json().get("token_id")
        pats = self.ctx.tokens.pats()
        for value, info in list(pats.items()):
            if info.get("token_id") == token_id:
                del pats[value]
                return Response(200, {})
        raise api_error(404, "RESOURCE_DOES_NOT_EXIST", f"Token {token_id} does not exist")
