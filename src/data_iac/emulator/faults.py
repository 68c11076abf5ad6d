"""Fault and latency injection, and a per-API-family rate limiter, for the emulator.

A ``FaultRule`` matches requests by method and path glob; of the matching requests it skips
the first ``offset``, then fires on at most ``count`` of them, each with a seeded
``probability``. When it fires it may wait (``latency_ms``) and then, by ``mode``:

- ``before``: answer ``status`` without applying the request (always safe to retry);
- ``after_apply``: apply the request, then answer ``status`` (a 5xx the client cannot tell
  from a failure: the duplicate-create hazard);
- ``drop``: close the connection without answering or applying.

A rule without ``status`` only adds latency. The ``RateLimiter`` answers 429 with the
platform's own body and an integer ``Retry-After`` once a family's token bucket is empty.
Everything here is driven by the Python API (``emu.faults``) or ``/__emu/faults``.
"""

from __future__ import annotations

import fnmatch
import math
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from data_iac.emulator.http import Request, Response, Route

__all__ = ["DROP_STATUS", "FaultRule", "Faults", "RateLimiter", "api_family", "platform_of"]

# The status a hook returns to make the server close the socket without answering.
DROP_STATUS = 599

Mode = Literal["before", "after_apply", "drop"]
_MODES: tuple[str, ...] = ("before", "after_apply", "drop")


@dataclass(slots=True)
class FaultRule:
    """One injected behaviour; see the module docstring for the fields' meaning."""

    path: str = "*"
    method: str = "*"
    mode: Mode = "before"
    status: int | None = 503
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    offset: int = 0
    count: int | None = None
    probability: float = 1.0
    latency_ms: tuple[float, float] | None = None
    seen: int = 0
    fired: int = 0

    def __post_init__(self) -> None:
        if self.mode not in _MODES:
            raise ValueError(f"unknown fault mode {self.mode!r}; use one of {_MODES}")
        if self.latency_ms is not None:
            low, high = self.latency_ms
            self.latency_ms = (float(low), float(high))

    def matches(self, request: Request) -> bool:
        method_ok = self.method in ("*", request.method)
        return method_ok and fnmatch.fnmatchcase(request.path, self.path)

    def should_fire(self, rng: random.Random) -> bool:
        """Count one matching request; True when this one gets the fault."""
        self.seen += 1
        if self.seen <= self.offset or (self.count is not None and self.fired >= self.count):
            return False
        if self.probability < 1.0 and rng.random() >= self.probability:
            return False
        self.fired += 1
        return True

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["latency_ms"] = list(self.latency_ms) if self.latency_ms else None
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FaultRule:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown fault rule field(s): {', '.join(unknown)}")
        if known.get("latency_ms") is not None:
            low, high = known["latency_ms"]
            known["latency_ms"] = (float(low), float(high))
        return cls(**known)


def platform_of(path: str) -> str:
    """``dataiku`` for the DSS public API, else ``databricks``."""
    return "dataiku" if path.startswith(("/dip/", "/public/")) else "databricks"


def api_family(path: str) -> str:
    """The rate-limit family of a path: ``dss``, or the Databricks service segment
    (``unity-catalog``, ``jobs``, ``workspace``, ``preview`` for SCIM ...)."""
    if platform_of(path) == "dataiku":
        return "dss"
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 3 and parts[0] == "api":
        return parts[2]
    return parts[0] if parts else "root"


def error_body(path: str, status: int, message: str) -> dict[str, Any]:
    """The body each platform sends for an injected error."""
    if platform_of(path) == "dataiku":
        return {
            "errorType": f"com.dataiku.dip.exceptions.HttpStatus{status}Exception",
            "message": message,
            "detailedMessage": message,
        }
    code = {429: "REQUEST_LIMIT_EXCEEDED", 503: "TEMPORARILY_UNAVAILABLE"}.get(
        status, "INTERNAL_ERROR"
    )
    return {"error_code": code, "message": message}


class RateLimiter:
    """A token bucket per API family: ``rate`` requests/s with bursts up to ``burst``."""

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        families: Mapping[str, float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate)
        self.family_rates = dict(families or {})
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self.rejected = 0

    def wait_time(self, family: str) -> float:
        """Take a token and return 0, or return the seconds until one is free."""
        rate = self.family_rates.get(family, self.rate)
        burst = min(self.burst, max(1.0, rate)) if family in self.family_rates else self.burst
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.get(family, (burst, now))
            tokens = min(burst, tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[family] = (tokens - 1.0, now)
                return 0.0
            self._buckets[family] = (tokens, now)
            self.rejected += 1
            return (1.0 - tokens) / rate

    def check(self, request: Request) -> Response | None:
        """None when the request may pass, else the platform's 429."""
        wait = self.wait_time(api_family(request.path))
        if wait <= 0:
            return None
        # Retry-After is whole seconds on both platforms; 0 tells a client "soon".
        headers = {"Retry-After": str(math.floor(wait))}
        body = error_body(request.path, 429, "Too many requests: rate limit exceeded")
        return Response(429, body, headers)

    def to_json(self) -> dict[str, Any]:
        return {
            "rate": self.rate,
            "burst": self.burst,
            "families": self.family_rates,
            "rejected": self.rejected,
        }


class Faults:
    """The emulator's fault engine: rules, latency, an optional rate limiter.

    ``before`` and ``after`` are the server's hooks; ``sleep`` is injectable so tests of the
    rules never wait.
    """

    def __init__(self, seed: int = 0, sleep: Callable[[float], None] = time.sleep) -> None:
        self._rng = random.Random(seed)
        self._seed = seed
        self._sleep = sleep
        self._lock = threading.Lock()
        self.rules: list[FaultRule] = []
        self.limiter: RateLimiter | None = None
        self.latency_ms: tuple[float, float] | None = None

    # -- Python API ------------------------------------------------------------------------
    def add(self, rule: FaultRule | None = None, **fields: Any) -> FaultRule:
        """Add a rule (given, or built from keyword fields) and return it."""
        added = rule if rule is not None else FaultRule.from_json(fields)
        with self._lock:
            self.rules.append(added)
        return added

    def clear(self) -> None:
        """Remove every rule, the global latency and the rate limiter; reseed."""
        with self._lock:
            self.rules.clear()
            self.limiter = None
            self.latency_ms = None
            self._rng = random.Random(self._seed)

    def set_latency(self, low_ms: float, high_ms: float | None = None) -> None:
        """Delay every API request by a seeded uniform draw in [low, high] ms."""
        self.latency_ms = (low_ms, low_ms if high_ms is None else high_ms)

    def limit_rate(
        self, rate: float, burst: float | None = None, families: Mapping[str, float] | None = None
    ) -> RateLimiter:
        self.limiter = RateLimiter(rate, burst, families)
        return self.limiter

    def add_random_faults(self, rate: float) -> None:
        """Faults a well-behaved client survives, on ``rate`` of API requests: half 429s with
        ``Retry-After: 0`` (any method: the request was not applied), half 503s before
        applying on reads (idempotent, so retried). Dropped connections and after-apply 5xx
        are left to explicit rules: surviving those needs lookups, not just retries."""
        retry_now = {"Retry-After": "0"}
        self.add(FaultRule(path="/*", probability=rate / 2, status=429, headers=retry_now))
        self.add(
            FaultRule(path="/*", method="GET", probability=rate / 2, status=503, headers=retry_now)
        )

    # -- server hooks ----------------------------------------------------------------------
    def before(self, request: Request, route: Route | None) -> Response | None:
        """Called before dispatch: latency, rate limit, ``before`` and ``drop`` faults."""
        if request.path.startswith("/__emu/"):
            return None
        delay, fired = self._decide(request, ("before", "drop"))
        delay += self._global_latency()
        if delay > 0:
            self._sleep(delay)
        if self.limiter is not None:
            limited = self.limiter.check(request)
            if limited is not None:
                return limited
        return None if fired is None else self._response(request, fired)

    def after(self, request: Request, route: Route | None, response: Response) -> Response | None:
        """Called after a request was applied: ``after_apply`` faults replace the answer."""
        if request.path.startswith("/__emu/") or response.status >= 400:
            return None
        delay, fired = self._decide(request, ("after_apply",))
        if delay > 0:
            self._sleep(delay)
        return None if fired is None else self._response(request, fired)

    def _decide(self, request: Request, modes: tuple[str, ...]) -> tuple[float, FaultRule | None]:
        """Seconds of latency to add and the first fault that fires, for these modes."""
        delay, fired = 0.0, None
        with self._lock:
            for rule in self.rules:
                if rule.mode not in modes or not rule.matches(request):
                    continue
                if not rule.should_fire(self._rng):
                    continue
                if rule.latency_ms is not None:
                    delay += self._rng.uniform(*rule.latency_ms) / 1000
                if rule.status is not None and fired is None:
                    fired = rule
        return delay, fired

    def _global_latency(self) -> float:
        if self.latency_ms is None:
            return 0.0
        with self._lock:
            return self._rng.uniform(*self.latency_ms) / 1000

    def _response(self, request: Request, rule: FaultRule) -> Response:
        if rule.mode == "drop":
            return Response(DROP_STATUS)
        status = rule.status or 503
        body = (
            rule.body
            if rule.body is not None
            else error_body(request.path, status, f"injected fault ({rule.mode})")
        )
        return Response(status, body, dict(rule.headers))

    # -- control plane: /__emu/faults ------------------------------------------------------
    def control(self, request: Request) -> Response:
        """``GET`` lists, ``POST`` adds a rule (or ``{"latency_ms": [a, b]}``,
        ``{"rate_limit": {"rate": r, "burst": b, "families": {...}}}``), ``DELETE`` clears."""
        try:
            return self._control(request)
        except (ValueError, TypeError, KeyError) as exc:
            return Response(400, {"error": str(exc)})

    def _control(self, request: Request) -> Response:
        if request.method == "GET":
            return Response(200, self.describe())
        if request.method == "DELETE":
            self.clear()
            return Response(200, {"ok": True})
        if request.method != "POST":
            return Response(405, {"error": f"{request.method} not allowed on /__emu/faults"})
        data = request.json()
        if "rate_limit" in data:
            limit = data["rate_limit"]
            self.limit_rate(float(limit["rate"]), limit.get("burst"), limit.get("families"))
        elif "latency_ms" in data and len(data) == 1:
            self.set_latency(*data["latency_ms"])
        else:
            self.add(FaultRule.from_json(data))
        return Response(200, self.describe())

    def describe(self) -> dict[str, Any]:
        with self._lock:
            return {
                "rules": [rule.to_json() for rule in self.rules],
                "latency_ms": list(self.latency_ms) if self.latency_ms else None,
                "rate_limit": self.limiter.to_json() if self.limiter else None,
            }
