"""Drive a provider and pick out one request it sent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.emulator.http import Request
from data_iac.emulator.server import Emulator
from data_iac.model.resource import Observed
from data_iac.providers.base import ResourceHandler
from tests.emulator.databricks.fidelity import capture

__all__ = ["body_of", "create", "sent"]


def create(
    handlers: Mapping[str, ResourceHandler], kind: str, key: str, spec: Mapping[str, Any]
) -> Observed:
    """Create one object through the provider of ``kind``."""
    return handlers[kind].create(Address(kind, key), dict(spec))


def sent(emulator: Emulator) -> list[Request]:
    """Every request the emulator receives from now on."""
    return capture(emulator)


def body_of(requests: list[Request], method: str, path: str) -> Any:
    """The JSON body of the one request matching ``method`` and the ``path`` pattern."""
    found = [r for r in requests if r.method == method and re.fullmatch(path, r.path)]
    assert len(found) == 1, [(r.method, r.path) for r in requests]
    return found[0].json()
