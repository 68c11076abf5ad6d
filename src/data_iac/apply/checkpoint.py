"""Write-behind checkpoints of the state, safe because of the intent journal.

Promises:
- ``commit`` updates the in-memory state at once (dependants resolve references from it) and
  returns; a writer thread then checkpoints the latest state, coalescing every change made
  while the previous write was in progress into the next one;
- serials grow by one per write; the callbacks given to ``commit`` (marking intents done)
  run only after a write that holds their change succeeded, so an intent is closed only
  once the state on disk covers it, and a crash before that leaves it open for lookup;
- ``flush`` returns once everything committed is written, or raises CheckpointError.

Why not write before each dependant starts: a state write costs tens of milliseconds with
thousands of resources, and one write per action would make it the apply's bottleneck.
The journal already makes a crash between an action and its checkpoint harmless. For the
same reason writes are spaced so that they take at most a fifth of the time (a write of
80 ms is followed by 320 ms of batching); ``flush`` does not wait for that spacing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from data_iac.addresses import Address
from data_iac.apply.versions import with_shared_version
from data_iac.model.state import ResourceState, StateSnapshot

__all__ = ["Checkpoint", "CheckpointError", "GroupCommitter"]

Checkpoint = Callable[[StateSnapshot], None]
Callback = Callable[[], None]
# After a write that took t seconds, the next starts no sooner than WRITE_SPACING * t later.
WRITE_SPACING = 4.0


class CheckpointError(Exception):
    """The state could not be written; ``cause`` says why."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"state checkpoint failed: {cause}")
        self.cause = cause


class GroupCommitter:
    def __init__(self, state: StateSnapshot, checkpoint: Checkpoint) -> None:
        self._state = state
        self._serial = state.serial
        self._checkpoint = checkpoint
        self._cond = threading.Condition()
        self._callbacks: list[Callback] = []
        self._dirty = False
        self._writing = False
        self._closing = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._next_write_at = 0.0

    @property
    def state(self) -> StateSnapshot:
        """The in-memory state: every committed change, written or not yet."""
        with self._cond:
            return self._state

    def commit(
        self, address: Address, entry: ResourceState | None, on_written: Callback | None = None
    ) -> StateSnapshot:
        """Record ``entry`` for ``address`` (None removes it) and schedule a checkpoint."""
        with self._cond:
            self._state = (
                self._state.without(address)
                if entry is None
                else with_shared_version(self._state, address, entry)
            )
            self._dirty = True
            if on_written is not None:
                self._callbacks.append(on_written)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="state-checkpoint", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()
            return self._state

    def flush(self) -> StateSnapshot:
        """Wait until every commit is written; the written state, or CheckpointError."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
            while self._dirty or self._writing:
                self._cond.wait()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise CheckpointError(self._error)
        return self.state

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closing and (not self._dirty or self._spacing() > 0):
                    self._cond.wait(self._spacing() if self._dirty else None)
                if not self._dirty:
                    return
                snapshot = replace(self._state, serial=self._serial + 1)
                callbacks, self._callbacks = self._callbacks, []
                self._dirty, self._writing = False, True
            error = self._write(snapshot)
            with self._cond:
                self._writing = False
                self._error = error
                if error is None:
                    self._serial = snapshot.serial
                    self._state = replace(self._state, serial=self._serial)
                elif self._closing:
                    self._dirty = False  # give up: the open intents cover what is lost
                self._cond.notify_all()
            if error is None:
                for callback in callbacks:
                    callback()

    def _spacing(self) -> float:
        """Seconds to wait before the next write may start."""
        return max(0.0, self._next_write_at - time.monotonic())

    def _write(self, snapshot: StateSnapshot) -> BaseException | None:
        started = time.monotonic()
        try:
            self._checkpoint(snapshot)
        except Exception as exc:  # reported by flush; the journal keeps the intents open
            return exc
        finally:
            ended = time.monotonic()
            self._next_write_at = ended + WRITE_SPACING * (ended - started)
        return None
