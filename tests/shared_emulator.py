"""One emulator per test session, emptied before each test.

Starting and stopping a server costs ~0.5 s (serve_forever's poll interval); emptying one
costs nothing. A conftest pairs a session fixture that ``yield from running(...)`` with a
per-test fixture that ``yield from emptied(...)`` it, or imports the pair below (an emulator
of both platforms, as ``emulator``); each conftest importing them gets its own server.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.config import Config

from data_iac.emulator.server import Emulator

__all__ = ["_shared_emulator", "emptied", "emulator", "running", "sdk_client"]


def running(**options: Any) -> Iterator[Emulator]:
    """A started ``Emulator(**options)``, stopped when the session fixture ends."""
    with Emulator(**options) as emu:
        yield emu


def emptied(emu: Emulator) -> Iterator[Emulator]:
    """``emu`` with no objects, requests or hooks for one test; its hooks dropped after."""
    emu.reset()
    yield emu
    emu.reset_hooks()


def sdk_client(emu: Emulator, token: str) -> WorkspaceClient:
    """The real Databricks SDK client on ``emu`` (PAT auth, short retry timeout)."""
    return WorkspaceClient(
        config=Config(host=emu.url, token=token, auth_type="pat", retry_timeout_seconds=5)
    )


@pytest.fixture(scope="session")
def _shared_emulator() -> Iterator[Emulator]:
    yield from running()


@pytest.fixture
def emulator(_shared_emulator: Emulator) -> Iterator[Emulator]:
    """The running emulator, emptied for this test: no objects, requests or hooks
    (overrides the fresh one of tests/conftest)."""
    yield from emptied(_shared_emulator)
