"""Dataiku provider tests share one emulator, emptied before each test."""

from tests.shared_emulator import _shared_emulator, emulator  # noqa: F401 - the fixtures
