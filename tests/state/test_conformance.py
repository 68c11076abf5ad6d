"""One behaviour, every backend: the same tests against LocalBackend and S3Backend (moto).

``open_twin`` returns a new backend instance on the same location each time it is called;
two instances stand for two processes (or CI jobs) sharing one state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from data_iac.addresses import Address
from data_iac.errors import StateConflictError, StateError, StateLockedError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.state.backend import LockInfo, ManagedStateBackend
from data_iac.state.local import LocalBackend
from data_iac.state.s3 import S3Backend

OpenTwin = Callable[[], ManagedStateBackend]

CONTENDERS = 16
ROUNDS = 100
# moto answers every refused conditional PUT with `Connection: close`, so each losing
# attempt costs a new TCP connection (~15 ms, GIL-bound in-process): 100 rounds take ~14 s.
# The default run does 30 rounds on S3; the `slow` variant does the full 100.
QUICK_S3_ROUNDS = 30
PAST = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="seconds")


@pytest.fixture(params=["local", "s3"])
def open_twin(request: pytest.FixtureRequest, tmp_path: Path) -> OpenTwin:
    return _open_twin(request, request.param, tmp_path)


def _open_twin(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> OpenTwin:
    if kind == "local":
        return lambda: LocalBackend(tmp_path / "state" / "default.json")
    client: Any = request.getfixturevalue("s3_client")
    bucket: str = request.getfixturevalue("bucket")
    return lambda: S3Backend(bucket, "states/p/default.json", client=client)


def _snapshot(serial: int, lineage: str = "L") -> StateSnapshot:
    resource = ResourceState(kind="dataiku_project", remote_id="P", attributes={"name": "P"})
    return StateSnapshot(lineage=lineage, serial=serial).with_resource(
        Address.parse("dataiku_project.p"), resource
    )


# -- read / write ---------------------------------------------------------------------------


def test_a_new_location_has_no_state(open_twin: OpenTwin) -> None:
    assert open_twin().read() is None


def test_round_trip_and_serial_growth(open_twin: OpenTwin) -> None:
    writer = open_twin()
    for serial in (1, 2, 5):
        writer.write(_snapshot(serial))
        assert open_twin().read() == _snapshot(serial)


def test_another_lineage_is_refused(open_twin: OpenTwin) -> None:
    writer = open_twin()
    writer.write(_snapshot(1))
    with pytest.raises(StateConflictError, match="lineage"):
        writer.write(_snapshot(2, lineage="other"))
    assert open_twin().read() == _snapshot(1)


@pytest.mark.parametrize("serial", [3, 2])
def test_a_serial_not_greater_is_refused(open_twin: OpenTwin, serial: int) -> None:
    writer = open_twin()
    writer.write(_snapshot(3))
    with pytest.raises(StateConflictError, match="serial"):
        writer.write(_snapshot(serial))
    assert open_twin().read() == _snapshot(3)


def test_a_write_based_on_a_stale_read_is_refused(open_twin: OpenTwin) -> None:
    open_twin().write(_snapshot(1))
    first, second = open_twin(), open_twin()
    base_a, base_b = first.read(), second.read()
    assert base_a is not None and base_b is not None
    first.write(base_a.next_serial())
    with pytest.raises(StateConflictError):
        second.write(base_b.next_serial())
    assert open_twin().read() == base_a.next_serial()


def test_overwrite_replaces_another_lineage(open_twin: OpenTwin) -> None:
    backend = open_twin()
    backend.write(_snapshot(7))
    backend.overwrite(_snapshot(1, lineage="pushed"))
    assert open_twin().read() == _snapshot(1, lineage="pushed")


# -- lock -----------------------------------------------------------------------------------


def test_a_held_lock_names_its_holder(open_twin: OpenTwin) -> None:
    held = open_twin().lock(LockInfo(operation="apply"))
    with pytest.raises(StateLockedError) as caught:
        open_twin().lock(LockInfo(operation="plan"))
    assert caught.value.holder == held
    assert not caught.value.stale
    assert open_twin().current_lock() == held


def test_unlock_with_another_id_is_refused(open_twin: OpenTwin) -> None:
    held = open_twin().lock(LockInfo(operation="apply"))
    with pytest.raises(StateError, match="does not hold"):
        open_twin().unlock("not-the-holder")
    assert open_twin().current_lock() == held
    open_twin().unlock(held.id)
    assert open_twin().current_lock() is None
    assert open_twin().lock(LockInfo(operation="again")).operation == "again"  # free again


def test_exactly_one_of_sixteen_contenders_wins_every_round(open_twin: OpenTwin) -> None:
    is_s3 = isinstance(open_twin(), S3Backend)
    _contend(open_twin, QUICK_S3_ROUNDS if is_s3 else ROUNDS)


@pytest.mark.slow
def test_exactly_one_of_sixteen_s3_contenders_wins_each_of_100_rounds(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    _contend(_open_twin(request, "s3", tmp_path), ROUNDS)


def _contend(open_twin: OpenTwin, rounds: int) -> None:
    backends = [open_twin() for _ in range(CONTENDERS)]
    barrier = threading.Barrier(CONTENDERS, timeout=30)
    winners: list[list[str]] = [[] for _ in range(rounds)]
    holders_seen: list[list[str]] = [[] for _ in range(rounds)]
    failures: list[BaseException] = []

    def contend(backend: ManagedStateBackend) -> None:
        try:
            for round_ in range(rounds):
                held = _try_lock(backend, round_, winners, holders_seen)
                barrier.wait()  # every contender has tried before the winner lets go
                if held is not None:
                    backend.unlock(held.id)
                barrier.wait()  # the lock is free before the next round starts
        except BaseException as exc:
            failures.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=contend, args=(b,)) for b in backends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [len(w) for w in winners] == [1] * rounds
    for round_ in range(rounds):  # every loser was told who actually won
        assert set(holders_seen[round_]) == set(winners[round_])


def _try_lock(
    backend: ManagedStateBackend,
    round_: int,
    winners: list[list[str]],
    holders_seen: list[list[str]],
) -> LockInfo | None:
    try:
        held = backend.lock(LockInfo(operation=f"round {round_}"))
    except StateLockedError as locked:
        holders_seen[round_].append(locked.holder.id)
        return None
    winners[round_].append(held.id)
    return held


# -- lease ----------------------------------------------------------------------------------


def test_an_expired_lease_is_reported_stale_and_can_be_taken_over(open_twin: OpenTwin) -> None:
    crashed = open_twin().lock(LockInfo(operation="apply", expires=PAST))
    rescuer = open_twin()
    with pytest.raises(StateLockedError) as caught:
        rescuer.lock(LockInfo(operation="plan"))
    assert caught.value.stale
    assert "--force-lock" in caught.value.hint
    mine = rescuer.take_over(LockInfo(operation="plan"), crashed.id)
    assert open_twin().current_lock() == mine
    # the crashed run, should it wake up, can neither renew nor release the new lock
    with pytest.raises(StateConflictError):
        open_twin().renew(crashed)
    with pytest.raises(StateError):
        open_twin().unlock(crashed.id)


def test_a_live_lease_is_never_taken_over(open_twin: OpenTwin) -> None:
    live = open_twin().lock(LockInfo(operation="apply"))
    with pytest.raises(StateLockedError) as caught:
        open_twin().take_over(LockInfo(operation="plan"), live.id)
    assert not caught.value.stale
    assert open_twin().current_lock() == live


def test_takeover_refuses_when_the_stale_lock_was_replaced(open_twin: OpenTwin) -> None:
    crashed = open_twin().lock(LockInfo(operation="apply", expires=PAST))
    winner = open_twin().take_over(LockInfo(operation="first"), crashed.id)
    with pytest.raises(StateLockedError) as caught:
        open_twin().take_over(LockInfo(operation="second"), crashed.id)
    assert caught.value.holder == winner


def test_renew_extends_the_lease_of_the_holder(open_twin: OpenTwin) -> None:
    backend = open_twin()
    held = backend.lock(LockInfo(operation="apply", expires=PAST))
    renewed = backend.renew(held.with_lease(timedelta(minutes=15)))
    current = open_twin().current_lock()
    assert current == renewed
    assert current is not None and not current.is_expired()
    backend.unlock(held.id)
