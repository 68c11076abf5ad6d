"""The DSS client: typed errors from the response hook, retries, connection failures."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from data_iac.emulator import Emulator, EmulatorOptions
from data_iac.emulator.http import Request, Response, Route
from data_iac.errors import (
    ProviderError,
    ProviderPermissionError,
    ProviderUnavailable,
    RateLimitedError,
    ResourceAlreadyExists,
    ResourceNotFound,
)
from data_iac.providers.dataiku.client import DssRetry, connect, error_for_response


def test_wrong_api_key_is_a_permission_error_with_a_hint() -> None:
    with Emulator(options=EmulatorOptions(api_key="right")) as emu:
        conn = connect({"url": emu.url, "api_key": "wrong"})
        with pytest.raises(ProviderPermissionError) as caught:
            conn.client.list_project_keys()
    assert "Unknown API Key" in caught.value.summary
    assert "API key" in caught.value.hint
    assert caught.value.status == 401


def test_missing_project_is_not_found(dss_settings: dict[str, Any]) -> None:
    conn = connect(dss_settings)
    with pytest.raises(ResourceNotFound, match="Failed to read project permissions"):
        conn.client.get_project("NOPE").get_metadata()


def test_duplicate_project_is_already_exists(dss_settings: dict[str, Any]) -> None:
    conn = connect(dss_settings)
    conn.client.create_project("DEMO", "Demo", "admin")
    with pytest.raises(ResourceAlreadyExists):
        conn.client.create_project("DEMO", "Demo", "admin")


def test_closed_port_is_unavailable_naming_the_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(ProviderUnavailable, match=url) as caught:
        connect({"url": url, "api_key": "k"}).client.list_project_keys()
    assert caught.value.__cause__ is not None


def test_a_429_is_retried_honouring_retry_after(emulator: Emulator) -> None:
    refused: list[str] = []

    def once(request: Request, route: Route | None) -> Response | None:
        if refused or request.method != "POST":
            return None
        refused.append(request.path)
        return Response(429, {"errorType": "TooManyRequests", "message": "slow down"},
                        {"Retry-After": "0"})  # fmt: skip

    emulator.hooks.before.append(once)
    conn = connect({"url": emulator.url, "api_key": "k"})
    conn.client.create_project("DEMO", "Demo", "admin")
    assert refused == ["/dip/publicapi/projects/"]
    assert conn.client.list_project_keys() == ["DEMO"]


def test_429_that_never_stops_becomes_rate_limited(emulator: Emulator) -> None:
    seen: list[str] = []

    def always(request: Request, route: Route | None) -> Response | None:
        seen.append(request.path)
        return Response(429, {"message": "slow down"}, {"Retry-After": "0"})

    emulator.hooks.before.append(always)
    with pytest.raises(RateLimitedError):
        connect({"url": emulator.url, "api_key": "k"}).client.list_project_keys()
    # One try plus five retries, then the typed error (counted as the server saw them:
    # the request log is written after the answer is sent).
    assert len(seen) == 6


def test_503_is_retried_for_get_but_not_for_post() -> None:
    retry = DssRetry(total=3)
    assert retry.is_retry("GET", 503)
    assert retry.is_retry("PUT", 503)
    assert not retry.is_retry("POST", 503)
    assert retry.is_retry("POST", 429)
    assert not retry.is_retry("GET", 500)


def test_settings_fall_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKU_DSS_URL", "http://127.0.0.1:1/")
    monkeypatch.setenv("DKU_API_KEY", "from-env")
    conn = connect({})
    assert conn.url == "http://127.0.0.1:1"
    assert conn.client.api_key == "from-env"


def test_no_settings_at_all_names_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DKU_DSS_URL", raising=False)
    monkeypatch.delenv("DKU_API_KEY", raising=False)
    with pytest.raises(ProviderError, match="DKU_DSS_URL") as caught:
        connect({})
    assert "DKU_API_KEY" in caught.value.summary


@pytest.mark.parametrize(
    ("status", "body", "url", "expected"),
    [
        (404, {"errorType": "com.dataiku.dip.server.controllers.NotFoundException"}, "/x",
         ResourceNotFound),
        (403, {"errorType": "com.dataiku.dip.exceptions.UnauthorizedException"},
         "http://h/dip/publicapi/projects/K/metadata", ResourceNotFound),
        (403, {"errorType": "com.dataiku.dip.exceptions.UnauthorizedException"},
         "http://h/dip/publicapi/admin/users/", ProviderPermissionError),
        (400, {"message": "Dataset X already exists"}, "/x", ResourceAlreadyExists),
        (502, {}, "/x", ProviderUnavailable),
        (400, {"message": "bad"}, "/x", ProviderError),
    ],
)  # fmt: skip
def test_error_mapping(status: int, body: dict[str, Any], url: str, expected: type) -> None:
    error = error_for_response(status, body, url)
    assert type(error) is expected
    assert error.platform == "dataiku"


def test_a_dropped_connection_is_retried_for_get_but_not_for_post(emulator: Emulator) -> None:
    conn = connect({"url": emulator.url, "api_key": "k"})
    emulator.faults.add(method="GET", path="/dip/publicapi/projects/", mode="drop", count=1)
    assert conn.client.list_project_keys() == []  # the retry got through
    emulator.faults.add(method="POST", path="/dip/publicapi/projects/", mode="drop", count=1)
    with pytest.raises(ProviderUnavailable):
        conn.client.create_project("DEMO", "Demo", "admin")
