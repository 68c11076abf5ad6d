"""``--action-timeout`` bounds the SDKs' own retries and request timeouts: the real
databricks-sdk and dataikuapi over HTTP against the emulator, with faults injected.

The facts relied on: the Databricks SDK retries 429/503 in ``retried()`` with a deadline of
``Config.retry_timeout_seconds`` measured on ``Config.clock`` and sleeps ``Retry-After``
through the same clock (databricks/sdk/retries.py and _base_client.py, databricks-sdk
0.162.0); urllib3's ``Retry.sleep(response)`` waits ``Retry-After`` before each retry.
No timing is asserted: the number of attempts the emulator saw is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from data_iac.apply.retry import action_deadline
from data_iac.emulator.http import Request, Response, Route
from data_iac.emulator.server import Emulator
from data_iac.errors import ProviderError, ProviderUnavailable
from data_iac.providers.databricks.client import DatabricksClient
from data_iac.providers.databricks.client import connect as connect_databricks
from data_iac.providers.dataiku.client import connect as connect_dss
from tests.shared_emulator import _shared_emulator, emulator  # noqa: F401 - the fixtures

UNAVAILABLE = {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "injected by the test"}


@pytest.fixture
def dbx(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[DatabricksClient]:  # noqa: F811
    """The SDK's own retry budget is long here (120 s): the deadline must cut it short."""
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    yield connect_databricks(
        {"host": emulator.url, "token": "dapi-x", "rate_limit": 0, "retry_timeout_seconds": 120}
    )


def _answer(emu: Emulator, status: int, body: object, path: str, times: int | None) -> list[str]:
    """Answer ``path`` with ``status`` (Retry-After: 1) ``times`` times (None: always)."""
    seen: list[str] = []

    def hook(request: Request, route: Route | None) -> Response | None:
        if request.path != path or (times is not None and len(seen) >= times):
            return None
        seen.append(request.method)
        return Response(status, body, {"Retry-After": "1"})

    emu.hooks.before.append(hook)
    return seen


def test_the_sdk_stops_retrying_at_the_action_deadline(
    emulator: Emulator,  # noqa: F811
    dbx: DatabricksClient,
) -> None:
    seen = _answer(emulator, 503, UNAVAILABLE, "/api/2.1/unity-catalog/catalogs/x", None)
    with action_deadline(0.5), pytest.raises(ProviderError):
        dbx.call("unity-catalog", dbx.w.catalogs.get, "x")
    assert seen == ["GET"]  # its 1 s Retry-After would pass the deadline: no second try


def test_within_the_deadline_the_sdk_still_retries(
    emulator: Emulator,  # noqa: F811
    dbx: DatabricksClient,
) -> None:
    dbx.w.catalogs.create(name="x")
    seen = _answer(emulator, 503, UNAVAILABLE, "/api/2.1/unity-catalog/catalogs/x", 1)
    with action_deadline(60):
        assert dbx.call("unity-catalog", dbx.w.catalogs.get, "x").name == "x"
    assert seen == ["GET"]


def test_a_slow_answer_is_cut_at_the_deadline(
    emulator: Emulator,  # noqa: F811
    dbx: DatabricksClient,
) -> None:
    """The SDK's 60 s request timeout is clamped to the time left."""
    dbx.w.catalogs.create(name="slow")
    emulator.faults.add(method="GET", path="/api/2.1/unity-catalog/catalogs/slow",
                        status=None, latency_ms=[2000, 2000], count=1)  # fmt: skip
    with action_deadline(0.3), pytest.raises(ProviderError):
        dbx.call("unity-catalog", dbx.w.catalogs.get, "slow")
    assert dbx.w.catalogs.get("slow").name == "slow"  # outside an action: no clamp


def test_dss_retries_stop_at_the_action_deadline(emulator: Emulator) -> None:  # noqa: F811
    body = {"errorType": "TooManyRequests", "message": "slow down"}
    seen = _answer(emulator, 429, body, "/dip/publicapi/projects/", None)
    client = connect_dss({"url": emulator.url, "api_key": "k"}).client
    with action_deadline(0.5), pytest.raises(ProviderUnavailable, match="deadline"):
        client.list_project_keys()
    assert seen == ["GET"]
