"""The adaptive rate limiter (providers/databricks/_rate_limit.py) on a fake clock: it
starts high, cuts its rate on a 429 once per round, honours Retry-After, climbs back
additively, never passes its ceiling, and keeps families apart."""

from __future__ import annotations

import pytest

from data_iac.apply.retry import action_deadline
from data_iac.errors import ProviderUnavailable
from data_iac.providers.databricks._http_limit import retry_after_seconds
from data_iac.providers.databricks._rate_limit import (
    DECREASE,
    INCREASE_RPS,
    INITIAL_RPS,
    RateLimiter,
    api_family,
)


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def limiter(setting: object = None) -> tuple[RateLimiter, FakeTime]:
    fake = FakeTime()
    built = RateLimiter.from_setting(setting)
    built.clock, built.sleep = fake.clock, fake.sleep
    return built, fake


def test_starts_high_one_second_of_burst_then_paces_at_its_rate() -> None:
    rl, fake = limiter()
    for _ in range(int(INITIAL_RPS)):
        rl.acquire("jobs")
    assert fake.slept == []
    rl.acquire("jobs")
    assert fake.slept == [pytest.approx(1 / INITIAL_RPS)]


def test_a_429_cuts_the_rate_once_per_round_and_empties_the_bucket() -> None:
    rl, fake = limiter()
    sent = [rl.acquire("jobs") for _ in range(5)]
    for at in sent:  # five answers of one burst: one cut, not five
        rl.observe("jobs", at, 429, 0.0)
    assert rl.rate("jobs") == pytest.approx(INITIAL_RPS * DECREASE)
    later = rl.acquire("jobs")  # the bucket was emptied: this one waits
    assert fake.slept and later > sent[-1]
    rl.observe("jobs", later, 429, 0.0)  # sent after the cut: a new round
    assert rl.rate("jobs") == pytest.approx(INITIAL_RPS * DECREASE**2)


def test_retry_after_pauses_the_whole_family_only() -> None:
    rl, fake = limiter()
    rl.observe("jobs", rl.acquire("jobs"), 429, 3.0)
    rl.acquire("workspace")
    assert fake.slept == []
    rl.acquire("jobs")
    assert fake.slept == [pytest.approx(3.0 + 1 / rl.rate("jobs"))]


def test_successes_raise_the_rate_additively() -> None:
    rl, _ = limiter()
    rl.observe("jobs", rl.acquire("jobs"), 429, 0.0)
    low = rl.rate("jobs")
    for _ in range(round(low)):  # about one second of answers at that rate
        rl.observe("jobs", rl.acquire("jobs"), 200, 0.0)
    assert rl.rate("jobs") == pytest.approx(low + INCREASE_RPS, rel=0.05)


def test_the_setting_is_a_ceiling_per_family_and_zero_turns_it_off() -> None:
    rl, fake = limiter({"jobs": 5, "workspace": 0, "default": 50})
    assert (rl.rate("jobs"), rl.rate("unity-catalog")) == (5, 50)
    for _ in range(200):
        rl.observe("jobs", rl.acquire("jobs"), 200, 0.0)
        rl.acquire("workspace")
    assert rl.rate("jobs") == 5
    assert sum(fake.slept) == pytest.approx((200 - 5) / 5)  # only jobs waited


def test_family_of_a_path_is_its_service_segment() -> None:
    assert api_family("/api/2.1/unity-catalog/grants/catalog/main") == "unity-catalog"
    assert api_family("/api/2.2/jobs/list?limit=100") == "jobs"
    assert api_family("/api/2.0/preview/scim/v2/Groups") == "preview"
    assert api_family("/oidc/v1/token") == "oidc"


def test_retry_after_forms() -> None:
    assert retry_after_seconds("2") == 2
    assert retry_after_seconds(None) == 0
    assert retry_after_seconds("soon") == 0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past


def test_a_wait_past_the_action_deadline_raises_instead_of_sleeping() -> None:
    rl = RateLimiter()
    rl.observe("jobs", rl.acquire("jobs"), 429, 3600.0)
    with action_deadline(5), pytest.raises(ProviderUnavailable, match="rate limit"):
        rl.acquire("jobs")  # without the check this would sleep an hour
