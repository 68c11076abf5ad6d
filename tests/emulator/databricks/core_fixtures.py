"""Fixtures for the emulator families of the "core" helper (well-known, Unity Catalog,
workspace, secrets): an emulator serving only those, and the real SDK client on it.
Test modules import the fixtures they use from here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from databricks.sdk import WorkspaceClient

from data_iac.emulator.databricks import service_for
from data_iac.emulator.server import Emulator, EmulatorOptions
from tests.shared_emulator import emptied, running, sdk_client

TOKEN = "dapi-core-test"
SMALL_PAGE = 2
CORE_FAMILIES = ("wellknown", "uc", "workspace", "secrets")


_service = service_for(*CORE_FAMILIES)


def client_for(emu: Emulator, token: str = TOKEN) -> WorkspaceClient:
    return sdk_client(emu, token)


@pytest.fixture(scope="session")
def _core_emulator() -> Iterator[Emulator]:
    yield from running(services=[_service])


@pytest.fixture(scope="session")
def _core_small_emulator() -> Iterator[Emulator]:
    yield from running(options=EmulatorOptions(page_size=SMALL_PAGE), services=[_service])


@pytest.fixture
def core(_core_emulator: Emulator) -> Iterator[Emulator]:
    """The shared core emulator, emptied for this test."""
    yield from emptied(_core_emulator)


@pytest.fixture
def cw(core: Emulator) -> WorkspaceClient:
    """The real SDK client on ``core``."""
    return client_for(core)


@pytest.fixture
def core_small(_core_small_emulator: Emulator) -> Iterator[Emulator]:
    """A core emulator listing SMALL_PAGE items per page, emptied for this test."""
    yield from emptied(_core_small_emulator)


@pytest.fixture
def small_cw(core_small: Emulator) -> WorkspaceClient:
    return client_for(core_small)
