"""connect(), the rate limiter and the error mapping, through the real SDK over HTTP."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from data_iac.emulator.http import Request, Response, Route
from data_iac.emulator.server import Emulator, EmulatorOptions
from data_iac.errors import (
    ProviderError,
    ProviderPermissionError,
    ProviderUnavailable,
    RateLimitedError,
    RemoteConflictError,
    ResourceAlreadyExists,
    ResourceNotFound,
)
from data_iac.providers.databricks.client import DatabricksClient, RateLimiter, connect


def _fail_with(emu: Emulator, status: int, body: object, headers: dict[str, str] | None = None):
    def before(request: Request, route: Route | None) -> Response | None:
        if request.path.startswith("/api/"):
            return Response(status, body, dict(headers or {}))
        return None

    emu.hooks.before.append(before)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connect_sets_workspace_id_from_host_metadata(dbx: DatabricksClient) -> None:
    assert dbx.w.config.workspace_id == "1234567890123456"
    assert dbx.w.config.auth_type == "pat"
    assert dbx.host.startswith("http://127.0.0.1:")


def test_wrong_host_fails_fast_naming_the_host() -> None:
    host = f"http://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(ProviderUnavailable, match=host):
        connect({"host": host, "token": "t", "connect_timeout": 1})
    assert time.monotonic() - started < 3


def test_connect_from_profile(emulator: Emulator, tmp_path: Path, monkeypatch) -> None:
    cfg = tmp_path / "databrickscfg"
    cfg.write_text(f"[dev]\nhost = {emulator.url}\ntoken = dapi-x\n", encoding="utf-8")
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(cfg))
    client = connect({"profile": "dev", "retry_timeout_seconds": 5})
    assert client.host == emulator.url


def test_connect_from_environment(emulator: Emulator, monkeypatch) -> None:
    monkeypatch.setenv("DATABRICKS_HOST", emulator.url)
    monkeypatch.setenv("DATABRICKS_TOKEN", "dapi-env")
    assert connect({"retry_timeout_seconds": 5}).host == emulator.url


def test_wrong_token_is_a_permission_error() -> None:
    with Emulator(options=EmulatorOptions(api_key="right")) as emu:
        client = connect({"host": emu.url, "token": "wrong", "retry_timeout_seconds": 5})
        with pytest.raises(ProviderPermissionError) as caught:
            client.call("secrets", lambda: list(client.w.secrets.list_scopes()), address="x.y")
    assert caught.value.status == 403
    assert caught.value.address == "x.y"
    assert "token" in caught.value.hint


@pytest.mark.parametrize(
    ("status", "code", "message", "expected"),
    [
        (404, "CATALOG_DOES_NOT_EXIST", "Catalog 'x' does not exist.", ResourceNotFound),
        (400, "INVALID_PARAMETER_VALUE", "Job 1 does not exist.", ResourceNotFound),
        (400, "CATALOG_ALREADY_EXISTS", "Catalog 'x' already exists", ResourceAlreadyExists),
        (400, "RESOURCE_ALREADY_EXISTS", "Scope s already exists!", ResourceAlreadyExists),
        (409, "ABORTED", "concurrent update", RemoteConflictError),
        (401, 401, "Credential was not sent", ProviderPermissionError),
        (500, "INTERNAL_ERROR", "boom", ProviderUnavailable),
        (400, "INVALID_PARAMETER_VALUE", "bad name", ProviderError),
    ],
)
def test_error_mapping(emulator, dbx, status, code, message, expected) -> None:
    _fail_with(emulator, status, {"error_code": code, "message": message})
    with pytest.raises(expected) as caught:
        dbx.call("unity-catalog", dbx.w.catalogs.get, "x", address="databricks_catalog.x")
    assert type(caught.value) is expected
    assert caught.value.status is not None
    assert caught.value.platform == "databricks"
    assert caught.value.__cause__ is not None


def test_no_retry_client_makes_one_attempt(emulator, dbx) -> None:
    _fail_with(
        emulator,
        503,
        {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "busy"},
        {"Retry-After": "30"},
    )
    started = time.monotonic()
    with pytest.raises(ProviderUnavailable):
        dbx.call("unity-catalog", dbx.w_no_retry.catalogs.get, "x")
    assert time.monotonic() - started < 2
    assert len([r for r in emulator.request_log() if r.path.startswith("/api/")]) == 1


def test_rate_limited_after_retries_ran_out(emulator, dbx) -> None:
    _fail_with(emulator, 429, {"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down"})
    with pytest.raises(RateLimitedError):
        dbx.call("unity-catalog", dbx.w_no_retry.catalogs.get, "x")


class _FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_token_bucket_allows_a_burst_then_paces() -> None:
    fake = _FakeTime()
    limiter = RateLimiter(default=2, limits={"jobs": 0}, clock=fake.clock, sleep=fake.sleep)
    for _ in range(3):
        limiter.acquire("unity-catalog")
    for _ in range(10):
        limiter.acquire("jobs")  # unlimited family
    assert fake.slept == [0.5]


def test_rate_limit_setting_forms() -> None:
    assert RateLimiter.from_setting(None).default == 15
    assert RateLimiter.from_setting(5).default == 5
    per_family = RateLimiter.from_setting({"jobs": 3, "default": 7})
    assert (per_family.default, per_family.limits["jobs"]) == (7, 3)
    with pytest.raises(ValueError):
        RateLimiter.from_setting("fast")
