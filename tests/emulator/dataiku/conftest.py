"""A plain dataikuapi client on the emulator: errors arrive as the user sees them."""

from __future__ import annotations

from typing import Any

import pytest

from data_iac.emulator import Emulator


@pytest.fixture
def dss(emulator: Emulator) -> Any:
    from dataikuapi import DSSClient

    return DSSClient(emulator.url, "test-key")


@pytest.fixture
def project(dss: Any) -> Any:
    return dss.create_project("DEMO", "Demo", "admin", description="d")
