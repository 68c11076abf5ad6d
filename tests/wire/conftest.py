"""The Databricks providers on the shared emulator, and a record of what they send."""
# ruff: noqa: F811 - the `emulator` fixture imported below is a parameter here

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import pytest
from databricks.sdk import WorkspaceClient

from data_iac.emulator.server import Emulator
from data_iac.providers.base import ResourceHandler
from data_iac.providers.registry import make_handlers
from tests.shared_emulator import _shared_emulator, emulator, sdk_client  # noqa: F401

TOKEN = "dapi-wire-test"


@pytest.fixture
def handlers(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Mapping[str, ResourceHandler]:
    """Every workspace-level Databricks handler, connected to the emulator over HTTP."""
    for name in [key for key in os.environ if key.startswith("DATABRICKS_")]:
        monkeypatch.delenv(name)
    settings: dict[str, Any] = {
        "host": emulator.url,
        "token": TOKEN,
        "rate_limit": 0,
        "retry_timeout_seconds": 5,
    }
    return make_handlers("databricks", settings)


@pytest.fixture
def w(emulator: Emulator) -> WorkspaceClient:
    """A plain SDK client, to read responses the way a user's code would."""
    return sdk_client(emulator, TOKEN)
