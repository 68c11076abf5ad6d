"""Group commit of state checkpoints.

Promises: ``commit`` returns only once a checkpoint holding its change (and every change
committed before it) was written; checkpoints are written one at a time with increasing
serials; changes that arrive while a write is in progress go out together in the next one.
So parallel actions do not queue behind one state write each (with thousands of resources
a write costs milliseconds), and state is still checkpointed before dependants start.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from data_iac.model.state import ResourceState, StateSnapshot

__all__ = ["Checkpoint", "CheckpointError", "GroupCommitter"]

Checkpoint = Callable[[StateSnapshot], None]


class CheckpointError(Exception):
    """The state write that should have held a change failed; ``cause`` says why."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"state checkpoint failed: {cause}")
        self.cause = cause


class GroupCommitter:
    def __init__(self, state: StateSnapshot, checkpoint: Checkpoint) -> None:
        self._state = state
        self._checkpoint = checkpoint
        self._cond = threading.Condition()
        self._queue: list[tuple[str, ResourceState | None]] = []
        self._queued = 0  # tickets handed out
        self._written = 0  # tickets covered by a successful write
        self._failed: dict[int, BaseException] = {}
        self._writing = False

    @property
    def state(self) -> StateSnapshot:
        with self._cond:
            return self._state

    def commit(self, address: str, entry: ResourceState | None) -> StateSnapshot:
        """Record ``entry`` for ``address`` (None removes it); return the written state.

        Raises CheckpointError when the write that held the change failed.
        """
        with self._cond:
            self._queue.append((address, entry))
            self._queued += 1
            ticket = self._queued
            while self._written < ticket and ticket not in self._failed:
                if self._writing:
                    self._cond.wait()
                    continue
                self._write_batch()
            if ticket in self._failed:
                raise CheckpointError(self._failed.pop(ticket))
            return self._state

    def _write_batch(self) -> None:
        """Write every queued change in one checkpoint; called with the condition held."""
        batch, self._queue = self._queue, []
        first, last = self._written + 1, self._queued
        updated = self._state
        for address, entry in batch:
            updated = (
                updated.without(address) if entry is None else updated.with_resource(address, entry)
            )
        updated = updated.next_serial()
        self._writing = True
        self._cond.release()
        error: BaseException | None = None
        try:
            self._checkpoint(updated)
        except Exception as exc:  # reported to every waiter of the batch, not lost
            error = exc
        finally:
            self._cond.acquire()
            self._writing = False
        if error is None:
            self._state = updated
        else:
            self._failed.update({ticket: error for ticket in range(first, last + 1)})
        self._written = last
        self._cond.notify_all()
