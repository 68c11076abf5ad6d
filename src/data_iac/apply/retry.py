"""Retrying one action: jittered backoff, Retry-After honoured, an overall deadline.

The split (DESIGN.md section 5): the SDKs and providers retry single requests (429 and
dropped connections for every method, 5xx only where the call is idempotent). This layer
retries a whole action when the provider gave up with a *transient* error, and only where
that is safe:

- update and delete converge (they set fields to the spec / make the object absent), so
  they are retried as they are;
- a create or replace is retried only after ``locate`` says the earlier attempt did not
  land; if it did, the object is adopted instead of created twice.

Every action has a deadline (``--action-timeout``); providers may read it through
``remaining_time()`` to bound their own retries.
"""

from __future__ import annotations

import contextvars
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from data_iac.errors import ProviderError, ProviderUnavailable, RateLimitedError

__all__ = ["RetryPolicy", "action_deadline", "is_transient", "remaining_time", "retry_action"]

T = TypeVar("T")

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "data_iac_action_deadline", default=None
)


@dataclass(frozen=True)
class RetryPolicy:
    """How patiently an action is retried. ``sleep`` and ``clock`` are injectable so tests
    never wait; ``jitter`` returns a number in [0, 1)."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 10.0
    timeout: float | None = 600.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt ``attempt`` (1-based): the server's
        Retry-After when given, else doubling up to ``max_delay``; both with up to 50%
        jitter added so parallel actions do not retry in step."""
        base = (
            retry_after
            if retry_after is not None
            else min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        )
        return float(base * (1 + 0.5 * self.jitter()))


def is_transient(exc: BaseException) -> bool:
    """A failure worth retrying: rate limited, unreachable, or a 5xx answer."""
    if isinstance(exc, RateLimitedError | ProviderUnavailable):
        return True
    return isinstance(exc, ProviderError) and exc.status is not None and exc.status >= 500


def remaining_time() -> float | None:
    """Seconds left before the current action's deadline, or None without one."""
    deadline = _DEADLINE.get()
    return None if deadline is None else max(0.0, deadline - time.monotonic())


@contextmanager
def action_deadline(seconds: float | None) -> Iterator[None]:
    """Set the deadline ``remaining_time`` reports, for the code run inside."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def retry_action(
    attempt: Callable[[], T],
    policy: RetryPolicy,
    *,
    landed: Callable[[], T | None] | None = None,
) -> T:
    """``attempt()``, retried on transient failures until attempts or the deadline run out.

    ``landed`` (for non-idempotent calls) is asked after each transient failure; when it
    returns the object, that is the result and nothing is retried.
    """
    started = policy.clock()
    for number in range(1, policy.attempts + 1):
        try:
            return attempt()
        except ProviderError as exc:
            if not is_transient(exc):
                raise
            if landed is not None:
                found = landed()
                if found is not None:
                    return found
            wait = policy.delay(number, getattr(exc, "retry_after", None))
            out_of_time = policy.timeout is not None and (
                policy.clock() - started + wait > policy.timeout
            )
            if number == policy.attempts or out_of_time:
                raise
            policy.sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")
