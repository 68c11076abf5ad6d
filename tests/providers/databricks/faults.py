"""Fault helpers for provider tests: ambiguous failures injected in the emulator."""

from __future__ import annotations

import re

from data_iac.emulator.http import Request, Response, Route
from data_iac.emulator.server import Emulator

UNAVAILABLE = {"error_code": "TEMPORARILY_UNAVAILABLE", "message": "injected by the test"}


def fail(emu: Emulator, method: str, path: str, *, times: int = 1, commit: bool = False) -> None:
    """Answer the next ``times`` requests to ``method`` + ``path`` (a regex) with 503.

    With ``commit`` the request is served first and its answer thrown away: the change is
    made but the client cannot know it (the duplicate-create hazard).
    """
    pattern = re.compile(path)
    left = [times]

    def hook(request: Request, route: Route | None) -> Response | None:
        if request.method != method or not pattern.fullmatch(request.path) or left[0] <= 0:
            return None
        left[0] -= 1
        if commit and route is not None:
            found = route.pattern.fullmatch(request.path)
            request.params = found.groupdict() if found else {}
            with emu.store.lock:
                route.handler(request)
        return Response(503, dict(UNAVAILABLE))

    emu.hooks.before.append(hook)


def fail_every_call(
    emu: Emulator, status: int, body: object, headers: dict[str, str] | None = None
) -> list[str]:
    """Answer every API call with this error; returns the paths seen (recorded before the
    answer, unlike the request log, which a previous test's last request can still reach)."""
    seen: list[str] = []

    def before(request: Request, route: Route | None) -> Response | None:
        if request.path.startswith("/api/"):
            seen.append(request.path)
            return Response(status, body, dict(headers or {}))
        return None

    emu.hooks.before.append(before)
    return seen
