"""Which credential each Databricks path accepts, and the error bodies of a refusal.

- No credential, or one that is not a Bearer token -> 401 ``{"error_code": 401, "message":
  "Credential was not sent or was of an unsupported type for this API."}``
  (platform-apis.md B.10, from PipedreamHQ/pipedream#20701 and public code quoting it).
- A bad or expired token -> 403 ``{"error_code": 403, "message": "Invalid access token."}``
  with the ``X-Databricks-Reason-Phrase`` header (B.10, databricks-sdk-go#873 and #917).
- The account console accepts OAuth access tokens only; a PAT there is "of an unsupported
  type". Workspace paths accept OAuth tokens the emulator issued (for the workspace or the
  account) and, by default, any PAT; with ``require_known_tokens`` only PATs the emulator
  created (``/api/2.0/token/create``) or the ``api_key`` option.
"""

from __future__ import annotations

import re

from data_iac.emulator.databricks.tokens import (
    ACCOUNT_HOST_PATH,
    ACCOUNT_ID,
    TokenAuthority,
    is_jwt,
)
from data_iac.emulator.http import EmulatedError, Request
from data_iac.emulator.server import EmulatorOptions

__all__ = ["authenticate", "invalid_token", "unsupported_credential"]

_OPEN = (
    "/.well-known/",
    "/oidc/",
    f"{ACCOUNT_HOST_PATH}/.well-known/",
    f"{ACCOUNT_HOST_PATH}/oidc/",
)
_ACCOUNT_PATH = re.compile(rf"^{ACCOUNT_HOST_PATH}/api/2\.\d/accounts/(?P<account_id>[^/]+)/")


def unsupported_credential() -> EmulatedError:
    return EmulatedError(
        401,
        {
            "error_code": 401,
            "message": "Credential was not sent or was of an unsupported type for this API.",
        },
    )


def invalid_token() -> EmulatedError:
    message = "Invalid access token."
    return EmulatedError(
        403,
        {"error_code": 403, "message": message},
        headers={"X-Databricks-Reason-Phrase": message},
    )


def authenticate(request: Request, tokens: TokenAuthority, options: EmulatorOptions) -> None:
    """Raise the platform's refusal unless ``request`` carries a credential its path takes."""
    if request.path.startswith(_OPEN):
        return
    header = request.header("Authorization") or ""
    token = header[7:].strip() if header.startswith("Bearer ") else ""
    if not token:
        raise unsupported_credential()
    if request.path.startswith(f"{ACCOUNT_HOST_PATH}/"):
        _account(request, token, tokens)
    elif is_jwt(token):
        _oauth(token, tokens, audiences=("workspace", "account"))
    else:
        _pat(token, tokens, options)


def _account(request: Request, token: str, tokens: TokenAuthority) -> None:
    if not is_jwt(token):
        raise unsupported_credential()
    _oauth(token, tokens, audiences=("account",))
    found = _ACCOUNT_PATH.match(request.path)
    if found and found.group("account_id") != ACCOUNT_ID:
        raise invalid_token()


def _oauth(token: str, tokens: TokenAuthority, audiences: tuple[str, ...]) -> None:
    issued = tokens.lookup(token)
    if issued is None or tokens.expired(issued) or issued.audience not in audiences:
        raise invalid_token()


def _pat(token: str, tokens: TokenAuthority, options: EmulatorOptions) -> None:
    if options.api_key is not None and token == options.api_key:
        return
    if tokens.known_pat(token):
        return
    if options.api_key is not None or options.require_known_tokens:
        raise invalid_token()
