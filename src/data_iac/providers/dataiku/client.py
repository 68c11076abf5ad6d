"""Connect to DSS through ``dataikuapi.DSSClient``, with typed errors and safe retries.

``dataikuapi`` turns every HTTP error into a bare ``DataikuException`` without a status and
never retries (platform-apis.md §2.1). We install a response hook on the client's session
that raises our own errors first, and mount an adapter that retries 429 on every method and
503 on idempotent ones only, honouring ``Retry-After``, and that turns a refused connection
into ``ProviderUnavailable`` naming the URL.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import requests
from urllib3.util.retry import Retry

from data_iac.errors import (
    ProviderError,
    ProviderPermissionError,
    ProviderUnavailable,
    RateLimitedError,
    RemoteConflictError,
    ResourceAlreadyExists,
    ResourceNotFound,
)
from data_iac.providers.deadline import check_wait
from data_iac.providers.http_deadline import DeadlineAdapter

if TYPE_CHECKING:
    from dataikuapi import DSSClient

__all__ = ["DssConnection", "DssRetry", "connect", "error_for_response"]

PLATFORM = "dataiku"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
PROJECT_SCOPED = re.compile(r"/dip/publicapi/projects/(?P<key>[^/?]+)")
KEY_HINT = "check the API key (settings `api_key` or DKU_API_KEY): DSS does not know this one"


@dataclass(frozen=True)
class DssConnection:
    """A connected DSS client and where it points; ``owner`` becomes new projects' owner."""

    client: DSSClient
    url: str
    owner: str = "admin"


class DssRetry(Retry):
    """429 is retried for every method (the request was not processed); 503 only for
    idempotent methods, because a POST that got a 503 may have been applied."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if self.total is not None and self.total <= 0:
            return False
        if status_code == 429:
            return True
        return status_code == 503 and method.upper() in IDEMPOTENT_METHODS

    def sleep(self, response: Any = None) -> None:
        """Wait before the next attempt, unless that would pass the action's deadline."""
        after = self.get_retry_after(response) if response is not None else None
        check_wait(after if after is not None else self.get_backoff_time(), "retrying DSS")
        super().sleep(response)

    def _is_method_retryable(self, method: str) -> bool:
        # Governs retries after a dropped connection: safe only where repeating cannot
        # apply a change twice.
        return method.upper() in IDEMPOTENT_METHODS


class _TypedAdapter(DeadlineAdapter):
    """Turns a connection failure into ProviderUnavailable naming the URL; request timeouts
    end by the action's deadline (``--action-timeout``)."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().send(request, *args, **kwargs)
        except (requests.ConnectionError, requests.Timeout) as exc:
            base = re.sub(r"/dip/publicapi.*$", "", str(request.url or ""))
            raise ProviderUnavailable(
                f"cannot reach DSS at {base}",
                platform=PLATFORM,
                detail=str(exc),
                hint="check the url (settings `url` or DKU_DSS_URL) and that DSS is running",
            ) from exc


def make_retry(total: int = 5, backoff_factor: float = 0.1) -> DssRetry:
    """The retry policy mounted on every DSS session."""
    return DssRetry(
        total=total,
        connect=1,
        read=2,
        status=total,
        backoff_factor=backoff_factor,
        backoff_max=10,
        status_forcelist=(429, 503),
        allowed_methods=None,
        respect_retry_after_header=True,
        # Hand the last 429/503 to the response hook, which raises our typed error.
        raise_on_status=False,
    )


def resolve_settings(settings: Mapping[str, Any]) -> tuple[str, str]:
    """The url and api_key from settings, falling back to DKU_DSS_URL / DKU_API_KEY."""
    url = str(settings.get("url") or os.environ.get("DKU_DSS_URL") or "")
    api_key = str(settings.get("api_key") or os.environ.get("DKU_API_KEY") or "")
    if not url or not api_key:
        missing = [
            name
            for name, value in (("url / DKU_DSS_URL", url), ("api_key / DKU_API_KEY", api_key))
            if not value
        ]
        raise ProviderError(
            f"no DSS connection configured: missing {' and '.join(missing)}",
            platform=PLATFORM,
            hint="set providers.dataiku.url and api_key in the config, or export DKU_DSS_URL "
            "and DKU_API_KEY, or run with --emulator",
        )
    return url.rstrip("/"), api_key


def connect(settings: Mapping[str, Any]) -> DssConnection:
    """A DSS client for ``settings`` (url, api_key, optional owner); no network call yet."""
    from dataikuapi import DSSClient

    url, api_key = resolve_settings(settings)
    client = DSSClient(url, api_key)
    session: requests.Session = client._session
    adapter = _TypedAdapter(max_retries=make_retry())
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.hooks["response"].append(_raise_typed_error)
    return DssConnection(client, url, str(settings.get("owner") or "admin"))


def _raise_typed_error(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if response.status_code >= 400:
        raise error_for_response(response.status_code, _body_of(response), response.url)


def _body_of(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {"message": response.text[:500]}
    return body if isinstance(body, dict) else {"message": str(body)}


def error_for_response(status: int, body: Mapping[str, Any], url: str) -> ProviderError:
    """The most specific of our errors for one DSS error answer (pure; §7.C)."""
    error_type = str(body.get("errorType") or "")
    message = str(body.get("detailedMessage") or body.get("message") or "")
    summary = f"DSS answered {status}: {error_type + ': ' if error_type else ''}{message}"
    common: dict[str, Any] = {"platform": PLATFORM, "status": status, "detail": url}
    project = PROJECT_SCOPED.search(url)
    if status == 404 or error_type.endswith("NotFoundException"):
        return ResourceNotFound(summary, **common)
    if error_type.endswith("NotAuthenticatedException"):
        return ProviderPermissionError(summary, hint=KEY_HINT, **common)
    if error_type.endswith("UnauthorizedException") and project is not None:
        # DSS says "Failed to read project permissions" for a missing project (§7.C.2).
        return ResourceNotFound(
            summary,
            hint=f"project {project['key']} does not exist, or this API key cannot read it",
            **common,
        )
    if status in (401, 403):
        return ProviderPermissionError(summary, **common)
    if status == 429:
        return RateLimitedError(summary, hint="retry later or lower --parallelism", **common)
    if status >= 500:
        return ProviderUnavailable(summary, **common)
    if "already exists" in message.lower():
        return ResourceAlreadyExists(summary, **common)
    if status == 409:
        return RemoteConflictError(summary, **common)
    return ProviderError(summary, **common)
