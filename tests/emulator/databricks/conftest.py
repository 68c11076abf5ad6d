"""Fixtures for the Databricks emulator tests: the in-process emulator and a raw SDK
``WorkspaceClient`` talking to it over HTTP (no mocks anywhere)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from databricks.sdk import WorkspaceClient

from data_iac.emulator.databricks import service_for
from data_iac.emulator.server import Emulator, EmulatorOptions
from tests.shared_emulator import emptied, running, sdk_client

TOKEN = "dapi-emulator-test"
SMALL_PAGE = 2
# The families these tests cover; other families are tested (and may be broken) elsewhere.
FAMILIES = (
    "wellknown",
    "workspace",
    "jobs",
    "pipelines",
    "clusters",
    "policies",
    "warehouses",
    "scim",
    "permissions",
    "dbfs",
)


_service = service_for(*FAMILIES)


@pytest.fixture(autouse=True)
def _no_databricks_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def _dbx_emulator() -> Iterator[Emulator]:
    yield from running(services=[_service])


@pytest.fixture
def emu(_dbx_emulator: Emulator) -> Iterator[Emulator]:
    """The shared emulator, emptied for this test (objects, request log, hooks)."""
    yield from emptied(_dbx_emulator)


@pytest.fixture
def w(emu: Emulator) -> WorkspaceClient:
    """The real SDK client on ``emu``."""
    return sdk_client(emu, TOKEN)


@pytest.fixture(scope="session")
def _small_page_emulator() -> Iterator[Emulator]:
    yield from running(options=EmulatorOptions(page_size=SMALL_PAGE), services=[_service])


@pytest.fixture
def small(_small_page_emulator: Emulator) -> Iterator[Emulator]:
    """An emulator whose listings return SMALL_PAGE items per page, emptied for this test."""
    yield from emptied(_small_page_emulator)


@pytest.fixture
def small_w(small: Emulator) -> WorkspaceClient:
    """The real SDK client on the small-page emulator."""
    return sdk_client(small, TOKEN)
