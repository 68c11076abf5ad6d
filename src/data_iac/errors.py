"""Every error data-iac raises on purpose.

Errors carry data, never presentation: a one-line ``summary``, an optional ``detail`` (what
was observed), a ``hint`` (the next thing to run or change), the ``diagnostics`` when many
located problems were found at once, and each class's own fields (a lock's holder, an apply's
partial result). The CLI (``data_iac.cli.failure``) is the only place that turns them into
text and exit codes; Python callers catch them and read the fields::

    DataIacError
    ├── ConfigError                   one located problem in the configuration
    │   ├── TemplateError             an unresolved ${...} or {{ ... }}
    │   └── ConfigValidationError     many Diagnostics at once
    ├── PlanError
    │   ├── DependencyCycleError      the cycle, a -> b -> a
    │   ├── LifecycleError            prevent_destroy refused a delete or replace
    │   └── StalePlanError            a saved plan no longer matches the state
    ├── StateError
    │   ├── StateLockedError          carries the holder's LockInfo
    │   ├── StateConflictError        lineage or serial mismatch, stale ETag
    │   └── StateCorruptError         unreadable state file
    ├── ProviderError                 .platform, .address
    │   ├── ResourceNotFound
    │   ├── ResourceAlreadyExists
    │   ├── ProviderPermissionError
    │   ├── RemoteConflictError
    │   ├── RateLimitedError
    │   └── ProviderUnavailable       cannot connect, 5xx after retries
    ├── ApplyError                    carries the partial ApplyResult
    ├── PipelineError                 data pipeline spec or run failures
    │   └── ExpectationFailedError
    └── InterruptedByUser             Ctrl-C / SIGTERM: exit 130
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from data_iac.apply.result import ApplyResult
    from data_iac.state.backend import LockInfo

__all__ = [
    "ApplyError",
    "ConfigError",
    "ConfigValidationError",
    "DataIacError",
    "DependencyCycleError",
    "Diagnostic",
    "ExpectationFailedError",
    "InterruptedByUser",
    "LifecycleError",
    "PipelineError",
    "PlanError",
    "ProviderError",
    "ProviderPermissionError",
    "ProviderUnavailable",
    "RateLimitedError",
    "RemoteConflictError",
    "ResourceAlreadyExists",
    "ResourceNotFound",
    "SourceLocation",
    "StalePlanError",
    "StateConflictError",
    "StateCorruptError",
    "StateError",
    "StateLockedError",
    "TemplateError",
]


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where a value came from: a file and a 1-based line and column."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a configuration, located and explained."""

    message: str
    path: str = ""
    location: SourceLocation | None = None
    hint: str = ""


class DataIacError(Exception):
    """Base of every error data-iac raises on purpose.

    ``diagnostics`` is empty unless the error gathers several located problems (a config or
    pipeline spec that failed validation): then it holds every one of them.
    """

    def __init__(
        self,
        summary: str,
        *,
        detail: str = "",
        hint: str = "",
        diagnostics: list[Diagnostic] | None = None,
    ) -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail
        self.hint = hint
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])


class ConfigError(DataIacError, ValueError):
    """One problem in the configuration, with its location when known."""

    def __init__(
        self,
        summary: str,
        *,
        path: str = "",
        location: SourceLocation | None = None,
        detail: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(summary, detail=detail, hint=hint)
        self.path = path
        self.location = location

    def as_diagnostic(self) -> Diagnostic:
        """The same problem as a Diagnostic, so it can join a list of others."""
        return Diagnostic(self.summary, self.path, self.location, self.hint)


class TemplateError(ConfigError):
    """A ``${...}`` or ``{{ ... }}`` placeholder that cannot be resolved."""


class ConfigValidationError(ConfigError):
    """Several problems found at once; ``diagnostics`` holds every one of them."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        count = len(diagnostics)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the configuration")
        self.diagnostics = list(diagnostics)


class PlanError(DataIacError):
    """The plan cannot be made or used."""


class DependencyCycleError(PlanError):
    """Resources (or pipeline nodes) depend on each other in a loop."""

    def __init__(self, cycle: list[str], *, location: SourceLocation | None = None) -> None:
        where = f" (at {location})" if location else ""
        super().__init__(
            f"dependency cycle: {' -> '.join(cycle)}{where}",
            hint="break the loop by removing one of the references or depends_on entries",
        )
        self.cycle = cycle
        self.location = location


class LifecycleError(PlanError):
    """``lifecycle.prevent_destroy`` refused a plan that deletes or replaces a resource."""


class StalePlanError(PlanError):
    """A saved plan was made against a state that has since changed."""


class StateError(DataIacError):
    """Reading, writing or locking the state failed."""


class StateLockedError(StateError):
    """Someone else holds the state lock; ``holder`` says who."""

    def __init__(self, holder: LockInfo, *, stale: bool = False) -> None:
        lock_id = holder.id
        what = "a stale lock (its lease has expired)" if stale else "a lock"
        super().__init__(
            f"the state is locked: {what} is held by {holder}",
            hint=(
                f"wait for that run to finish, or if it is dead run `iac state unlock {lock_id}`"
                + (" or retry with --force-lock" if stale else "")
            ),
        )
        self.holder = holder
        self.stale = stale


class StateConflictError(StateError):
    """The state changed under us (lineage, serial or ETag mismatch)."""


class StateCorruptError(StateError):
    """A state file exists but cannot be decoded."""


class ProviderError(DataIacError):
    """A platform call failed; ``platform`` and ``address`` say where."""

    def __init__(
        self,
        summary: str,
        *,
        platform: str = "",
        address: str = "",
        status: int | None = None,
        detail: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(summary, detail=detail, hint=hint)
        self.platform = platform
        self.address = address
        self.status = status


class ResourceNotFound(ProviderError, LookupError):
    """The object does not exist on the platform."""


class ResourceAlreadyExists(ProviderError):
    """An object with that identity already exists on the platform."""


class ProviderPermissionError(ProviderError):
    """Credentials were refused or lack a permission."""


class RemoteConflictError(ProviderError):
    """The platform refused a change because of a concurrent or conflicting one."""


class RateLimitedError(ProviderError):
    """The platform answered 429 and retries ran out."""


class ProviderUnavailable(ProviderError):
    """The platform cannot be reached or keeps failing."""


class ApplyError(DataIacError):
    """Some actions of an apply failed; ``result`` holds what was done, failed and skipped."""

    def __init__(self, summary: str, result: ApplyResult, *, hint: str = "") -> None:
        super().__init__(summary, hint=hint)
        self.result = result


class PipelineError(DataIacError):
    """A data pipeline could not be loaded or run."""


class ExpectationFailedError(PipelineError):
    """An expectation with action ``fail`` was not met; nothing was written."""


class InterruptedByUser(DataIacError):
    """Stopped by Ctrl-C or SIGTERM (or a cancellation token) after a clean checkpoint."""
