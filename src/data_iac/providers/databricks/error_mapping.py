"""Databricks SDK errors -> ``data_iac.errors``, in one place (platform-apis.md 7.A).

The SDK picks its exception class from the ``error_code`` first and the HTTP status second,
so real Unity Catalog codes (``CATALOG_ALREADY_EXISTS`` as a 400, ``SCHEMA_DOES_NOT_EXIST``)
arrive as base classes. We therefore classify by base class plus the code and the message:
"does not exist" is missing whatever the status, "already exists" is a duplicate whatever the
status. The SDK is imported lazily.
"""

from __future__ import annotations

from typing import Any

from data_iac.errors import (
    ProviderError,
    ProviderPermissionError,
    ProviderUnavailable,
    RateLimitedError,
    RemoteConflictError,
    ResourceAlreadyExists,
    ResourceNotFound,
)

__all__ = ["map_error"]

PLATFORM = "databricks"

# The SDK's errors carry no HTTP status; this is the status each base class stands for.
_STATUS_BY_CLASS: tuple[tuple[str, int], ...] = (
    ("BadRequest", 400),
    ("Unauthenticated", 401),
    ("PermissionDenied", 403),
    ("NotFound", 404),
    ("ResourceConflict", 409),
    ("TooManyRequests", 429),
    ("InternalError", 500),
    ("NotImplemented", 501),
    ("TemporarilyUnavailable", 503),
    ("DeadlineExceeded", 504),
)


def map_error(exc: BaseException, *, host: str = "", address: str = "") -> ProviderError | None:
    """Our error for ``exc``, or None when ``exc`` is not a platform or transport error.

    A ``TimeoutError`` raised by the SDK's retry loop is mapped from its cause (the last
    error before the retries ran out).
    """
    if isinstance(exc, ProviderError):
        return None
    if isinstance(exc, TimeoutError) and exc.__cause__ is not None:
        inner = map_error(exc.__cause__, host=host, address=address)
        if inner is not None:
            inner.detail = f"gave up after retrying: {exc}"
        return inner
    from databricks.sdk.errors.base import DatabricksError

    if isinstance(exc, DatabricksError):
        return _from_databricks(exc, address)
    if _is_transport_error(exc):
        return ProviderUnavailable(
            f"cannot reach Databricks workspace {host}: {exc}",
            platform=PLATFORM,
            address=address,
            hint="check the host and your network; the workspace may be down",
        )
    return None


def _from_databricks(exc: Any, address: str) -> ProviderError:
    from databricks.sdk import errors as sdk

    message = str(exc)
    code = str(exc.error_code or "")
    status = _status_of(exc)
    common: dict[str, Any] = {"platform": PLATFORM, "address": address, "status": status}
    if isinstance(exc, sdk.NotFound) or _says_missing(exc, message):
        return ResourceNotFound(message, **common)
    if _says_duplicate(code, message):
        return ResourceAlreadyExists(message, **common)
    if isinstance(exc, sdk.PermissionDenied | sdk.Unauthenticated):
        return ProviderPermissionError(
            message,
            **common,
            hint="check the token (or profile): it may be expired, revoked or lack the "
            "permission this call needs",
        )
    if isinstance(exc, sdk.TooManyRequests):
        return RateLimitedError(
            message, **common, hint="lower providers.databricks.rate_limit or --parallelism"
        )
    if isinstance(exc, sdk.ResourceConflict):
        return RemoteConflictError(message, **common, hint="re-run plan to see the new state")
    if (status is not None and status >= 500) or isinstance(exc, sdk.InternalError):
        return ProviderUnavailable(message, **common, hint="the workspace failed; retry later")
    return ProviderError(message, **common)


def _says_missing(exc: Any, message: str) -> bool:
    from databricks.sdk.errors import BadRequest

    # jobs/reset, clusters/edit ... answer 400 INVALID_PARAMETER_VALUE "... does not exist".
    return isinstance(exc, BadRequest) and "does not exist" in message.lower()


def _says_duplicate(code: str, message: str) -> bool:
    return code.endswith("ALREADY_EXISTS") or "already exists" in message.lower()


def _status_of(exc: BaseException) -> int | None:
    names = {cls.__name__ for cls in type(exc).__mro__}
    for name, status in _STATUS_BY_CLASS:
        if name in names:
            return status
    return None


def _is_transport_error(exc: BaseException) -> bool:
    import requests

    return isinstance(exc, requests.ConnectionError | requests.Timeout | ConnectionError)
