"""The current action's deadline (``--action-timeout``), applied inside the SDKs' clients.

The engine sets a deadline for each action (``data_iac.apply.retry.action_deadline``). The
SDKs retry on their own: the Databricks SDK for up to its ``retry_timeout_seconds`` (a
fixed 120 s in our config) and with a 60 s timeout per request; a DSS session mounts
urllib3 retries that honour ``Retry-After``. Without these hooks a 5 s action timeout
could run for minutes. With them:

- ``DeadlineClock`` is the Databricks SDK's retry clock: real time, but a retry sleep that
  would end after the deadline is not slept; instead this thread's clock jumps a day ahead,
  so the SDK's loop stops at once and raises its last error (mapped like any other);
- ``bounded_timeout`` clamps a request's timeout (connect and read) to the time left, for
  the HTTP adapters of both platforms;
- ``check_wait`` raises ``ProviderUnavailable`` when a retry wait would pass the deadline
  (the DSS retry calls it before sleeping).

Outside an action (plan, refresh) there is no deadline and nothing changes.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from data_iac.apply.retry import remaining_time
from data_iac.errors import ProviderUnavailable

__all__ = ["DeadlineClock", "bounded_timeout", "check_wait"]

_FLOOR = 0.05  # seconds: a request is never sent with a timeout of zero


class DeadlineClock:
    """A ``databricks.sdk.clock.Clock`` bounded by the current action's deadline.

    The jump is per thread (the engine runs each action in one worker thread), so a
    deadline reached by one action never shortens another's retries.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def time(self) -> float:
        return time.time() + getattr(self._local, "offset", 0.0)

    def sleep(self, seconds: float) -> None:
        left = remaining_time()
        if left is not None and seconds >= left:
            self._local.offset = getattr(self._local, "offset", 0.0) + 86_400.0
            return
        time.sleep(seconds)


def bounded_timeout(timeout: Any) -> Any:
    """``timeout`` (None, seconds, or a (connect, read) pair, as requests takes it) made no
    longer than the time left before the deadline."""
    left = remaining_time()
    if left is None:
        return timeout
    left = max(left, _FLOOR)
    if isinstance(timeout, tuple):
        return tuple(left if part is None else min(float(part), left) for part in timeout)
    return left if timeout is None else min(float(timeout), left)


def check_wait(seconds: float, what: str) -> None:
    """Raise ProviderUnavailable when waiting ``seconds`` would pass the action's deadline."""
    left = remaining_time()
    if left is not None and seconds >= left:
        raise ProviderUnavailable(
            f"gave up {what}: the next retry would start after the action's deadline",
            detail=f"the wait was {seconds:.1f} s and {left:.1f} s were left",
            hint="raise --action-timeout, or retry when the platform is less busy",
        )
