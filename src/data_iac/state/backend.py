"""The narrow interfaces every state backend implements, and the lock record."""

from __future__ import annotations

import getpass
import os
import socket
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

from data_iac.model.state import StateSnapshot
from data_iac.state.journal import JournalProvider

__all__ = [
    "LeasedLocker",
    "LockInfo",
    "Locker",
    "ManagedStateBackend",
    "StateBackend",
    "StateOverwriter",
    "StateReader",
    "StateWriter",
]

DEFAULT_LEASE = timedelta(minutes=15)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a state lock, for what, and until when (the lease)."""

    operation: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    who: str = field(default_factory=lambda: f"{_user()}@{socket.gethostname()}")
    pid: int = field(default_factory=os.getpid)
    created: str = field(default_factory=lambda: _now().isoformat(timespec="seconds"))
    expires: str = field(
        default_factory=lambda: (_now() + DEFAULT_LEASE).isoformat(timespec="seconds")
    )
    path: str = ""

    def is_expired(self, now: datetime | None = None) -> bool:
        return datetime.fromisoformat(self.expires) <= (now or _now())

    def holder_is_dead(self) -> bool:
        """True only when the holder ran on this host and its process no longer exists: a
        run killed with SIGKILL. A holder on another host is never presumed dead."""
        host = self.who.rpartition("@")[2]
        if host != socket.gethostname() or self.pid <= 0 or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # exists but belongs to someone else, or cannot be checked
            return False
        return False

    def is_stale(self, now: datetime | None = None) -> bool:
        """The lease has expired, or the holder is provably dead."""
        return self.is_expired(now) or self.holder_is_dead()

    def with_lease(self, lease: timedelta, now: datetime | None = None) -> LockInfo:
        """A copy whose lease ends ``lease`` after ``now`` (same id, owner and operation)."""
        expires = ((now or _now()) + lease).isoformat(timespec="seconds")
        return replace(self, expires=expires)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LockInfo:
        """Raises ValueError for a record that is not a lock record (wrong types, dates
        without a time zone): callers then report the lock as unreadable."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        if "operation" not in known:
            raise ValueError("a lock record names its operation")
        for name, value in known.items():
            wanted = int if name == "pid" else str
            if type(value) is not wanted:
                raise ValueError(f"lock field {name} must be a {wanted.__name__}")
        for name in ("created", "expires"):
            if name in known and datetime.fromisoformat(known[name]).tzinfo is None:
                raise ValueError(f"lock field {name} must carry a time zone")
        return cls(**known)

    def __str__(self) -> str:
        return (
            f"{self.who} (pid {self.pid}, operation {self.operation!r}, lock id {self.id}, "
            f"since {self.created}, lease until {self.expires})"
        )


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class StateReader(Protocol):
    def read(self) -> StateSnapshot | None:
        """The current state, or None when none was ever written."""
        ...


class StateWriter(Protocol):
    def write(self, snapshot: StateSnapshot) -> None:
        """Persist ``snapshot`` atomically.

        Must refuse (StateConflictError) a snapshot of another lineage, or one whose serial is
        not greater than the stored one: that would lose someone's update.
        """
        ...


class Locker(Protocol):
    def lock(self, info: LockInfo) -> LockInfo:
        """Take the lock or raise StateLockedError naming the holder."""
        ...

    def unlock(self, lock_id: str) -> None:
        """Release the lock with that id; raise StateError if another id holds it."""
        ...


class StateBackend(StateReader, StateWriter, Locker, JournalProvider, Protocol):
    """Everything a command needs from where the state lives, its apply journal included
    (``journal()``: the store beside the state, so a crashed run's intents are found by the
    next run wherever it runs)."""

    def describe(self) -> str:
        """Where the state lives, for messages (a path, an s3:// URL)."""
        ...


# --- Additive extensions (state helper): leases, takeover and forced overwrite. -------------
# They are separate protocols so a minimal backend (an in-memory test double) still satisfies
# StateBackend; callers check for them with isinstance() and degrade when they are missing.


@runtime_checkable
class LeasedLocker(Protocol):
    """A locker whose locks carry a lease that can be read, renewed and taken over."""

    def current_lock(self) -> LockInfo | None:
        """The lock record as stored now, or None when nobody holds the lock."""
        ...

    def renew(self, info: LockInfo) -> LockInfo:
        """Store ``info`` (a longer lease) as the lock record.

        Must raise StateConflictError when the lock is no longer held by ``info.id``.
        """
        ...

    def take_over(self, info: LockInfo, stale_id: str) -> LockInfo:
        """Replace the lock held by ``stale_id`` with ``info``.

        Must refuse (StateLockedError) unless the stored lock is still ``stale_id`` AND its
        lease has expired: a live lock is never taken over.
        """
        ...


@runtime_checkable
class StateOverwriter(Protocol):
    def overwrite(self, snapshot: StateSnapshot) -> None:
        """Store ``snapshot`` atomically, skipping the lineage and serial checks.

        Only ``iac state push --force`` uses it, under the lock.
        """
        ...


class ManagedStateBackend(StateBackend, LeasedLocker, StateOverwriter, Protocol):
    """What the built-in backends (local, s3) implement."""
