"""Shared fixtures: an in-process emulator of both platforms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from data_iac.emulator import Emulator

# Property tests assert behaviour, never timing: no per-example deadline and no "too slow"
# health check, which a loaded CI machine would otherwise turn into failures.
settings.register_profile(
    "data-iac",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("data-iac")


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A started emulator on 127.0.0.1, port 0, with an empty in-memory store."""
    with Emulator() as emu:
        yield emu


@pytest.fixture
def dss_settings(emulator: Emulator) -> dict[str, Any]:
    """Provider settings pointing the Dataiku provider at the emulator."""
    return {"url": emulator.url, "api_key": "test-key"}


# S3 on a moto server (one per session), for the state tests and the CLI tests that need it.
from tests.state.s3_server import aws_credentials, bucket, moto_endpoint, s3_client  # noqa: E402

__all__ = ["aws_credentials", "bucket", "dss_settings", "emulator", "moto_endpoint", "s3_client"]
