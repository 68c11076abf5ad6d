"""Fixtures shared by every Databricks provider test: a running emulator and a client
connected to it over real HTTP through the real SDK."""
# ruff: noqa: F811 - the `emulator` fixture imported below is a parameter here

from __future__ import annotations

import os

import pytest

from data_iac.emulator.server import Emulator
from data_iac.providers.databricks.client import DatabricksClient, connect
from tests.shared_emulator import _shared_emulator, emulator  # noqa: F401 - the fixtures

TOKEN = "dapi-test-token"


@pytest.fixture
def dbx(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> DatabricksClient:
    """A DatabricksClient on the emulator: no client-side rate limit, short SDK timeouts."""
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    settings = {
        "host": emulator.url,
        "token": TOKEN,
        "rate_limit": 0,
        "retry_timeout_seconds": 5,
        "http_timeout_seconds": 10,
        "connect_timeout": 2,
    }
    return connect(settings)
