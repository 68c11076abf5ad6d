"""connect(), the rate limiter and the error mapping, through the real SDK over HTTP."""

from __future__ import annotations

import math
import os
import socket
import time
from pathlib import Path

import pytest

from data_iac.emulator.server import Emulator, EmulatorOptions
from data_iac.errors import (
    ProviderPermissionError,
    ProviderUnavailable,
    RateLimitedError,
)
from data_iac.providers.databricks._rate_limit import DECREASE, INITIAL_RPS
from data_iac.providers.databricks.client import DatabricksClient, RateLimiter, connect
from tests.providers.databricks.faults import fail_every_call


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


def test_no_retry_client_makes_one_attempt(emulator, dbx) -> None:
    seen = fail_every_call(
        emulator,
        503,
        {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "busy"},
        {"Retry-After": "30"},
    )
    started = time.monotonic()
    with pytest.raises(ProviderUnavailable):
        dbx.call("unity-catalog", dbx.w_no_retry.catalogs.get, "x")
    assert time.monotonic() - started < 2
    assert len(seen) == 1


def test_rate_limited_after_retries_ran_out(emulator, dbx) -> None:
    fail_every_call(emulator, 429, {"error_code": "REQUEST_LIMIT_EXCEEDED", "message": "slow down"})
    with pytest.raises(RateLimitedError):
        dbx.call("unity-catalog", dbx.w_no_retry.catalogs.get, "x")


def test_rate_limit_setting_forms() -> None:
    assert RateLimiter.from_setting(None).ceiling("jobs") == math.inf  # adaptive, no ceiling
    assert RateLimiter.from_setting(5).ceiling("jobs") == 5
    per_family = RateLimiter.from_setting({"jobs": 3, "default": 7})
    assert (per_family.ceiling("workspace"), per_family.ceiling("jobs")) == (7, 3)
    with pytest.raises(ValueError):
        RateLimiter.from_setting("fast")


def test_a_429_over_http_slows_its_family_and_retry_after_pauses_it(emulator, dbx) -> None:
    """The adapter on the SDK's session feeds each answer to the limiter: a 429 with
    ``Retry-After`` cuts the family's rate and pauses it; other families keep theirs."""
    dbx.limiter = limiter = RateLimiter()
    _mount(dbx, limiter)
    dbx.call("unity-catalog", lambda: list(dbx.w.catalogs.list()))
    before = limiter.rate("unity-catalog")
    fail_every_call(emulator, 429, {"error_code": "REQUEST_LIMIT_EXCEEDED"}, {"Retry-After": "7"})
    with pytest.raises(RateLimitedError):
        dbx.call("unity-catalog", dbx.w_no_retry.catalogs.get, "x")
    assert limiter.rate("unity-catalog") == pytest.approx(before * DECREASE)
    assert limiter.rate("jobs") == INITIAL_RPS
    paused = limiter._families["unity-catalog"].stamp - time.monotonic()
    assert 6 < paused <= 7


def _mount(dbx: DatabricksClient, limiter: RateLimiter) -> None:
    from data_iac.providers.databricks.client import _bound_requests

    _bound_requests(dbx.w, limiter)
    _bound_requests(dbx.w_no_retry, limiter)


def test_make_handlers_builds_every_kind_on_one_connection(emulator: Emulator) -> None:
    from data_iac.kinds import specs_of
    from data_iac.providers.base import ResourceHandler
    from data_iac.providers.databricks import make_handlers

    handlers = make_handlers({"host": emulator.url, "token": "t", "rate_limit": 0})
    assert set(handlers) <= {s.kind for s in specs_of("databricks")}
    assert {"databricks_catalog", "databricks_grants", "databricks_secret"} <= set(handlers)
    assert all(isinstance(h, ResourceHandler) for h in handlers.values())


def test_no_credentials_anywhere_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    for name in [k for k in os.environ if k.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(tmp_path / "none.cfg"))
    with pytest.raises(ProviderPermissionError, match="authentication") as caught:
        connect({})
    assert "DATABRICKS_HOST" in caught.value.hint
