"""Fixtures shared by every Databricks provider test: a running emulator and a client
connected to it over real HTTP through the real SDK."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from data_iac.emulator.server import Emulator
from data_iac.providers.databricks.client import DatabricksClient, connect

TOKEN = "dapi-test-token"


@pytest.fixture(scope="session")
def _shared_emulator() -> Iterator[Emulator]:
    # One server for the session: stopping one costs ~0.5 s (serve_forever's poll interval).
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emulator(_shared_emulator: Emulator) -> Iterator[Emulator]:
    """The running emulator, emptied for this test: no objects, requests or hooks."""
    _shared_emulator.reset()
    yield _shared_emulator
    _shared_emulator.reset_hooks()


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
