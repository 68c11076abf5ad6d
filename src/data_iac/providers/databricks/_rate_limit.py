"""A client-side token bucket per Databricks API family (the SDK has no limiter)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DEFAULT_RPS", "RateLimiter"]

DEFAULT_RPS = 15.0


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
