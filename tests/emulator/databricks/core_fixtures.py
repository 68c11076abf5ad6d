"""Fixtures for the emulator families of the "core" helper (well-known, Unity Catalog,
workspace, secrets): an emulator serving only those, and the real SDK client on it.
Test modules import the fixtures they use from here."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.config import Config

from data_iac.emulator.databricks.common import DatabricksContext, DatabricksService
from data_iac.emulator.server import Emulator, EmulatorOptions
from data_iac.emulator.store import Store

TOKEN = "dapi-core-test"
SMALL_PAGE = 2
CORE_FAMILIES = ("wellknown", "uc", "workspace", "secrets")


def _service(store: Store, options: EmulatorOptions) -> DatabricksService:
    ctx = DatabricksContext(store, options)
    routes = []
    for name in CORE_FAMILIES:
        routes.extend(importlib.import_module(f"data_iac.emulator.databricks.{name}").routes(ctx))
    return DatabricksService(ctx, routes)


def client_for(emu: Emulator, token: str = TOKEN) -> WorkspaceClient:
    return WorkspaceClient(
        config=Config(host=emu.url, token=token, auth_type="pat", retry_timeout_seconds=5)
    )


def _fresh(emu: Emulator) -> Iterator[Emulator]:
    emu.reset()
    yield emu
    emu.reset_hooks()


@pytest.fixture(scope="session")
def _core_emulator() -> Iterator[Emulator]:
    with Emulator(services=[_service]) as emu:
        yield emu


@pytest.fixture(scope="session")
def _core_small_emulator() -> Iterator[Emulator]:
    with Emulator(options=EmulatorOptions(page_size=SMALL_PAGE), services=[_service]) as emu:
        yield emu


@pytest.fixture
def core(_core_emulator: Emulator) -> Iterator[Emulator]:
    """The shared core emulator, emptied for this test."""
    yield from _fresh(_core_emulator)


@pytest.fixture
def cw(core: Emulator) -> WorkspaceClient:
    """The real SDK client on ``core``."""
    return client_for(core)


@pytest.fixture
def core_small(_core_small_emulator: Emulator) -> Iterator[Emulator]:
    """A core emulator listing SMALL_PAGE items per page, emptied for this test."""
    yield from _fresh(_core_small_emulator)


@pytest.fixture
def small_cw(core_small: Emulator) -> WorkspaceClient:
    return client_for(core_small)
