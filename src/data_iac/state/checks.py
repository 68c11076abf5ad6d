"""Rules every backend applies before it stores a snapshot, shared so they cannot drift."""

from __future__ import annotations

from datetime import UTC, datetime

from data_iac.errors import StateConflictError
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import LockInfo

__all__ = [
    "UNREADABLE_LOCK_ID",
    "check_environment",
    "check_successor",
    "unreadable_lock",
    "utc_now",
]

UNREADABLE_LOCK_ID = "unreadable"


def utc_now() -> datetime:
    """The default clock of every backend; tests inject their own instead of sleeping."""
    return datetime.now(UTC)


def check_successor(stored: StateSnapshot | None, new: StateSnapshot, where: str) -> None:
    """Refuse ``new`` unless it may replace ``stored``.

    It must have the same lineage (it descends from the stored state) and a greater serial
    (it was made after it); otherwise someone's update would be lost.
    """
    if stored is None:
        return
    if new.lineage != stored.lineage:
        raise StateConflictError(
            f"refusing to write a state of another lineage to {where}",
            detail=f"stored lineage {stored.lineage}, new lineage {new.lineage}",
            hint="this is a different state; use `iac state push --force` only if you mean "
            "to replace it",
        )
    if new.serial <= stored.serial:
        raise StateConflictError(
            f"refusing to write serial {new.serial} over serial {stored.serial} at {where}",
            detail="the state changed since it was read (someone else wrote it)",
            hint="run the command again so it starts from the current state",
        )


def check_environment(snapshot: StateSnapshot, environment: str | None, where: str) -> None:
    """Refuse a state written for another environment than the one asked for (``-e``)."""
    if environment is None or snapshot.environment == environment:
        return
    raise StateConflictError(
        f"the state at {where} belongs to environment '{snapshot.environment}', "
        f"not '{environment}'",
        detail="two environments share one state location, or a state file was copied",
        hint="give each environment its own state (backend key or path), or pass the "
        f"environment this state belongs to: -e {snapshot.environment}",
    )


def unreadable_lock(where: str, written: datetime) -> LockInfo:
    """The record reported for a lock that exists but cannot be parsed.

    Only a crash or a foreign tool leaves one. It is reported as already expired, so
    ``--force-lock`` or ``iac state unlock unreadable`` can clear it.
    """
    stamp = written.isoformat(timespec="seconds")
    return LockInfo(
        operation="unknown: the lock file cannot be read as a lock record",
        id=UNREADABLE_LOCK_ID,
        who="nobody known",
        pid=0,
        created=stamp,
        expires=stamp,
        path=where,
    )
