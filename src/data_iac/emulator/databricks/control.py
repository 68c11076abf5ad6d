"""The Databricks part of the ``/__emu/`` control plane: the auth clock, a test identity
provider, and the deployer service principal of the embedded emulator.

- ``GET /__emu/clock`` -> ``{"now": seconds, "offset": seconds}``;
  ``POST /__emu/clock {"advance_seconds": N}`` moves the clock every token expiry is read
  against, so a test expires tokens without sleeping.
- ``GET /__emu/idp/token?iss=ISSUER&sub=SUBJECT&audience=AUD`` -> ``{"value": JWT}``: an ID
  token signed by this emulator, as a CI system's OIDC provider hands a job. Its shape is
  what the SDK's ``GitHubOIDCTokenSupplier`` reads from ``ACTIONS_ID_TOKEN_REQUEST_URL``, so
  a test can point that variable here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_iac.emulator.databricks.common import WORKSPACE_ID, DatabricksContext
from data_iac.emulator.databricks.identities import assignments, secrets_table
from data_iac.emulator.databricks.tokens import ACCOUNT_ID, secret_hash
from data_iac.emulator.http import Request, Response

__all__ = ["DEPLOYER_NAME", "Deployer", "control", "ensure_deployer"]

DEPLOYER_NAME = "data-iac-deployer"
GITHUB_ISSUER = "https://token.actions.githubusercontent.com"


@dataclass(frozen=True, slots=True)
class Deployer:
    """The embedded emulator's deployer service principal and its OAuth secret."""

    client_id: str
    client_secret: str
    account_id: str = ACCOUNT_ID
    workspace_id: str = WORKSPACE_ID


def control(ctx: DatabricksContext, request: Request) -> Response | None:
    match (request.method, request.path):
        case ("GET", "/__emu/clock"):
            return Response(200, _clock(ctx))
        case ("POST", "/__emu/clock"):
            body = request.json()
            ctx.tokens.advance(float(body.get("advance_seconds", 0)))
            return Response(200, _clock(ctx))
        case ("GET", "/__emu/idp/token"):
            issuer = request.arg("iss") or GITHUB_ISSUER
            subject = request.arg("sub") or "repo:example/data-iac:ref:refs/heads/main"
            audience = request.arg("audience") or request.arg("aud") or ACCOUNT_ID
            return Response(200, {"value": ctx.tokens.mint_id_token(issuer, subject, audience)})
    return None


def _clock(ctx: DatabricksContext) -> dict[str, Any]:
    now = ctx.tokens.now()
    offset = float(ctx.store.table("databricks.auth_clock").get("offset", 0.0))
    return {"now": now, "offset": offset}


def ensure_deployer(ctx: DatabricksContext) -> Deployer:
    """The deployer: an account service principal, admin of the workspace, with one OAuth
    secret. Created once per store; the same on every call (the secret is derived from the
    store's key, so it survives restarts of a persisted emulator)."""
    with ctx.store.lock:
        principals = ctx.table("account_scim_serviceprincipals")
        found = next(
            (p for p in principals.values() if p.get("displayName") == DEPLOYER_NAME), None
        )
        if found is None:
            principal_id = str(ctx.store.next_int("databricks.scim_id", 2000000000000001))
            found = {
                "id": principal_id,
                "applicationId": ctx.store.new_uuid(),
                "displayName": DEPLOYER_NAME,
                "active": True,
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"],
            }
            principals[principal_id] = found
        assignments(ctx)[found["id"]] = {"permissions": ["ADMIN"]}
        secret = "dose" + secret_hash(f"deployer:{ctx.tokens.signing_key_hex()}")[:36]
        secret_id = f"deployer-{found['id']}"
        now_ms = int(ctx.tokens.now() * 1000)
        secrets_table(ctx).setdefault(
            secret_id,
            {
                "id": secret_id,
                "service_principal_id": found["id"],
                "hash": secret_hash(secret),
                "status": "ACTIVE",
                "create_ms": now_ms,
                "expire_ms": now_ms + 730 * 24 * 3600 * 1000,
                "scopes": [],
            },
        )
        ctx.store.changed()
        return Deployer(client_id=str(found["applicationId"]), client_secret=secret)
