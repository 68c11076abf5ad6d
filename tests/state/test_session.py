"""locked_state: lock for the length of a block, wait, force only stale locks, renew leases."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from data_iac.errors import StateConflictError, StateLockedError
from data_iac.model.state import StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.local import LocalBackend
from data_iac.state.session import acquire_lock, locked_state

PAST = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")


@pytest.fixture
def backend(tmp_path: Path) -> LocalBackend:
    return LocalBackend(tmp_path / "default.json")


def test_yields_an_empty_state_for_the_environment_and_releases(backend: LocalBackend) -> None:
    with locked_state(backend, "plan", environment="prod") as (snapshot, info):
        assert (snapshot.serial, snapshot.environment) == (0, "prod")
        assert backend.current_lock() == info
    assert backend.current_lock() is None


def test_yields_the_stored_state(backend: LocalBackend) -> None:
    backend.write(StateSnapshot(lineage="L", serial=3))
    with locked_state(backend, "plan") as (snapshot, _):
        assert (snapshot.lineage, snapshot.serial) == ("L", 3)


def test_releases_on_an_exception_and_keeps_it(backend: LocalBackend) -> None:
    with pytest.raises(KeyboardInterrupt), locked_state(backend, "apply"):
        raise KeyboardInterrupt
    assert backend.current_lock() is None


def test_a_failed_release_does_not_hide_the_original_error(backend: LocalBackend) -> None:
    with pytest.raises(ValueError) as caught, locked_state(backend, "apply") as (_, info):
        backend.unlock(info.id)
        backend.lock(LockInfo(operation="intruder"))
        raise ValueError("boom")
    assert any("also failed to release" in note for note in caught.value.__notes__)


def test_waits_with_doubling_backoff_then_reports_the_holder(backend: LocalBackend) -> None:
    holder = backend.lock(LockInfo(operation="apply"))
    now = [0.0]
    delays: list[float] = []

    def fake_sleep(seconds: float) -> None:
        delays.append(seconds)
        now[0] += seconds

    with pytest.raises(StateLockedError) as caught:
        acquire_lock(
            backend,
            LockInfo(operation="plan"),
            lock_timeout=1.0,
            sleep=fake_sleep,
            monotonic=lambda: now[0],
        )
    assert caught.value.holder.id == holder.id
    assert delays[:4] == [0.05, 0.1, 0.2, 0.4]
    assert sum(delays) == pytest.approx(1.0)


def test_gets_the_lock_once_the_holder_releases(backend: LocalBackend) -> None:
    holder = backend.lock(LockInfo(operation="apply"))
    got = acquire_lock(
        backend,
        LockInfo(operation="plan"),
        lock_timeout=10,
        sleep=lambda _: backend.unlock(holder.id),
    )
    assert backend.current_lock() == got


def test_force_takes_over_only_a_stale_lock(backend: LocalBackend) -> None:
    live = backend.lock(LockInfo(operation="apply"))
    with pytest.raises(StateLockedError) as caught, locked_state(backend, "plan", force_lock=True):
        pass
    assert not caught.value.stale
    backend.unlock(live.id)
    stale = backend.lock(LockInfo(operation="apply", expires=PAST))
    with locked_state(backend, "plan", force_lock=True) as (_, info):
        assert info.id != stale.id
    assert backend.current_lock() is None


class _CountingBackend(LocalBackend):
    """Signals every renewal attempt, so tests wait on an event instead of sleeping."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.renew_attempted = threading.Event()
        self.renew_failed = threading.Event()

    def renew(self, info: LockInfo) -> LockInfo:
        try:
            return super().renew(info)
        except StateConflictError:
            self.renew_failed.set()
            raise
        finally:
            self.renew_attempted.set()


def test_renews_the_lease_in_the_background(tmp_path: Path) -> None:
    backend = _CountingBackend(tmp_path / "default.json")
    later = datetime(2100, 1, 1, tzinfo=UTC)
    with locked_state(backend, "apply", renew_every=0.001, clock=lambda: later) as (_, info):
        assert backend.renew_attempted.wait(timeout=5)
        current = backend.current_lock()
        assert current is not None
        assert current.id == info.id
        assert current.expires.startswith("2100-01-01T00:15")
    assert backend.current_lock() is None


def test_a_lost_lock_is_reported_at_the_end_and_not_released(tmp_path: Path) -> None:
    backend = _CountingBackend(tmp_path / "default.json")
    lost = pytest.raises(StateConflictError, match="lost")
    with lost, locked_state(backend, "apply", renew_every=0.001) as (_, info):
        backend.unlock(info.id)
        intruder = backend.lock(LockInfo(operation="other"))
        assert backend.renew_failed.wait(timeout=5)
    assert backend.current_lock() == intruder


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_lock_of_a_killed_process_on_this_host_is_taken_over(backend: LocalBackend) -> None:
    dead = backend.lock(LockInfo(operation="apply", pid=_dead_pid()))
    assert dead.holder_is_dead()
    with locked_state(backend, "apply") as (_state, info):
        assert info.id != dead.id


def test_a_live_holder_on_this_host_is_never_presumed_dead(backend: LocalBackend) -> None:
    import os

    alive = backend.lock(LockInfo(operation="apply", pid=os.getppid()))
    assert not alive.holder_is_dead()
    with pytest.raises(StateLockedError), locked_state(backend, "plan"):
        pass


def test_a_state_of_another_environment_is_refused(backend: LocalBackend) -> None:
    """Two environments sharing one state location would plan each other's objects away."""
    backend.write(StateSnapshot(lineage="L", serial=1, environment="prod"))
    with (
        pytest.raises(StateConflictError, match="belongs to environment 'prod', not 'dev'"),
        locked_state(backend, "plan", environment="dev"),
    ):
        pass
    assert backend.current_lock() is None
    with locked_state(backend, "plan", environment="prod") as (snapshot, _):
        assert snapshot.serial == 1
