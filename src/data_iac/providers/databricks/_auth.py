"""Databricks authentication: the SDK's unified auth, unchanged, and clear failures.

Every auth setting of a provider (``host``, ``token``, ``profile``, ``config_file``,
``auth_type``, ``client_id``, ``client_secret``, ``account_id``, ``azure_*``,
``oidc_token_env`` ...) goes to the SDK's ``Config`` as given; what is not set comes from the
SDK's own chain (``DATABRICKS_*`` variables, ``DATABRICKS_CONFIG_PROFILE``,
``~/.databrickscfg``, GitHub Actions OIDC...). The auth type is pinned only when the user gave
a token, so leftover OAuth variables in CI never make the SDK refuse two methods.

A credential that does not work fails at connect time, within seconds, as a
``ProviderPermissionError`` naming the auth method that was tried and what to set. Secrets
never appear in these messages: the SDK masks them in its debug string, and we print only
non-secret settings (host, client id, profile).
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from data_iac.errors import ProviderPermissionError

if TYPE_CHECKING:
    from databricks.sdk.core import Config

__all__ = [
    "OUR_SETTINGS",
    "auth_failure",
    "build_config",
    "check_credentials",
    "config_kwargs",
    "is_auth_error",
    "is_invalid_token",
    "method_hint",
]

# Provider settings that are ours, not the SDK's (``rate_limit`` is ours: a client-side
# limiter, not the SDK's attribute of the same name).
OUR_SETTINGS = frozenset(
    {"rate_limit", "connect_timeout", "retry_timeout_seconds", "http_timeout_seconds"}
)
DEFAULT_RETRY_TIMEOUT = 120
DEFAULT_HTTP_TIMEOUT = 60.0

_HINTS: Mapping[str, str] = {
    "pat": "check the token (providers.databricks.token, DATABRICKS_TOKEN or the profile's "
    "token): it may be expired or revoked",
    "oauth-m2m": "check the service principal's client id and OAuth secret "
    "(providers.databricks.client_id/client_secret, DATABRICKS_CLIENT_ID/"
    "DATABRICKS_CLIENT_SECRET or the profile): the secret may be revoked or expired, or the "
    "principal not assigned to this workspace",
    "github-oidc": "check the service principal's federation policy (issuer "
    "https://token.actions.githubusercontent.com and the subject of this workflow) and "
    "DATABRICKS_CLIENT_ID; the job needs `permissions: id-token: write`",
    "env-oidc": "check DATABRICKS_OIDC_TOKEN and the service principal's federation policy "
    "(issuer, subject, audience) for DATABRICKS_CLIENT_ID",
    "file-oidc": "check DATABRICKS_OIDC_TOKEN_FILEPATH and the service principal's "
    "federation policy for DATABRICKS_CLIENT_ID",
}
_NO_METHOD_HINT = (
    "set providers.databricks host and token (or profile), or DATABRICKS_HOST with "
    "DATABRICKS_TOKEN (personal access token) or DATABRICKS_CLIENT_ID and "
    "DATABRICKS_CLIENT_SECRET (OAuth M2M), or a ~/.databrickscfg profile "
    "(DATABRICKS_CONFIG_PROFILE); for an account provider also account_id"
)


def _sdk_attributes() -> frozenset[str]:
    from databricks.sdk.core import Config

    return frozenset(attr.name for attr in Config.attributes())


def config_kwargs(settings: Mapping[str, Any], product_version: str) -> dict[str, Any]:
    """The SDK ``Config`` keyword arguments for a provider's settings."""
    kwargs: dict[str, Any] = {
        "retry_timeout_seconds": int(settings.get("retry_timeout_seconds", DEFAULT_RETRY_TIMEOUT)),
        "http_timeout_seconds": float(settings.get("http_timeout_seconds", DEFAULT_HTTP_TIMEOUT)),
        "product": "data-iac",
        "product_version": product_version,
    }
    known = _sdk_attributes()
    for key, value in settings.items():
        if key in OUR_SETTINGS or key not in known or value in (None, ""):
            continue
        kwargs[key] = value if isinstance(value, bool | int | float | list) else str(value)
    if "token" in kwargs and "auth_type" not in kwargs:
        # Leftover OAuth variables in CI would otherwise make the SDK refuse two methods.
        kwargs["auth_type"] = "pat"
    return kwargs


def build_config(kwargs: Mapping[str, Any], *, clock: Any = None) -> Config:
    """``Config(**kwargs)``; an SDK refusal becomes a ProviderPermissionError."""
    from databricks.sdk.core import Config

    try:
        return Config(**kwargs, clock=clock) if clock else Config(**kwargs)
    except ValueError as exc:
        method = str(kwargs.get("auth_type") or "")
        reason = _first_line(exc) if method else _no_credentials(kwargs)
        raise ProviderPermissionError(
            f"cannot configure Databricks authentication{_tried(method)}: {reason}",
            platform="databricks",
            hint=_HINTS.get(method, _NO_METHOD_HINT),
        ) from exc


def _no_credentials(kwargs: Mapping[str, Any]) -> str:
    """No auth method of the SDK's default chain found what it needs: say which were tried
    (the chain's own names, read from the installed SDK) and for which host."""
    from databricks.sdk.credentials_provider import DefaultCredentials

    tried = [p.auth_type() for p in DefaultCredentials()._auth_providers]
    host = kwargs.get("host")
    where = f" for {host}" if host else " (no host set)"
    return f"no usable credentials{where}; tried the auth methods {', '.join(tried)}"


def check_credentials(config: Config) -> None:
    """Fetch the first token now (OAuth), so a bad credential fails at connect time."""
    try:
        config.authenticate()
    except Exception as exc:
        raise auth_failure(exc, config) from exc


def auth_failure(exc: BaseException, config: Config, address: str = "") -> ProviderPermissionError:
    """Our error for a credential the service (or its token endpoint) refused."""
    method = str(config.auth_type or "")
    where = f" at {config.host}" if config.host else ""
    who = f" as client {config.client_id}" if config.client_id else ""
    if config.profile:
        who += f" (profile {config.profile})"
    return ProviderPermissionError(
        f"Databricks refused the credentials{where}{_tried(method)}{who}: {_first_line(exc)}",
        platform="databricks",
        address=address,
        hint=method_hint(method),
    )


def method_hint(method: str) -> str:
    return _HINTS.get(method, _NO_METHOD_HINT)


def _tried(method: str) -> str:
    return f" (auth method {method})" if method and method != "default" else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc).split(". Config:")[0]
    return text.splitlines()[0] if text else type(exc).__name__


def is_auth_error(exc: BaseException) -> bool:
    """Whether ``exc`` is the SDK failing to obtain a token (raised from its auth code)."""
    if not isinstance(exc, ValueError | NotImplementedError):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return any(
        "databricks/sdk/" in frame.filename
        and frame.filename.rsplit("/", 1)[-1]
        in ("oauth.py", "credentials_provider.py", "oidc.py", "oidc_token_supplier.py")
        for frame in frames
    )


def is_invalid_token(exc: BaseException) -> bool:
    """Whether the service refused the access token itself (expired, revoked, unknown)."""
    from databricks.sdk.errors import PermissionDenied, Unauthenticated

    return isinstance(exc, PermissionDenied | Unauthenticated) and (
        "Invalid access token" in str(exc) or "Credential was not sent" in str(exc)
    )
