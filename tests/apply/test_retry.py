"""Action retries: transient failures only, Retry-After honoured, deadline, landed check."""

from __future__ import annotations

import pytest

from data_iac.apply.retry import (
    RetryPolicy,
    action_deadline,
    is_transient,
    remaining_time,
    retry_action,
)
from data_iac.errors import ProviderError, ProviderUnavailable, RateLimitedError


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _policy(clock: Clock, **kwargs: object) -> RetryPolicy:
    return RetryPolicy(sleep=clock.sleep, clock=lambda: clock.now, jitter=lambda: 0.0, **kwargs)  # type: ignore[arg-type]


def _flaky(failures: list[Exception]):
    def call() -> str:
        if failures:
            raise failures.pop(0)
        return "ok"

    return call


def test_transient_failures_are_retried_with_doubling_backoff() -> None:
    clock = Clock()
    errors: list[Exception] = [ProviderUnavailable("down"), RateLimitedError("slow down")]
    assert retry_action(_flaky(errors), _policy(clock)) == "ok"
    assert clock.sleeps == [0.5, 1.0]


def test_retry_after_is_honoured() -> None:
    clock = Clock()
    limited = RateLimitedError("429")
    limited.retry_after = 3.0  # type: ignore[attr-defined]
    retry_action(_flaky([limited]), _policy(clock))
    assert clock.sleeps == [3.0]


def test_permanent_failures_are_not_retried() -> None:
    clock = Clock()
    with pytest.raises(ProviderError, match="bad"):
        retry_action(_flaky([ProviderError("bad", status=400)]), _policy(clock))
    assert clock.sleeps == []
    assert is_transient(ProviderError("boom", status=502))
    assert not is_transient(ProviderError("no", status=404))


def test_the_deadline_stops_retrying() -> None:
    clock = Clock()
    errors: list[Exception] = [ProviderUnavailable("down")] * 10
    with pytest.raises(ProviderUnavailable):
        retry_action(_flaky(errors), _policy(clock, attempts=10, timeout=2.0))
    assert sum(clock.sleeps) <= 2.0


def test_a_create_that_landed_is_adopted_instead_of_retried() -> None:
    clock = Clock()
    calls: list[str] = []

    def create() -> str:
        calls.append("create")
        raise ProviderUnavailable("503 after apply")

    assert retry_action(create, _policy(clock), landed=lambda: "found") == "found"
    assert calls == ["create"] and clock.sleeps == []


def test_remaining_time_reports_the_action_deadline() -> None:
    assert remaining_time() is None
    with action_deadline(30):
        left = remaining_time()
        assert left is not None and 29 < left <= 30
    assert remaining_time() is None
