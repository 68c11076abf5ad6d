"""Fault injection and rate limiting, driven over real HTTP against the in-process emulator.

A tiny service (one counter table) keeps these tests independent of the platform services;
one test drives the real Databricks SDK to show the after-apply hazard end to end.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from data_iac.emulator.faults import FaultRule, Faults, RateLimiter, api_family
from data_iac.emulator.http import Request, Response, Route
from data_iac.emulator.server import Emulator, EmulatorOptions
from data_iac.emulator.store import Store


class _CounterService:
    """POST /api/2.0/things adds a thing; GET lists them; DSS-shaped twin under /dip/."""

    name = "counter"
    prefixes = ("/api/", "/dip/")

    def __init__(self, store: Store, options: EmulatorOptions) -> None:
        self.store = store

    def routes(self) -> list[Route]:
        return [
            Route.of("POST", r"/api/2\.0/things|/dip/publicapi/things", self._create),
            Route.of("GET", r"/api/2\.0/things|/dip/publicapi/things", self._list),
        ]

    def authenticate(self, request: Request) -> None:
        return None

    def _create(self, request: Request) -> Response:
        things = self.store.table("things")
        things[str(len(things) + 1)] = request.json()
        return Response(200, {"id": len(things)})

    def _list(self, request: Request) -> Response:
        return Response(200, {"things": list(self.store.table("things").values())})


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(services=[_CounterService]) as running:
        yield running


@pytest.fixture(autouse=True)
def _clean(emu: Emulator) -> Iterator[None]:
    emu.reset()
    emu.faults.clear()
    yield
    emu.faults.clear()


def _things(emu: Emulator) -> list[Any]:
    return list(emu.store.table("things").values())


def _post(emu: Emulator, path: str = "/api/2.0/things") -> requests.Response:
    return requests.post(emu.url + path, json={"n": 1}, timeout=5)


def test_before_mode_rejects_without_applying(emu: Emulator) -> None:
    emu.faults.add(FaultRule(method="POST", path="/api/2.0/things", status=503, count=1))
    first, second = _post(emu), _post(emu)
    assert first.status_code == 503
    assert first.json()["error_code"] == "TEMPORARILY_UNAVAILABLE"
    assert second.status_code == 200
    assert len(_things(emu)) == 1


def test_after_apply_mode_applies_then_answers_5xx(emu: Emulator) -> None:
    emu.faults.add(method="POST", path="/api/*", mode="after_apply", status=504)
    response = _post(emu)
    assert response.status_code == 504
    assert len(_things(emu)) == 1


def test_drop_mode_closes_the_connection_without_applying(emu: Emulator) -> None:
    emu.faults.add(method="POST", path="/api/*", mode="drop", count=1)
    with requests.Session() as session, pytest.raises(requests.ConnectionError):
        session.post(emu.url + "/api/2.0/things", json={}, timeout=5)
    assert _things(emu) == []
    assert _post(emu).status_code == 200


def test_offset_and_count_pick_which_matching_requests_fail(emu: Emulator) -> None:
    emu.faults.add(method="POST", path="/api/2.0/*", status=500, offset=2, count=2)
    statuses = [_post(emu).status_code for _ in range(6)]
    assert statuses == [200, 200, 500, 500, 200, 200]


def test_method_and_glob_must_both_match(emu: Emulator) -> None:
    emu.faults.add(method="GET", path="/api/2.0/things", status=500)
    emu.faults.add(method="POST", path="/dip/*", status=500)
    assert _post(emu).status_code == 200
    assert requests.get(emu.url + "/api/2.0/things", timeout=5).status_code == 500
    dss = _post(emu, "/dip/publicapi/things")
    assert dss.status_code == 500 and "errorType" in dss.json()


def test_probability_is_seeded_and_reproducible() -> None:
    def pattern(seed: int) -> list[bool]:
        rule = FaultRule(probability=0.3)
        rng = random.Random(seed)
        return [rule.should_fire(rng) for _ in range(200)]

    assert pattern(7) == pattern(7)
    assert pattern(7) != pattern(8)
    assert 30 < sum(pattern(7)) < 90


def test_latency_is_added_with_the_injected_sleep() -> None:
    slept: list[float] = []
    faults = Faults(seed=1, sleep=slept.append)
    faults.add(path="/api/*", status=None, latency_ms=(20, 80))
    faults.set_latency(10, 10)
    request = Request.build("GET", "/api/2.1/jobs/list", {}, b"")
    assert faults.before(request, None) is None
    assert len(slept) == 1 and 0.030 <= slept[0] <= 0.090


def test_rate_limiter_answers_the_platform_429_with_retry_after() -> None:
    now = [100.0]
    limiter = RateLimiter(rate=2, burst=2, clock=lambda: now[0])
    request = Request.build("POST", "/api/2.1/unity-catalog/catalogs", {}, b"")
    assert limiter.check(request) is None
    assert limiter.check(request) is None
    limited = limiter.check(request)
    assert limited is not None and limited.status == 429
    assert limited.body["error_code"] == "REQUEST_LIMIT_EXCEEDED"
    assert limited.headers["Retry-After"] == "0"
    now[0] += 0.5
    assert limiter.check(request) is None
    dss = limiter.check(Request.build("GET", "/dip/publicapi/projects/", {}, b""))
    assert dss is None  # another family has its own bucket


def test_api_families() -> None:
    assert api_family("/api/2.1/unity-catalog/schemas") == "unity-catalog"
    assert api_family("/api/2.2/jobs/create") == "jobs"
    assert api_family("/dip/publicapi/projects/X") == "dss"


def test_control_plane_adds_lists_and_clears_rules(emu: Emulator) -> None:
    url = emu.url + "/__emu/faults"
    added = requests.post(
        url,
        json={
            "method": "POST",
            "path": "/api/*",
            "status": 429,
            "headers": {"Retry-After": "0"},
            "count": 1,
        },
        timeout=5,
    )
    assert added.status_code == 200 and len(added.json()["rules"]) == 1
    response = _post(emu)
    assert response.status_code == 429 and response.headers["Retry-After"] == "0"
    rules = requests.get(url, timeout=5).json()["rules"]
    assert rules[0]["fired"] == 1
    assert requests.post(url, json={"mode": "sideways"}, timeout=5).status_code == 400
    requests.post(url, json={"rate_limit": {"rate": 1, "burst": 1}}, timeout=5)
    assert [_post(emu).status_code for _ in range(2)] == [200, 429]
    requests.delete(url, timeout=5)
    assert requests.get(url, timeout=5).json() == {
        "rules": [],
        "latency_ms": None,
        "rate_limit": None,
    }


class _FakeClock:
    """The SDK's injectable clock: sleeping advances time instantly."""

    def __init__(self) -> None:
        self.now = 0.0

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_after_apply_503_makes_the_sdk_retry_a_create_that_landed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The hazard the engine guards against: the SDK retries a 503 POST after it was applied."""
    from databricks.sdk import WorkspaceClient
    from databricks.sdk.config import Config
    from databricks.sdk.errors import DatabricksError

    for name in [k for k in os.environ if k.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    with Emulator() as full:
        full.faults.add(
            method="POST",
            path="/api/2.1/unity-catalog/catalogs",
            mode="after_apply",
            status=503,
            count=1,
        )
        w = WorkspaceClient(
            config=Config(
                host=full.url,
                token="t",
                auth_type="pat",
                clock=_FakeClock(),
                retry_timeout_seconds=30,
            )
        )
        with pytest.raises(DatabricksError, match="already exists"):
            w.catalogs.create(name="landed")
        assert [c.name for c in w.catalogs.list() if c.name == "landed"] == ["landed"]


def test_serve_latency_flag_parses_ranges() -> None:
    import click

    from data_iac.cli.commands.emulator import parse_latency

    assert parse_latency("20-80") == (20.0, 80.0)
    assert parse_latency("50") == (50.0, 50.0)
    with pytest.raises(click.BadParameter):
        parse_latency("80-20")
