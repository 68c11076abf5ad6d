"""Where an apply journal's records are stored: the storage half of apply/journal.py.

A journal store is append-only JSON records. Every state backend provides one beside its
state (``journal()``): the local backend a JSON-lines file (``FileJournal``), S3 one object
per record (state/s3_journal.py); tests and stateless runs use ``MemoryJournal``.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from data_iac.errors import StateCorruptError

__all__ = ["FileJournal", "JournalProvider", "JournalStore", "MemoryJournal", "damaged_journal"]


class JournalStore(Protocol):
    """Append-only storage of journal records (JSON objects)."""

    def append(self, record: Mapping[str, Any], *, durable: bool) -> None:
        """Append one record; when ``durable``, it is on stable storage on return."""
        ...

    def records(self) -> list[dict[str, Any]]:
        """Every complete record, oldest first."""
        ...

    def clear(self) -> None:
        """Forget every record (after they were all resolved)."""
        ...

    def describe(self) -> str:
        """Where the records live, for messages."""
        ...

    def close(self) -> None:
        """Release what the store holds open (a file descriptor); the records stay."""
        ...


class JournalProvider(Protocol):
    """Storage that keeps an apply journal beside the state (every state backend)."""

    def journal(self) -> JournalStore:
        """The journal store beside this state."""
        ...


class FileJournal:
    """A JSON-lines file, kept open for appending; concurrent durable appends share fsyncs
    (group commit): one fsync covers every line written before it started."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._fd: int | None = None
        self._written = 0
        self._synced = 0

    def describe(self) -> str:
        return str(self.path)

    def append(self, record: Mapping[str, Any], *, durable: bool) -> None:
        line = (json.dumps(record, sort_keys=True, default=str) + "\n").encode()
        with self._lock:
            fd = self._open()
            os.write(fd, line)  # O_APPEND: one write per line, never interleaved
            self._written += 1
            mine = self._written
        if durable:
            self._sync(mine)

    def _open(self) -> int:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return self._fd

    def _sync(self, mine: int) -> None:
        with self._sync_lock:
            if self._synced >= mine:
                return  # an fsync that started after our write already covered it
            with self._lock:
                target, fd = self._written, self._fd
            if fd is not None:
                os.fsync(fd)
            self._synced = target

    def records(self) -> list[dict[str, Any]]:
        """Every record; a torn last line (cut by a crash before its fsync) is ignored, any
        other damaged line is a StateCorruptError naming the file and the line."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise damaged_journal(self.describe(), f"cannot read it: {exc.strerror}") from exc
        lines = data.split(b"\n")
        torn = lines.pop()  # after the last newline: empty, or a record cut by a crash
        found = []
        for number, line in enumerate(lines, start=1):
            record = _record(line)
            if record is None:
                raise damaged_journal(self.describe(), f"line {number} is not a journal record")
            found.append(record)
        complete = _record(torn) if torn else None
        if complete is not None:
            found.append(complete)  # complete but for its newline
        return found

    def close(self) -> None:
        """Release the file descriptor (the records stay)."""
        with self._sync_lock, self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def clear(self) -> None:
        self.close()
        with self._sync_lock, self._lock:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass


def damaged_journal(where: str, detail: str) -> StateCorruptError:
    """The error for a journal record that cannot be read (any store)."""
    return StateCorruptError(
        f"the apply journal at {where} is damaged",
        detail=detail,
        hint="it lists actions an interrupted apply had started; inspect it, make sure the "
        "objects it names are in state or deleted, then remove the damaged record",
    )


def _record(line: bytes) -> dict[str, Any] | None:
    """The JSON object on ``line``, or None when the line is damaged."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) else None


class MemoryJournal:
    """The journal for tests and for runs without durable storage."""

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def describe(self) -> str:
        return "memory"

    def append(self, record: Mapping[str, Any], *, durable: bool) -> None:
        with self._lock:
            self.lines.append(json.loads(json.dumps(record, default=str)))

    def records(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.lines)

    def clear(self) -> None:
        with self._lock:
            self.lines.clear()

    def close(self) -> None:
        return None
