"""An adaptive client-side rate limiter per Databricks API family (the SDK has none).

Every HTTP request the SDK sends (retries and listing pages included) takes a token of its
family's bucket first (``providers/databricks/_http_limit.py``; the family is the service
segment of the path: ``jobs``, ``unity-catalog``, ``workspace``, ``permissions``,
``preview`` for SCIM, ...). Each family's rate adapts to what the service allows, so users
never tune it:

- it starts high (``INITIAL_RPS``);
- every answer that is not a 429 adds ``INCREASE_RPS / rate`` to the rate (additive
  increase: about ``INCREASE_RPS`` more requests per second for each second of sending
  without a 429);
- a 429 multiplies the rate by ``DECREASE`` (multiplicative decrease), once per round: the
  429s of requests sent before the last decrease do not cut it again; the bucket is emptied,
  and a ``Retry-After`` pauses the whole family that long (the SDK's own retry of that
  request waits it too).

The ``rate_limit`` setting is an optional ceiling: a number for every family, or
``{family: rps, default: rps}``; ``0`` turns the limiter off. Thread safe: waits happen
outside the lock. Inside an action, a wait that would end after the action's deadline
(``--action-timeout``) raises ``ProviderUnavailable`` instead of sleeping.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from data_iac.providers.deadline import check_wait

__all__ = ["DECREASE", "INCREASE_RPS", "INITIAL_RPS", "RateLimiter", "api_family"]

INITIAL_RPS = 100.0
"""Where every family starts (Databricks documents limits from a few to hundreds per second)."""
INCREASE_RPS = 2.0
"""Requests per second added for each second of sending without a 429."""
DECREASE = 0.9
"""Factor applied to the rate on a 429 (once per round)."""
FLOOR_RPS = 0.5
"""The rate never goes below this."""
MAX_RPS = 1000.0
"""Nor above this, without a ceiling: the increase stops somewhere."""


def _sleep(seconds: float) -> None:
    check_wait(seconds, "waiting for the API's rate limit")
    time.sleep(seconds)


def api_family(path: str) -> str:
    """The family of an API path: its service segment (``/api/2.1/jobs/list`` -> ``jobs``;
    ``/api/2.0/accounts/ID/scim/v2/Groups`` -> ``accounts``)."""
    parts = [p for p in path.split("?", 1)[0].split("/") if p]
    if len(parts) >= 3 and parts[0] == "api":
        return parts[2]
    return parts[0] if parts else ""


class _Family:
    """One family's bucket: ``rate`` tokens per second, at most one second of burst."""

    def __init__(self, ceiling: float, now: float) -> None:
        self.ceiling = ceiling
        self.rate = min(INITIAL_RPS, ceiling)
        self.tokens = self.rate
        self.stamp = now  # tokens are counted up to here; later than now while paused
        self.last_cut = -math.inf

    def reserve(self, now: float) -> float:
        """Take one token; how long the caller must wait before sending."""
        if now > self.stamp:
            self.tokens = min(max(1.0, self.rate), self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
        self.tokens -= 1.0
        ready = self.stamp + max(0.0, -self.tokens) / self.rate
        return max(0.0, ready - now)

    def succeeded(self) -> None:
        self.rate = min(self.ceiling, MAX_RPS, self.rate + INCREASE_RPS / self.rate)

    def throttled(self, sent_at: float, retry_after: float, now: float) -> None:
        if sent_at > self.last_cut:
            self.rate = max(FLOOR_RPS, self.rate * DECREASE)
            self.last_cut = now
        self.tokens = min(self.tokens, 0.0)
        self.stamp = max(self.stamp, now + max(0.0, retry_after))


@dataclass
class RateLimiter:
    """An adaptive bucket per API family; ``acquire`` blocks until a request may go out and
    ``observe`` feeds back each answer's status.

    ``default`` is the ceiling of every family and ``limits`` a family's own (requests per
    second; ``math.inf`` for none). A ceiling of 0 (or less) means that family is not
    limited at all.
    """

    default: float = math.inf
    limits: Mapping[str, float] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = field(default=lambda seconds: _sleep(seconds))
    _families: dict[str, _Family] = field(default_factory=dict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    @classmethod
    def from_setting(cls, setting: Any) -> RateLimiter:
        """Build from the ``rate_limit`` setting: none (adaptive, no ceiling), a number (the
        ceiling of every family), or ``{family: rps, default: rps}``."""
        if setting is None:
            return cls()
        if isinstance(setting, int | float):
            return cls(default=float(setting))
        if isinstance(setting, Mapping):
            limits = {str(k): float(v) for k, v in setting.items() if k != "default"}
            return cls(default=float(setting.get("default", math.inf)), limits=limits)
        raise ValueError(f"rate_limit must be a number or a mapping, not {setting!r}")

    def ceiling(self, family: str) -> float:
        return self.limits.get(family, self.default)

    def rate(self, family: str) -> float:
        """The family's current rate (its ceiling until its first request)."""
        state = self._families.get(family)
        return state.rate if state is not None else min(INITIAL_RPS, self.ceiling(family))

    def acquire(self, family: str) -> float:
        """Wait until a request of ``family`` may go out; returns the send time to pass to
        ``observe``."""
        ceiling = self.ceiling(family)
        if ceiling <= 0:
            return self.clock()
        with self._lock:
            now = self.clock()
            state = self._families.get(family)
            if state is None:
                state = self._families[family] = _Family(ceiling, now)
            wait = state.reserve(now)
        if wait > 0:
            self.sleep(wait)
        return now + wait

    def observe(self, family: str, sent_at: float, status: int, retry_after: float) -> None:
        """Feed back the answer to a request sent at ``sent_at``: a 429 slows the family
        down (and pauses it ``retry_after`` seconds), anything else speeds it up."""
        with self._lock:
            state = self._families.get(family)
            if state is None:
                return
            if status == 429:
                state.throttled(sent_at, retry_after, self.clock())
            else:
                state.succeeded()
