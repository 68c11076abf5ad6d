"""The one connection to a Databricks workspace every kind module shares.

Owns building the SDK's ``WorkspaceClient`` (host + token, a profile, or the SDK's unified
environment auth), failing fast on an unreachable host, a client-side token bucket per API
family, and the single place where ``databricks.sdk.errors`` become ``data_iac.errors``.
The SDK is imported lazily so that importing this module costs nothing.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from configparser import ConfigParser
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlparse

from data_iac.errors import ProviderPermissionError, ProviderUnavailable
from data_iac.providers.databricks.error_mapping import map_error
from data_iac.providers.deadline import DeadlineClock

if TYPE_CHECKING:
    from databricks.sdk import WorkspaceClient

__all__ = ["ADDRESS_TAG", "DatabricksClient", "RateLimiter", "connect"]

T = TypeVar("T")

ADDRESS_TAG = "data_iac_address"
"""Tag (or property) key carrying the resource address on every taggable create."""

DEFAULT_RPS = 15.0
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_RETRY_TIMEOUT = 120
DEFAULT_HTTP_TIMEOUT = 60.0


class _TokenBucket:
    """``rate`` tokens per second, holding at most ``rate`` (one second of burst)."""

    def __init__(self, rate: float, clock: Callable[[], float]) -> None:
        self.rate = rate
        self._tokens = rate
        self._stamp = clock()
        self._clock = clock

    def reserve(self) -> float:
        """Take one token; returns how long the caller must wait before using it."""
        now = self._clock()
        self._tokens = min(self.rate, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now
        self._tokens -= 1.0
        return 0.0 if self._tokens >= 0 else -self._tokens / self.rate


@dataclass
class RateLimiter:
    """A token bucket per API family; ``acquire`` blocks until a call may go out.

    ``limits`` maps a family to requests per second; ``default`` covers the rest. A rate of
    0 (or less) means unlimited. Thread safe: waits happen outside the lock.
    """

    default: float = DEFAULT_RPS
    limits: Mapping[str, float] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _buckets: dict[str, _TokenBucket] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    @classmethod
    def from_setting(cls, setting: Any) -> RateLimiter:
        """Build from the ``rate_limit`` setting: a number, or ``{family: rps, default: rps}``."""
        if setting is None:
            return cls()
        if isinstance(setting, int | float):
            return cls(default=float(setting))
        if isinstance(setting, Mapping):
            limits = {str(k): float(v) for k, v in setting.items() if k != "default"}
            return cls(default=float(setting.get("default", DEFAULT_RPS)), limits=limits)
        raise ValueError(f"rate_limit must be a number or a mapping, not {setting!r}")

    def acquire(self, family: str) -> None:
        rate = self.limits.get(family, self.default)
        if rate <= 0:
            return
        with self._lock:
            bucket = self._buckets.get(family)
            if bucket is None:
                bucket = self._buckets[family] = _TokenBucket(rate, self.clock)
            wait = bucket.reserve()
        if wait > 0:
            self.sleep(wait)


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


class DatabricksClient:
    """A connected workspace: two SDK clients, a rate limiter and the error mapping.

    ``w`` keeps the SDK's retries (429/503 honour ``Retry-After``); ``w_no_retry`` makes one
    attempt only and is meant for non-idempotent creates, which callers retry themselves after
    looking the object up. Thread safe.
    """

    def __init__(
        self, w: WorkspaceClient, w_no_retry: WorkspaceClient, limiter: RateLimiter
    ) -> None:
        self.w = w
        self.w_no_retry = w_no_retry
        self.host: str = str(w.config.host)
        self.limiter = limiter

    def call(
        self, family: str, fn: Callable[..., T], *args: Any, address: str = "", **kwargs: Any
    ) -> T:
        """Call ``fn(*args, **kwargs)`` after the ``family`` rate limit allows it.

        Every SDK error comes out as a ``data_iac.errors.ProviderError`` subclass, chained
        with ``raise ... from`` and carrying ``address``.
        """
        self.limiter.acquire(family)
        with self.mapped_errors(address):
            return fn(*args, **kwargs)

    @contextmanager
    def mapped_errors(self, address: str = "") -> Iterator[None]:
        """Translate SDK, HTTP and retry-timeout errors raised inside the block to ours."""
        try:
            yield
        except Exception as exc:
            mapped = map_error(exc, host=self.host, address=address)
            if mapped is None:
                raise
            raise mapped from exc


def connect(settings: Mapping[str, Any]) -> DatabricksClient:
    """Connect to the workspace ``settings`` name and return a ready client.

    Settings: ``host`` + ``token``, or ``profile`` (``~/.databrickscfg``), else the SDK's
    unified auth (``DATABRICKS_HOST``/``DATABRICKS_TOKEN`` ...). Optional: ``rate_limit``,
    ``connect_timeout`` (s), ``retry_timeout_seconds``, ``http_timeout_seconds``.

    Raises:
        ProviderUnavailable: the host does not answer within ``connect_timeout``.
        ProviderPermissionError: no usable credentials could be configured.
    """
    connect_timeout = float(settings.get("connect_timeout", DEFAULT_CONNECT_TIMEOUT))
    hint = _host_hint(settings)
    if hint:
        probe_host(hint, connect_timeout)
    kwargs = _config_kwargs(settings)
    # The retrying client's clock and request timeouts follow the action's deadline, so
    # --action-timeout bounds the SDK's own retries too (providers/deadline.py).
    w = _workspace_client(kwargs, clock=DeadlineClock())
    if not hint:
        probe_host(str(w.config.host), connect_timeout)
    w_no_retry = _workspace_client(kwargs, clock=_SingleAttemptClock())
    return DatabricksClient(w, w_no_retry, RateLimiter.from_setting(settings.get("rate_limit")))


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
            f"cannot connect to Databricks workspace {host}: {exc}",
            platform="databricks",
            hint="check providers.databricks.host (scheme and port included) and your network",
        ) from exc


def _host_hint(settings: Mapping[str, Any]) -> str:
    """The host we will connect to, when it can be known without building a Config."""
    if settings.get("host"):
        return str(settings["host"])
    if settings.get("profile"):
        return _profile_host(str(settings["profile"]))
    return os.environ.get("DATABRICKS_HOST", "")


def _profile_host(profile: str) -> str:
    path = Path(os.environ.get("DATABRICKS_CONFIG_FILE", "~/.databrickscfg")).expanduser()
    parser = ConfigParser()
    parser.read(path, encoding="utf-8")
    return parser.get(profile, "host", fallback="")


def _config_kwargs(settings: Mapping[str, Any]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "retry_timeout_seconds": int(settings.get("retry_timeout_seconds", DEFAULT_RETRY_TIMEOUT)),
        "http_timeout_seconds": float(settings.get("http_timeout_seconds", DEFAULT_HTTP_TIMEOUT)),
        "product": "data-iac",
        "product_version": _version(),
    }
    for key in ("host", "token", "profile"):
        if settings.get(key):
            kwargs[key] = str(settings[key])
    if "token" in kwargs:
        # Leftover OAuth variables in CI would otherwise make the SDK refuse two methods.
        kwargs["auth_type"] = "pat"
    return kwargs


def _workspace_client(kwargs: Mapping[str, Any], *, clock: Any = None) -> WorkspaceClient:
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.core import Config

    try:
        config = Config(**kwargs, clock=clock) if clock else Config(**kwargs)
    except ValueError as exc:
        raise ProviderPermissionError(
            f"cannot configure Databricks authentication: {exc}",
            platform="databricks",
            hint="set providers.databricks host and token (or profile), or "
            "DATABRICKS_HOST and DATABRICKS_TOKEN",
        ) from exc
    client = WorkspaceClient(config=config)
    _bound_requests(client)
    return client


def _bound_requests(client: WorkspaceClient) -> None:
    """Mount an adapter that clamps each request's timeout to the action's deadline on the
    SDK's session (a private attribute: skipped if a future SDK moves it)."""
    session = getattr(getattr(client.api_client, "_api_client", None), "_session", None)
    if session is None:
        return
    from data_iac.providers.http_deadline import DeadlineAdapter

    adapter = DeadlineAdapter(pool_connections=20, pool_maxsize=20)
    session.mount("https://", adapter)
    session.mount("http://", adapter)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("data-iac")
    except PackageNotFoundError:  # a source checkout that was never installed
        return "0.0.0"
