"""The local backend: one JSON file per environment, a sidecar lock file, one backup.

Promises:
- a write is atomic: readers see the old file or the new one, never a mix (temp file in the
  same directory, fsync, ``os.replace``, fsync the directory);
- state, backup and lock files are created with mode 0600 (they may hold ids and digests);
- the previous serial is kept as ``<name>.backup`` for manual recovery;
- a write of another lineage or of a serial not greater than the stored one is refused;
- the lock is ``<name>.lock``, created with ``O_CREAT | O_EXCL`` so exactly one run wins,
  and it holds the winner's LockInfo so a loser can say who to ask;
- the apply journal is ``<name>.journal`` beside the state file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from data_iac.errors import StateConflictError, StateError, StateLockedError
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.checks import UNREADABLE_LOCK_ID, check_successor, unreadable_lock, utc_now
from data_iac.state.codec import decode_state, encode_state
from data_iac.state.dirlock import directory_mutex, fsync_directory
from data_iac.state.journal import FileJournal

__all__ = ["UNREADABLE_LOCK_ID", "LocalBackend"]


class LocalBackend:
    """State in the file ``path``; implements ManagedStateBackend."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.backup_path = self.path.with_name(self.path.name + ".backup")
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self._clock = clock

    def describe(self) -> str:
        return str(self.path)

    def journal(self) -> FileJournal:
        """The apply journal, a JSON-lines file beside the state (``<name>.journal``)."""
        return FileJournal(self.journal_path)

    # -- state -------------------------------------------------------------------------------

    def read(self) -> StateSnapshot | None:
        data = _read_bytes(self.path)
        return None if data is None else decode_state(data, self.describe())

    def write(self, snapshot: StateSnapshot) -> None:
        self._ensure_directory()
        # The mutex makes "check the stored serial, then replace" one step for other writers.
        with directory_mutex(self.path.parent):
            previous = _read_bytes(self.path)
            stored = None if previous is None else decode_state(previous, self.describe())
            check_successor(stored, snapshot, self.describe())
            self._replace(previous, snapshot)

    def overwrite(self, snapshot: StateSnapshot) -> None:
        self._ensure_directory()
        with directory_mutex(self.path.parent):
            self._replace(_read_bytes(self.path), snapshot)

    def _replace(self, previous: bytes | None, snapshot: StateSnapshot) -> None:
        if previous is not None:
            _atomic_write(self.backup_path, previous)
        _atomic_write(self.path, encode_state(snapshot))

    # -- lock --------------------------------------------------------------------------------

    def lock(self, info: LockInfo) -> LockInfo:
        self._ensure_directory()
        record = replace(info, path=self.describe())
        # Creating and filling the lock under the mutex means nobody reads a half-written lock.
        with directory_mutex(self.path.parent):
            try:
                fd = os.open(self.lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                raise self._locked_by(self._read_lock()) from None
            _write_and_close(fd, _lock_bytes(record))
            fsync_directory(self.path.parent)
        return record

    def unlock(self, lock_id: str) -> None:
        """Release the lock ``lock_id``; a missing lock is already released (no error)."""
        if not self.lock_path.parent.exists():
            return
        with directory_mutex(self.path.parent):
            holder = self._read_lock()
            if holder is None:
                return
            if holder.id != lock_id:
                raise StateError(
                    f"refusing to unlock {self.describe()}: lock id {lock_id} does not hold it",
                    detail=f"the lock is held by {holder}",
                    hint=f"to release that lock run `iac state unlock {holder.id}`",
                )
            self.lock_path.unlink()
            fsync_directory(self.path.parent)

    def current_lock(self) -> LockInfo | None:
        if not self.lock_path.parent.exists():
            return None
        with directory_mutex(self.path.parent):
            return self._read_lock()

    def renew(self, info: LockInfo) -> LockInfo:
        self._ensure_directory()
        record = replace(info, path=self.describe())
        with directory_mutex(self.path.parent):
            holder = self._read_lock()
            if holder is None or holder.id != info.id:
                raise StateConflictError(
                    f"the lock on {self.describe()} was lost before its lease was renewed",
                    detail=f"now held by {holder}" if holder else "nobody holds it now",
                    hint="another run may have taken it over; check the state before retrying",
                )
            _atomic_write(self.lock_path, _lock_bytes(record))
        return record

    def take_over(self, info: LockInfo, stale_id: str) -> LockInfo:
        self._ensure_directory()
        record = replace(info, path=self.describe())
        with directory_mutex(self.path.parent):
            holder = self._read_lock()
            if holder is not None and holder.id != stale_id:
                raise self._locked_by(holder)
            if holder is not None and not holder.is_stale(self._clock()):
                raise StateLockedError(holder, stale=False)
            _atomic_write(self.lock_path, _lock_bytes(record))
        return record

    def _locked_by(self, holder: LockInfo | None) -> StateLockedError:
        if holder is None:  # released between our attempt and our read: report, don't retry
            holder = LockInfo(operation="unknown", id="?", who="unknown")
        return StateLockedError(holder, stale=holder.is_stale(self._clock()))

    def _read_lock(self) -> LockInfo | None:
        data = _read_bytes(self.lock_path)
        if data is None:
            return None
        try:
            record = json.loads(data)
            if not isinstance(record, dict):
                raise ValueError("not an object")
            return LockInfo.from_json(record)
        except (ValueError, TypeError, AttributeError, RecursionError):
            return self._unreadable_lock()

    def _unreadable_lock(self) -> LockInfo:
        # Writes happen under the mutex, so only a crash mid-write leaves an unreadable lock.
        mtime = datetime.fromtimestamp(self.lock_path.stat().st_mtime, UTC)
        return unreadable_lock(self.describe(), mtime)

    def _ensure_directory(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)


def _lock_bytes(info: LockInfo) -> bytes:
    return (json.dumps(info.to_json(), indent=2, sort_keys=True) + "\n").encode("utf-8")


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:  # a directory, no permission, an I/O error: say which file
        raise StateError(
            f"cannot read {path}: {exc.strerror or exc}",
            hint="check the file's permissions (state, lock and backup files are mode 0600)",
        ) from exc


def _write_and_close(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a crash leaves the old or the new content, never both.

    mkstemp creates the temp file with mode 0600 in the same directory (same filesystem, so
    ``os.replace`` is an atomic rename).
    """
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _write_and_close(fd, data)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)
