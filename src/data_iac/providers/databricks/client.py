"""The one connection to a Databricks workspace (or account) every kind module shares.

Owns building the SDK's ``WorkspaceClient`` or ``AccountClient`` through its unified auth
(``_auth.py``: every auth setting passed through), failing fast on an unreachable host or a
refused credential, an adaptive client-side rate limiter per API family, one re-authentication when
the service refuses an OAuth token mid-run, and the single place where
``databricks.sdk.errors`` become ``data_iac.errors``. The SDK is imported lazily so that
importing this module costs nothing.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from configparser import ConfigParser
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

from data_iac.errors import ProviderPermissionError, ProviderUnavailable
from data_iac.kinds.databricks._pure import ADDRESS_TAG
from data_iac.providers.databricks._auth import (
    auth_failure,
    build_config,
    check_credentials,
    config_kwargs,
    is_auth_error,
    is_invalid_token,
    method_hint,
)
from data_iac.providers.databricks._rate_limit import RateLimiter
from data_iac.providers.databricks.error_mapping import map_error
from data_iac.providers.deadline import DeadlineClock

if TYPE_CHECKING:
    from databricks.sdk import AccountClient, WorkspaceClient
    from databricks.sdk.core import Config

__all__ = [
    "ADDRESS_TAG",
    "DatabricksAccountClient",
    "DatabricksClient",
    "RateLimiter",
    "connect",
    "connect_account",
]

T = TypeVar("T")

"""Tag (or property) key carrying the resource address on every taggable create."""

DEFAULT_CONNECT_TIMEOUT = 5.0


class _SingleAttemptClock:
    """An SDK clock under which the retry loop gives up after the first failure.

    Each ``sleep`` moves time a day ahead instead of waiting, so the SDK's deadline passes
    at once and it raises ``TimeoutError`` from the first error (mapped like any other).
    """

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def time(self) -> float:
        return time.time() + self._offset

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self._offset += 86_400.0


class _Connection:
    """What a workspace and an account connection share: the rate limiter, error mapping,
    and one re-authentication when the service refuses an OAuth access token (expired early,
    revoked, or a clock skew between this machine and the service)."""

    def __init__(self, configs: tuple[Config, ...], limiter: RateLimiter) -> None:
        self._configs = configs
        self.host: str = str(configs[0].host)
        self.limiter = limiter
        self._auth_lock = threading.Lock()

    @property
    def auth_type(self) -> str:
        return str(self._configs[0].auth_type or "")

    def call(
        self, family: str, fn: Callable[..., T], *args: Any, address: str = "", **kwargs: Any
    ) -> T:
        """Call ``fn(*args, **kwargs)``; each HTTP request it makes waits for its API
        family's rate limiter (``_http_limit.py``). ``family`` names the API for readers.

        Every SDK error comes out as a ``data_iac.errors.ProviderError`` subclass, chained
        with ``raise ... from`` and carrying ``address``.
        """
        with self.mapped_errors(address):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if not (self._refreshable() and is_invalid_token(exc)):
                    raise
            self.reauthenticate()
            return fn(*args, **kwargs)

    def reauthenticate(self) -> None:
        """Drop the cached OAuth token of every client and fetch a new one."""
        with self._auth_lock:
            for config in self._configs:
                config.init_auth()  # type: ignore[no-untyped-call]
                check_credentials(config)

    def _refreshable(self) -> bool:
        return self.auth_type not in ("", "pat", "basic")

    @contextmanager
    def mapped_errors(self, address: str = "") -> Iterator[None]:
        """Translate SDK, HTTP and retry-timeout errors raised inside the block to ours."""
        try:
            yield
        except Exception as exc:
            if is_auth_error(exc):
                raise auth_failure(exc, self._configs[0], address) from exc
            mapped = map_error(exc, host=self.host, address=address)
            if mapped is None:
                raise
            if isinstance(mapped, ProviderPermissionError) and is_invalid_token(exc):
                mapped.hint = method_hint(self.auth_type)
            raise mapped from exc


class DatabricksClient(_Connection):
    """A connected workspace: two SDK clients, a rate limiter and the error mapping.

    ``w`` keeps the SDK's retries (429/503 honour ``Retry-After``); ``w_no_retry`` makes one
    attempt only and is meant for non-idempotent creates, which callers retry themselves after
    looking the object up. Thread safe.
    """

    def __init__(
        self, w: WorkspaceClient, w_no_retry: WorkspaceClient, limiter: RateLimiter
    ) -> None:
        super().__init__((w.config, w_no_retry.config), limiter)
        self.w = w
        self.w_no_retry = w_no_retry

    def without_retries(self) -> DatabricksClient:
        """This connection with the SDK's retries off (``w`` is ``w_no_retry``): for the
        non-idempotent creates written against ``client.w``, which retry themselves after a
        lookup (``_create_once.create_named``)."""
        return type(self)(self.w_no_retry, self.w_no_retry, self.limiter)


class DatabricksAccountClient(DatabricksClient):
    """A connected account console (``AccountClient``); same contract as DatabricksClient.

    The account's SCIM services (``groups``, ``users``, ``service_principals``) have the
    workspace's method names and arguments (databricks-sdk ``service/iam.py``:
    ``AccountGroupsAPI`` ...), so the group, user and service principal handlers serve the
    account through ``w``/``w_no_retry``, which here are the ``AccountClient``s.
    """

    def __init__(self, a: AccountClient, a_no_retry: AccountClient, limiter: RateLimiter) -> None:
        _Connection.__init__(self, (a.config, a_no_retry.config), limiter)
        self.a = a
        self.a_no_retry = a_no_retry
        self.w = a  # type: ignore[assignment]  # the same SCIM method names, see above
        self.w_no_retry = a_no_retry  # type: ignore[assignment]
        self.account_id = str(a.config.account_id)


def connect(settings: Mapping[str, Any]) -> DatabricksClient:
    """Connect to the workspace ``settings`` name and return a ready client.

    Settings: any of the SDK's auth settings (``host`` + ``token``, ``profile``,
    ``client_id`` + ``client_secret``, ``auth_type`` ...), else the SDK's unified auth from
    the environment. Optional: ``rate_limit``, ``connect_timeout`` (s),
    ``retry_timeout_seconds``, ``http_timeout_seconds``.

    Raises:
        ProviderUnavailable: the host does not answer within ``connect_timeout``.
        ProviderPermissionError: no usable credentials, or the credentials were refused.
    """
    from databricks.sdk import WorkspaceClient

    configs = _configs(settings)
    w, w_no_retry = (WorkspaceClient(config=c) for c in configs)
    limiter = RateLimiter.from_setting(settings.get("rate_limit"))
    _bound_requests(w, limiter)
    _bound_requests(w_no_retry, limiter)
    return DatabricksClient(w, w_no_retry, limiter)


def connect_account(settings: Mapping[str, Any]) -> DatabricksAccountClient:
    """Connect to the account console ``settings`` name (``host`` of the account console,
    ``account_id``, OAuth credentials); same settings and errors as ``connect``."""
    from databricks.sdk import AccountClient

    configs = _configs(settings)
    a, a_no_retry = (AccountClient(config=c) for c in configs)
    limiter = RateLimiter.from_setting(settings.get("rate_limit"))
    _bound_requests(a, limiter)
    _bound_requests(a_no_retry, limiter)
    return DatabricksAccountClient(a, a_no_retry, limiter)


def _configs(settings: Mapping[str, Any]) -> tuple[Config, Config]:
    """The SDK configs (retrying, single-attempt) of ``settings``, checked to work."""
    connect_timeout = float(settings.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT))
    hint = _host_hint(settings)
    if hint:
        probe_host(hint, connect_timeout)
    kwargs = config_kwargs(settings, _version())
    # The retrying client's clock and request timeouts follow the action's deadline, so
    # --action-timeout bounds the SDK's own retries too (providers/deadline.py).
    config = build_config(kwargs, clock=DeadlineClock())
    if not hint:
        probe_host(str(config.host), connect_timeout)
    check_credentials(config)
    single = build_config(kwargs, clock=_SingleAttemptClock())
    return config, single


def probe_host(host: str, timeout: float) -> None:
    """Open (and close) one TCP connection to ``host``; raise ProviderUnavailable if refused,
    unresolvable or silent for ``timeout`` seconds. The SDK would retry for minutes."""
    parsed = urlparse(host if "://" in host else f"https://{host}")
    port = parsed.port or (80 if parsed.scheme == "http" else 443)
    try:
        with socket.create_connection((parsed.hostname or "", port), timeout=timeout):
            return
    except OSError as exc:
        raise ProviderUnavailable(
            f"cannot connect to Databricks host {host}: {exc}",
            platform="databricks",
            hint="check providers.databricks.host (scheme and port included) and your network",
        ) from exc


def _host_hint(settings: Mapping[str, Any]) -> str:
    """The host we will connect to, when it can be known without building a Config."""
    if settings.get("host"):
        return str(settings["host"])
    profile = settings.get("profile") or os.environ.get("DATABRICKS_CONFIG_PROFILE")
    if profile and not os.environ.get("DATABRICKS_HOST"):
        return _profile_host(str(profile), settings.get("config_file"))
    return os.environ.get("DATABRICKS_HOST", "")


def _profile_host(profile: str, config_file: Any = None) -> str:
    default = os.environ.get("DATABRICKS_CONFIG_FILE", "~/.databrickscfg")
    path = Path(str(config_file or default)).expanduser()
    parser = ConfigParser()
    parser.read(path, encoding="utf-8")
    return parser.get(profile, "host", fallback="")


def _bound_requests(client: Any, limiter: RateLimiter) -> None:
    """Mount an adapter on the SDK's session that paces each request by its API family's
    rate limiter and clamps its timeout to the action's deadline (the session is a private
    attribute: skipped if a future SDK moves it)."""
    session = getattr(getattr(client.api_client, "_api_client", None), "_session", None)
    if session is None:
        return
    from data_iac.providers.databricks._http_limit import LimitedAdapter

    adapter = LimitedAdapter(limiter, pool_connections=20, pool_maxsize=20)
    session.mount("https://", adapter)
    session.mount("http://", adapter)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("data-iac")
    except PackageNotFoundError:  # a source checkout that was never installed
        return "0.0.0"
