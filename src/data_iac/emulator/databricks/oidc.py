"""OAuth for the workspace (``/oidc/...``) and the account (``/accounts/oidc/accounts/ID/...``).

What the SDK's unified auth requests (databricks-sdk 0.162, ``config.py`` and ``oauth.py``):
``GET {host}/.well-known/databricks-config`` -> ``oidc_endpoint``; then
``GET {oidc_endpoint}/.well-known/oauth-authorization-server`` -> ``token_endpoint``; then
``POST token_endpoint`` with a form body: ``grant_type=client_credentials`` and the client id
and secret in a Basic header (``oauth.ClientCredentials(use_header=True)``), or the RFC 8693
token exchange (``grant_type=urn:ietf:params:oauth:grant-type:token-exchange``,
``subject_token``, ``subject_token_type=urn:ietf:params:oauth:token-type:jwt``, ``client_id``
as a form field). The answer is ``{access_token, token_type, expires_in}``; errors are the
RFC 6749 section 5.2 shape ``{error, error_description}``, which ``oauth.retrieve_token`` reads.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import parse_qs

from data_iac.emulator.databricks.common import DatabricksContext, route
from data_iac.emulator.databricks.identities import (
    account_service_principal,
    check_secret,
    federation_policies_of,
    in_workspace,
)
from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH, ACCOUNT_ID
from data_iac.emulator.http import EmulatedError, Request, Response, Route

__all__ = ["base_url", "routes"]

TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"
_ACCOUNT_OIDC = rf"{ACCOUNT_HOST_PATH}/oidc/accounts/(?P<account_id>[^/]+)"
_DISCOVERY = r"/\.well-known/(?:oauth-authorization-server|openid-configuration)"


def base_url(request: Request) -> str:
    return f"http://{request.header('Host') or '127.0.0.1'}"


def oauth_error(status: int, error: str, description: str) -> EmulatedError:
    """RFC 6749 section 5.2 error body."""
    return EmulatedError(status, {"error": error, "error_description": description})


def routes(ctx: DatabricksContext) -> list[Route]:
    def workspace_discovery(request: Request) -> Response:
        return Response(200, _discovery(f"{base_url(request)}/oidc"))

    def account_discovery(request: Request) -> Response:
        _require_account(request)
        root = f"{base_url(request)}{ACCOUNT_HOST_PATH}/oidc/accounts/{ACCOUNT_ID}"
        return Response(200, _discovery(root))

    def workspace_token(request: Request) -> Response:
        return _token(ctx, request, "workspace", f"{base_url(request)}/oidc")

    def account_token(request: Request) -> Response:
        _require_account(request)
        root = f"{base_url(request)}{ACCOUNT_HOST_PATH}/oidc/accounts/{ACCOUNT_ID}"
        return _token(ctx, request, "account", root)

    def account_metadata(request: Request) -> Response:
        base = f"{base_url(request)}{ACCOUNT_HOST_PATH}"
        return Response(
            200,
            {
                "oidc_endpoint": f"{base}/oidc/accounts/{{account_id}}",
                "cloud": "aws",
            },
        )

    return [
        route("GET", f"/oidc{_DISCOVERY}", workspace_discovery),
        route("GET", f"{_ACCOUNT_OIDC}{_DISCOVERY}", account_discovery),
        route("POST", r"/oidc/v1/token", workspace_token),
        route("POST", rf"{_ACCOUNT_OIDC}/v1/token", account_token),
        route("GET", rf"{ACCOUNT_HOST_PATH}/\.well-known/databricks-config", account_metadata),
    ]


def _require_account(request: Request) -> None:
    if request.params.get("account_id") != ACCOUNT_ID:
        raise EmulatedError(
            404, {"error_code": "ENDPOINT_NOT_FOUND", "message": "Account not found"}
        )


def _discovery(root: str) -> dict[str, Any]:
    return {
        "issuer": root,
        "authorization_endpoint": f"{root}/v1/authorize",
        "token_endpoint": f"{root}/v1/token",
        "jwks_uri": f"{root}/jwks.json",
        "grant_types_supported": ["client_credentials", "authorization_code", TOKEN_EXCHANGE],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "response_types_supported": ["code"],
        "scopes_supported": ["all-apis", "offline_access", "sql"],
    }


def _form(request: Request) -> dict[str, str]:
    parsed = parse_qs(request.body.decode("utf-8", "replace"), keep_blank_values=True)
    form = {key: values[0] for key, values in parsed.items() if values}
    for key, values in request.query.items():  # a client may send the grant in the query
        form.setdefault(key, values[0])
    return form


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.header("Authorization") or ""
    if not header.startswith("Basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:]).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def _token(ctx: DatabricksContext, request: Request, audience: str, issuer: str) -> Response:
    form = _form(request)
    grant = form.get("grant_type", "")
    if grant == "client_credentials":
        client_id = _client_credentials(ctx, request, form)
    elif grant == TOKEN_EXCHANGE:
        client_id = _token_exchange(ctx, form)
    else:
        raise oauth_error(400, "unsupported_grant_type", f"Unsupported grant type: {grant!r}")
    if audience == "workspace" and not in_workspace(ctx, client_id):
        raise oauth_error(
            400,
            "invalid_request",
            f"Service principal {client_id} is not assigned to this workspace",
        )
    return Response(200, ctx.tokens.issue(client_id, audience, issuer))


def _client_credentials(ctx: DatabricksContext, request: Request, form: dict[str, str]) -> str:
    found = _basic_credentials(request) or (
        form.get("client_id", ""),
        form.get("client_secret", ""),
    )
    client_id, secret = found
    if not client_id or not secret or not check_secret(ctx, client_id, secret):
        raise oauth_error(401, "invalid_client", "Client authentication failed")
    return client_id


def _token_exchange(ctx: DatabricksContext, form: dict[str, str]) -> str:
    if form.get("subject_token_type") != JWT_TOKEN_TYPE or not form.get("subject_token"):
        raise oauth_error(400, "invalid_request", "subject_token must be a JWT")
    claims = ctx.tokens.verify(form["subject_token"])
    if claims is None:
        raise oauth_error(
            400, "invalid_request", "The subject token is invalid, expired or not signed"
        )
    client_id = form.get("client_id", "")
    principal = account_service_principal(ctx, client_id) if client_id else None
    if principal is None:
        raise oauth_error(401, "invalid_client", "Client authentication failed")
    for policy in federation_policies_of(ctx, principal["id"]):
        if _matches(policy.get("oidc_policy") or {}, claims):
            return client_id
    raise oauth_error(
        400,
        "invalid_request",
        "The subject token does not match any federation policy of this service principal",
    )


def _matches(policy: dict[str, Any], claims: dict[str, Any]) -> bool:
    audiences = policy.get("audiences") or [ACCOUNT_ID]
    token_audiences = claims.get("aud")
    if isinstance(token_audiences, str):
        token_audiences = [token_audiences]
    subject_claim = policy.get("subject_claim") or "sub"
    return (
        claims.get("iss") == policy.get("issuer")
        and claims.get(subject_claim) == policy.get("subject")
        and any(a in audiences for a in token_audiences or [])
    )
