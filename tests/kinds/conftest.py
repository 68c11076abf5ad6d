"""Fixtures of the per-kind tests: the shared emulator and a client through the real SDK."""
# ruff: noqa: F401 - fixtures imported to be found by pytest

from __future__ import annotations

from tests.providers.databricks.conftest import dbx
from tests.shared_emulator import _shared_emulator, emulator
