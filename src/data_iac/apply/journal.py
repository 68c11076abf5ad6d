"""The intent journal: what apply was about to do, written down before it did it.

Promises:
- ``begin`` appends an intent record and fsyncs it before returning, so once a request can
  have reached a platform, the record of it survives a crash (SIGKILL, a dead CI runner);
- ``finish`` marks the intent done after the state was checkpointed; it is not fsynced,
  because losing it only makes the next run look the object up again (which is harmless);
- ``pending`` lists the intents never finished, ignoring a torn last line (a record that was
  not fully written was not fsynced, so its action had not started); any other damaged
  record is reported (StateCorruptError naming the journal and the line), never dropped:
  an intent lost silently is an object the next run would not look for;
- the journal lives beside the state, in the state backend's storage: every backend
  provides its store (``StateBackend.journal()``: a file beside a local state, objects
  beside an S3 one; state/journal.py holds the storage protocol).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from data_iac.addresses import Address
from data_iac.kinds import find_spec
from data_iac.model.plan import Action, ResourceChange
from data_iac.model.provider_ids import ROUTING_FIELD
from data_iac.state.journal import (
    FileJournal,
    JournalProvider,
    JournalStore,
    MemoryJournal,
    damaged_journal,
)

__all__ = [
    "FileJournal",
    "Intent",
    "Journal",
    "JournalStore",
    "MemoryJournal",
    "journal_for",
]


def _identity_fields(kind: str, spec: Mapping[str, Any]) -> tuple[str, ...]:
    """What a crashed create of ``kind`` is found by: its record's ``identity`` (else its
    name field) and the provider it goes through; a kind without a record records every
    text or number field."""
    record = find_spec(kind)
    if record is None:
        return tuple(k for k, v in spec.items() if isinstance(v, str | int))
    # the provider it goes through too: the same name means another object elsewhere
    return (*(record.identity or (record.name_field,)), ROUTING_FIELD)


@dataclass(frozen=True, slots=True)
class Intent:
    """One action about to be performed."""

    id: str
    address: Address
    action: Action
    kind: str
    remote_id: str | None = None
    identity: Mapping[str, Any] = field(default_factory=dict)
    dependencies: tuple[Address, ...] = ()
    started: str = ""

    @classmethod
    def for_change(
        cls, change: ResourceChange, spec: Mapping[str, Any] | None, remote_id: str | None
    ) -> Intent:
        identity = {
            k: spec[k]
            for k in _identity_fields(change.address.kind, spec or {})
            if spec and k in spec and k not in change.sensitive
        }
        identity["address_tag"] = str(change.address)
        return cls(
            id=uuid.uuid4().hex,
            address=change.address,
            action=change.action,
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
            "address": str(self.address),
            "action": self.action.value,
            "kind": self.kind,
            "remote_id": self.remote_id,
            "identity": dict(self.identity),
            "dependencies": [str(d) for d in self.dependencies],
            "started": self.started,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Intent:
        return cls(
            id=str(data["id"]),
            address=Address.parse(str(data["address"])),
            action=Action(data["action"]),
            kind=str(data["kind"]),
            remote_id=data.get("remote_id"),
            identity=dict(data.get("identity") or {}),
            dependencies=tuple(Address.parse(str(d)) for d in data.get("dependencies") or ()),
            started=str(data.get("started", "")),
        )


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
            self._intent(r)
            for r in records
            if r.get("type") == "intent" and r.get("id") not in done
        ]

    def _intent(self, record: Mapping[str, Any]) -> Intent:
        try:
            intent = Intent.from_json(record)
        except (KeyError, TypeError, ValueError) as exc:
            raise damaged_journal(
                self.store.describe(), f"intent {record.get('id')!r} is malformed: {exc!r}"
            ) from exc
        return intent

    def clear(self) -> None:
        self.store.clear()

    def close(self) -> None:
        """Release what the store holds open (a file descriptor); records stay."""
        self.store.close()


def journal_for(backend: JournalProvider) -> Journal:
    """The journal beside ``backend``'s state, in the store the backend provides."""
    return Journal(backend.journal())
