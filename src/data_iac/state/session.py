"""``locked_state``: hold the state lock for the length of one operation.

Promises:
- the lock is always released when the block ends, also on an exception or Ctrl-C; a failed
  release never hides the exception that ended the block (it is added as a note);
- a held lock is waited for with doubling backoff up to ``lock_timeout`` seconds, then
  StateLockedError names the holder;
- ``force_lock`` takes over only a STALE lock (its lease expired); a live one is never stolen;
- while the block runs, a background thread renews the lease (for backends that support
  leases), so a long apply keeps its lock and a crashed one frees it when the lease ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from data_iac.errors import StateError, StateLockedError
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import DEFAULT_LEASE, LeasedLocker, Locker, LockInfo, StateBackend
from data_iac.state.checks import check_environment, utc_now

__all__ = ["LeaseRenewer", "acquire_lock", "locked_state"]

FIRST_RETRY_DELAY = 0.05
MAX_RETRY_DELAY = 5.0


@contextmanager
def locked_state(
    backend: StateBackend,
    operation: str,
    *,
    lock_timeout: float = 0,
    force_lock: bool = False,
    environment: str | None = None,
    lease: timedelta = DEFAULT_LEASE,
    renew_every: float | None = None,
    clock: Callable[[], datetime] = utc_now,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[tuple[StateSnapshot, LockInfo]]:
    """Lock, read the state (or a new empty one for ``environment``), yield both, unlock.

    A stored state of another environment than ``environment`` (when given) is refused:
    two environments sharing one state location would otherwise plan each other's
    resources away.

    ``renew_every`` defaults to a third of ``lease``; ``clock`` and ``sleep`` are injectable
    so tests never wait for real time.
    """
    wanted = LockInfo(operation=operation).with_lease(lease, clock())
    info = acquire_lock(
        backend, wanted, lock_timeout=lock_timeout, force_lock=force_lock, sleep=sleep
    )
    renewer = LeaseRenewer(backend, info, lease, renew_every, clock)
    try:
        renewer.start()
        snapshot = backend.read() or StateSnapshot.empty(environment or "default")
        check_environment(snapshot, environment, backend.describe())
        yield snapshot, info
    except BaseException as exc:
        renewer.stop()
        _release_after_failure(backend, info.id, exc)
        raise
    renewer.stop()
    if renewer.error is not None:  # the lock is someone else's now: do not release it
        raise renewer.error
    backend.unlock(info.id)


def acquire_lock(
    backend: Locker,
    info: LockInfo,
    *,
    lock_timeout: float = 0,
    force_lock: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> LockInfo:
    """Take the lock, retrying with doubling delays until ``lock_timeout`` seconds passed."""
    deadline = monotonic() + lock_timeout
    delay = FIRST_RETRY_DELAY
    while True:
        try:
            return _try_lock(backend, info, force_lock)
        except StateLockedError:
            remaining = deadline - monotonic()
            if remaining <= 0:
                raise
            sleep(min(delay, remaining))
            delay = min(delay * 2, MAX_RETRY_DELAY)


def _try_lock(backend: Locker, info: LockInfo, force_lock: bool) -> LockInfo:
    try:
        return backend.lock(info)
    except StateLockedError as locked:
        # A holder provably dead on this host (killed mid-apply) needs no --force-lock: its
        # journal makes the next run safe. An expired lease elsewhere still does.
        dead = isinstance(locked.holder, LockInfo) and locked.holder.holder_is_dead()
        if not ((force_lock or dead) and locked.stale and isinstance(backend, LeasedLocker)):
            raise
        # take_over re-checks that the holder is unchanged and still expired.
        return backend.take_over(info, locked.holder.id)


def _release_after_failure(backend: Locker, lock_id: str, exc: BaseException) -> None:
    try:
        backend.unlock(lock_id)
    except Exception as release_error:  # the original failure matters more; keep both
        exc.add_note(f"also failed to release state lock {lock_id}: {release_error}")


class LeaseRenewer:
    """Renews a lock's lease in a daemon thread until stopped.

    A failed renewal (the lock was lost) stops the thread and is kept in ``error``, so the
    operation's end reports it instead of pretending the lock was held throughout.
    """

    def __init__(
        self,
        backend: object,
        info: LockInfo,
        lease: timedelta,
        renew_every: float | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._backend = backend if isinstance(backend, LeasedLocker) else None
        self.info = info
        self._lease = lease
        self._interval = renew_every if renew_every is not None else lease.total_seconds() / 3
        self._clock = clock
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: StateError | None = None

    def start(self) -> None:
        """Start renewing; does nothing for a backend without leases or a zero lease."""
        if self._backend is None or self._interval <= 0:
            return
        self._thread = threading.Thread(target=self._run, name="state-lease", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        assert self._backend is not None
        while not self._stopped.wait(self._interval):
            try:
                self.info = self._backend.renew(self.info.with_lease(self._lease, self._clock()))
            except StateError as exc:
                self.error = exc
                return
