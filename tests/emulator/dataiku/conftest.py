"""A plain dataikuapi client on the emulator: errors arrive as the user sees them."""
# ruff: noqa: F811 - the `emulator` fixture imported below is a parameter here

from __future__ import annotations

from typing import Any

import pytest

from data_iac.emulator import Emulator
from tests.shared_emulator import _shared_emulator, emulator  # noqa: F401 - the fixtures


@pytest.fixture
def dss(emulator: Emulator) -> Any:
    from dataikuapi import DSSClient

    return DSSClient(emulator.url, "test-key")


@pytest.fixture
def project(dss: Any) -> Any:
    return dss.create_project("DEMO", "Demo", "admin", description="d")
