"""A plain dataikuapi client on the emulator: errors arrive as the user sees them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from data_iac.emulator import Emulator


@pytest.fixture(scope="session")
def _shared_dss_emulator() -> Iterator[Emulator]:
    # One server for the session: stopping one costs ~0.5 s (serve_forever's poll interval).
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emulator(_shared_dss_emulator: Emulator) -> Iterator[Emulator]:
    """The running emulator with no objects, requests or hooks (overrides tests/conftest)."""
    _shared_dss_emulator.reset()
    yield _shared_dss_emulator
    _shared_dss_emulator.reset_hooks()


@pytest.fixture
def dss(emulator: Emulator) -> Any:
    from dataikuapi import DSSClient

    return DSSClient(emulator.url, "test-key")


@pytest.fixture
def project(dss: Any) -> Any:
    return dss.create_project("DEMO", "Demo", "admin", description="d")
