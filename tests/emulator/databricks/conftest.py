"""Fixtures for the Databricks emulator tests: the in-process emulator and a raw SDK
``WorkspaceClient`` talking to it over HTTP (no mocks anywhere)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.config import Config

from data_iac.emulator.databricks.common import DatabricksContext, DatabricksService
from data_iac.emulator.server import Emulator, EmulatorOptions
from data_iac.emulator.store import Store

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
)


def _service(store: Store, options: EmulatorOptions) -> DatabricksService:
    ctx = DatabricksContext(store, options)
    routes = []
    for name in FAMILIES:
        module = importlib.import_module(f"data_iac.emulator.databricks.{name}")
        routes.extend(module.routes(ctx))
    return DatabricksService(ctx, routes)


def _client(emu: Emulator) -> WorkspaceClient:
    return WorkspaceClient(
        config=Config(host=emu.url, token=TOKEN, auth_type="pat", retry_timeout_seconds=5)
    )


@pytest.fixture(autouse=True)
def _no_databricks_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def _dbx_emulator() -> Iterator[Emulator]:
    with Emulator(services=[_service]) as emu:
        yield emu


@pytest.fixture
def emu(_dbx_emulator: Emulator) -> Iterator[Emulator]:
    """The shared emulator, emptied for this test (objects, request log, hooks)."""
    _dbx_emulator.reset()
    yield _dbx_emulator
    _dbx_emulator.reset_hooks()


@pytest.fixture
def w(emu: Emulator) -> WorkspaceClient:
    """The real SDK client on ``emu``."""
    return _client(emu)


@pytest.fixture(scope="session")
def _small_page_emulator() -> Iterator[Emulator]:
    with Emulator(options=EmulatorOptions(page_size=SMALL_PAGE), services=[_service]) as emu:
        yield emu


@pytest.fixture
def small(_small_page_emulator: Emulator) -> Iterator[Emulator]:
    """An emulator whose listings return SMALL_PAGE items per page, emptied for this test."""
    _small_page_emulator.reset()
    yield _small_page_emulator
    _small_page_emulator.reset_hooks()


@pytest.fixture
def small_w(small: Emulator) -> WorkspaceClient:
    """The real SDK client on the small-page emulator."""
    return _client(small)
