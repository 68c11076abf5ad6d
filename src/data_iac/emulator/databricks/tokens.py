"""Who may call the emulated Databricks APIs: OAuth access tokens, PATs, the test IdP.

Facts this module follows (each test cites them again):
- OAuth access tokens live one hour (docs.databricks.com/dev-tools/auth/oauth-m2m.html:
  "The OAuth token has a lifespan of one hour"); ``EmulatorOptions.token_lifetime_seconds``
  shortens it for tests.
- Databricks OAuth access tokens are JWTs; PATs are opaque (``dapi...``). The account
  console takes OAuth tokens only (issue 15; platform-apis.md B.10 gives the error bodies).
- A federated token is checked against a service principal federation policy: issuer,
  subject and one of the audiences (default: the account id), as the docstring of
  ``databricks.sdk.service.oauth2.ServicePrincipalFederationPolicyAPI`` states.

Time: the emulator's auth clock is the wall clock plus an offset that the ``/__emu/clock``
control path moves, so a test expires every token at once without sleeping.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from data_iac.emulator.store import Store

__all__ = [
    "ACCOUNT_HOST_PATH",
    "ACCOUNT_ID",
    "AccessToken",
    "TokenAuthority",
    "decode_jwt",
    "is_jwt",
    "secret_hash",
]

ACCOUNT_ID = "7c4f1d2e-0b9a-4e53-9d6c-3a1b5e8f0d42"
# The account console's host is the emulator's URL plus this path (the SDK keeps a host's
# path prefix): account APIs, account OIDC and account host metadata live under it.
ACCOUNT_HOST_PATH = "/accounts"
_CLOCK = "databricks.auth_clock"
_TOKENS = "databricks.oauth_tokens"
_PATS = "databricks.pat_tokens"
_KEYS = "databricks.auth_keys"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def is_jwt(token: str) -> bool:
    """Whether ``token`` has the three dot-separated parts of a JWT."""
    parts = token.split(".")
    return len(parts) == 3 and all(parts)


def decode_jwt(token: str) -> dict[str, Any] | None:
    """The claims of a JWT, unverified; None when it is not one."""
    if not is_jwt(token):
        return None
    try:
        claims = json.loads(_unb64(token.split(".")[1]))
    except ValueError:
        return None
    return claims if isinstance(claims, dict) else None


@dataclass(frozen=True, slots=True)
class AccessToken:
    """One issued OAuth access token, as the store keeps it."""

    client_id: str
    audience: str  # "workspace" or "account"
    expires_at: float

    def to_json(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "aud": self.audience, "exp": self.expires_at}


class TokenAuthority:
    """Issues and checks tokens; every fact is kept in the store (persisted, reset with it)."""

    def __init__(self, store: Store, lifetime_seconds: int) -> None:
        self.store = store
        self.lifetime_seconds = lifetime_seconds

    # -- the clock ---------------------------------------------------------------------------
    def now(self) -> float:
        offset = float(self.store.table(_CLOCK).get("offset", 0.0))
        return time.time() + offset

    def advance(self, seconds: float) -> float:
        """Move the auth clock ``seconds`` ahead; returns the new offset."""
        with self.store.lock:
            table = self.store.table(_CLOCK)
            table["offset"] = float(table.get("offset", 0.0)) + seconds
            return float(table["offset"])

    # -- OAuth access tokens -----------------------------------------------------------------
    def issue(self, client_id: str, audience: str, issuer: str) -> dict[str, Any]:
        """A new access token for ``client_id``: the token endpoint's JSON answer."""
        now = self.now()
        claims = {
            "iss": issuer,
            "sub": client_id,
            "client_id": client_id,
            "aud": audience,
            "iat": int(now),
            "exp": int(now + self.lifetime_seconds),
            "jti": secrets.token_hex(8),
            "scope": "all-apis",
        }
        token = self._sign(claims)
        entry = AccessToken(client_id, audience, now + self.lifetime_seconds)
        self.store.table(_TOKENS)[token] = entry.to_json()
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": self.lifetime_seconds,
            "scope": "all-apis",
        }

    def lookup(self, token: str) -> AccessToken | None:
        """The issued token, whether or not it has expired; None when never issued."""
        raw = self.store.table(_TOKENS).get(token)
        if not isinstance(raw, dict):
            return None
        return AccessToken(str(raw["client_id"]), str(raw["aud"]), float(raw["exp"]))

    def expired(self, token: AccessToken) -> bool:
        return self.now() >= token.expires_at

    # -- personal access tokens ----------------------------------------------------------------
    def create_pat(self, comment: str, lifetime_seconds: int | None) -> dict[str, Any]:
        """A new PAT (``POST /api/2.0/token/create``): its value and its info."""
        value = "dapi" + secrets.token_hex(16)
        token_id = secrets.token_hex(32)
        now = self.now()
        info = {
            "token_id": token_id,
            "comment": comment,
            "creation_time": int(now * 1000),
            "expiry_time": int((now + lifetime_seconds) * 1000) if lifetime_seconds else -1,
        }
        self.store.table(_PATS)[value] = info
        return {"token_value": value, "token_info": info}

    def known_pat(self, token: str) -> bool:
        info = self.store.table(_PATS).get(token)
        if not isinstance(info, dict):
            return False
        expiry = int(info.get("expiry_time", -1))
        return expiry < 0 or self.now() * 1000 < expiry

    def pats(self) -> dict[str, Any]:
        return self.store.table(_PATS)

    # -- the test identity provider ----------------------------------------------------------
    def mint_id_token(self, issuer: str, subject: str, audience: str) -> str:
        """An ID token as a CI system's OIDC provider would hand a job (signed by us)."""
        now = self.now()
        claims = {
            "iss": issuer,
            "sub": subject,
            "aud": audience,
            "iat": int(now),
            "exp": int(now + 300),
        }
        return self._sign(claims)

    def verify(self, token: str) -> dict[str, Any] | None:
        """The claims of a JWT this emulator signed and that has not expired, else None."""
        if not is_jwt(token):
            return None
        head, body, signature = token.split(".")
        expected = _b64(hmac.new(self._key(), f"{head}.{body}".encode(), "sha256").digest())
        if not hmac.compare_digest(expected, signature):
            return None
        claims = decode_jwt(token)
        if claims is None or float(claims.get("exp", 0)) <= self.now():
            return None
        return claims

    def _sign(self, claims: dict[str, Any]) -> str:
        head = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "emulator"}).encode())
        body = _b64(json.dumps(claims, sort_keys=True).encode())
        signature = hmac.new(self._key(), f"{head}.{body}".encode(), "sha256").digest()
        return f"{head}.{body}.{_b64(signature)}"

    def signing_key_hex(self) -> str:
        """This store's signing key (created on first use)."""
        return self._key().hex()

    def _key(self) -> bytes:
        keys = self.store.table(_KEYS)
        if "hs256" not in keys:
            keys["hs256"] = secrets.token_hex(32)
        return bytes.fromhex(str(keys["hs256"]))


def secret_hash(secret: str) -> str:
    """How an OAuth secret is kept: never in clear."""
    return hashlib.sha256(secret.encode()).hexdigest()
