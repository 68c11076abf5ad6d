"""Helpers for fidelity checks: a response must survive the SDK's dataclass round trip."""

from __future__ import annotations

from typing import Any

from data_iac.emulator.http import Request, Response, Route
from data_iac.emulator.server import Emulator


def pruned(value: Any) -> Any:
    """``value`` without empty lists, mappings and None: the SDK's ``as_dict`` drops those."""
    if isinstance(value, dict):
        kept = {k: pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [pruned(v) for v in value]
    return value


def assert_round_trips(cls: Any, body: dict[str, Any]) -> None:
    """Every non-empty field of ``body`` comes back from ``cls.from_dict(body).as_dict()``."""
    assert pruned(cls.from_dict(body).as_dict()) == pruned(body)


def capture(emu: Emulator) -> list[Request]:
    """Every request ``emu`` receives from now on, recorded *before* it is answered.

    (The request log is written after the response is sent, so its last entry can lag.)
    """
    seen: list[Request] = []

    def record(request: Request, route: Route | None) -> Response | None:
        seen.append(request)
        return None

    emu.hooks.before.append(record)
    return seen


def bodies(requests: list[Request]) -> list[Any]:
    """The JSON bodies of the captured mutating requests."""
    return [r.json() for r in requests if r.method != "GET"]
