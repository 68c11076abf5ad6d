"""The intent journal: what apply was about to do, written down before it did it.

Promises:
- ``begin`` appends an intent record and fsyncs it before returning, so once a request can
  have reached a platform, the record of it survives a crash (SIGKILL, a dead CI runner);
- ``finish`` marks the intent done after the state was checkpointed; it is not fsynced,
  because losing it only makes the next run look the object up again (which is harmless);
- ``pending`` lists the intents never finished, ignoring a torn last line (a record that was
  not fully written was not fsynced, so its action had not started);
- the journal lives beside the state, in the state backend's storage where it has one.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from data_iac.model.plan import ResourceChange

__all__ = [
    "IDENTITY_FIELDS",
    "FileJournal",
    "Intent",
    "Journal",
    "JournalStore",
    "MemoryJournal",
    "journal_for",
]

# Spec fields that identify an object on its platform: recorded so that a crash can be
# resolved by looking the object up (never secrets: those are not identity).
IDENTITY_FIELDS = (
    "project_key",
    "name",
    "catalog_name",
    "schema_name",
    "full_name",
    "path",
    "scope",
    "display_name",
    "user_name",
    "application_id",
    "key",
)


@dataclass(frozen=True, slots=True)
class Intent:
    """One action about to be performed."""

    id: str
    address: str
    action: str
    kind: str
    remote_id: str | None = None
    identity: Mapping[str, Any] = field(default_factory=dict)
    dependencies: tuple[str, ...] = ()
    started: str = ""

    @classmethod
    def for_change(
        cls, change: ResourceChange, spec: Mapping[str, Any] | None, remote_id: str | None
    ) -> Intent:
        identity = {
            k: spec[k] for k in IDENTITY_FIELDS if spec and k in spec and k not in change.sensitive
        }
        identity["address_tag"] = str(change.address)
        return cls(
            id=uuid.uuid4().hex,
            address=str(change.address),
            action=change.action.value,
            kind=change.address.kind,
            remote_id=remote_id,
            identity=identity,
            dependencies=change.dependencies,
            started=datetime.now(UTC).isoformat(timespec="milliseconds"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "intent",
            "id": self.id,
            "address": self.address,
            "action": self.action,
            "kind": self.kind,
            "remote_id": self.remote_id,
            "identity": dict(self.identity),
            "dependencies": list(self.dependencies),
            "started": self.started,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Intent:
        return cls(
            id=str(data["id"]),
            address=str(data["address"]),
            action=str(data["action"]),
            kind=str(data["kind"]),
            remote_id=data.get("remote_id"),
            identity=dict(data.get("identity") or {}),
            dependencies=tuple(data.get("dependencies") or ()),
            started=str(data.get("started", "")),
        )


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

    def describe(self) -> str: ...


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
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        found = []
        for line in text.splitlines():
            try:
                found.append(json.loads(line))
            except ValueError:
                continue  # a torn line: the crash hit mid-write, before its fsync
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


class Journal:
    """Intents over a JournalStore; thread safe (the engine calls it from its workers)."""

    def __init__(self, store: JournalStore) -> None:
        self.store = store

    def begin(self, intent: Intent) -> Intent:
        self.store.append(intent.to_json(), durable=True)
        return intent

    def finish(self, intent: Intent) -> None:
        self.store.append({"type": "done", "id": intent.id}, durable=False)

    def pending(self) -> list[Intent]:
        """Intents begun and never finished, oldest first."""
        records = self.store.records()
        done = {r.get("id") for r in records if r.get("type") == "done"}
        return [
            Intent.from_json(r)
            for r in records
            if r.get("type") == "intent" and r.get("id") not in done
        ]

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        """Release what the store holds open (a file descriptor); records stay."""
        close = getattr(self.store, "close", None)
        if callable(close):
            close()


def journal_for(backend: object, fallback_dir: Path | None = None) -> Journal:
    """The journal beside ``backend``'s state.

    A backend with a ``journal()`` method provides its own store (S3 keeps it in the
    bucket); a file backend (``path`` attribute) gets ``<state>.journal`` beside the state
    file; otherwise the journal goes under ``fallback_dir`` (or memory, with no crash
    safety), keyed by the backend's description.
    """
    provided = getattr(backend, "journal", None)
    if callable(provided):
        store: JournalStore = provided()
        return Journal(store)
    path = getattr(backend, "path", None)
    if isinstance(path, Path):
        return Journal(FileJournal(path.with_name(path.name + ".journal")))
    if fallback_dir is not None:
        import hashlib

        describe = getattr(backend, "describe", lambda: repr(backend))
        digest = hashlib.sha256(str(describe()).encode()).hexdigest()[:16]
        return Journal(FileJournal(fallback_dir / f"{digest}.journal"))
    return Journal(MemoryJournal())
