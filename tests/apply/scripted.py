"""Handlers for the apply tests: the shared fakes plus scripted failures and crashes.

``Crash`` derives from BaseException, as a SIGKILL would end the process mid-action: no
handler or engine code gets to clean up after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from data_iac.addresses import Address
from data_iac.apply.retry import RetryPolicy
from data_iac.errors import ProviderError, ProviderUnavailable
from data_iac.model.resource import Observed
from tests.fakes import SCHEMAS, FakeHandler, FakePlatform

NO_WAIT = RetryPolicy(sleep=lambda seconds: None, jitter=lambda: 0.0)


class Crash(BaseException):
    """The process died here."""


class Script:
    """Counts mutating calls across handlers and acts on the n-th one (1-based).

    ``mode``: ``fail`` (refuse before doing anything), ``fail_after`` (do it, then report an
    ambiguous failure), ``break_after`` (do it, then fail for good, as a multi-step create
    whose second step is refused), ``crash_before`` / ``crash_after`` (die before / after doing it).
    """

    def __init__(self, at: int | None = None, mode: str = "fail") -> None:
        self.at = at
        self.mode = mode
        self.calls = 0

    def around(self, op: str, address: Address, call: Any) -> Any:
        self.calls += 1
        hit = self.calls == self.at
        if hit and self.mode == "fail":
            raise ProviderError(f"scripted failure on {op} {address}")
        if hit and self.mode == "crash_before":
            raise Crash(f"{op} {address}")
        result = call()
        if hit and self.mode == "fail_after":
            raise ProviderUnavailable(f"scripted 503 after {op} {address}", status=503)
        if hit and self.mode == "break_after":
            raise ProviderError(f"scripted 400 after part of {op} {address}", status=400)
        if hit and self.mode == "crash_after":
            raise Crash(f"{op} {address}")
        return result


class ScriptedHandler(FakeHandler):
    """A FakeHandler whose ids follow from the address (``natural_id``), with a script."""

    def __init__(self, kind: str, platform: FakePlatform, script: Script) -> None:
        super().__init__(kind, platform)
        self.script = script

    def natural_id(self, address: Address, spec: Mapping[str, Any]) -> str | None:
        return f"id-{address.key}"

    def create(self, address: Address, spec: Mapping[str, Any]) -> Observed:
        return self.script.around(
            "create", address, lambda: super(ScriptedHandler, self).create(address, spec)
        )

    def update(self, address: Address, observed: Observed, spec: Mapping[str, Any]) -> Observed:
        return self.script.around(
            "update", address, lambda: super(ScriptedHandler, self).update(address, observed, spec)
        )

    def delete(self, address: Address, observed: Observed) -> None:
        self.script.around(
            "delete", address, lambda: super(ScriptedHandler, self).delete(address, observed)
        )


def scripted_handlers(platform: FakePlatform, script: Script) -> dict[str, ScriptedHandler]:
    return {kind: ScriptedHandler(kind, platform, script) for kind in SCHEMAS}


def platform_view(platform: FakePlatform) -> dict[str, dict[str, Any]]:
    """The platform's objects, copied, for before/after comparisons."""
    return {k: dict(v) for k, v in platform.objects.items()}
