"""Write-behind checkpoints: commits are visible at once, written in order, and callbacks
(closing intents) run only after a write that holds their change."""

from __future__ import annotations

import threading

import pytest

from data_iac.addresses import Address
from data_iac.apply.checkpoint import CheckpointError, GroupCommitter
from data_iac.model.state import ResourceState, StateSnapshot


def _entry(n: int) -> ResourceState:
    return ResourceState(kind="fake_thing", remote_id=f"id-{n}")


def test_parallel_commits_are_all_written_with_increasing_serials() -> None:
    written: list[StateSnapshot] = []
    committer = GroupCommitter(StateSnapshot.empty(), written.append)
    barrier = threading.Barrier(8)

    def commit(n: int) -> None:
        barrier.wait()
        state = committer.commit(Address.parse(f"fake_thing.t{n}"), _entry(n))
        assert Address.parse(f"fake_thing.t{n}") in state.resources  # visible at once

    threads = [threading.Thread(target=commit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    final = committer.flush()
    serials = [s.serial for s in written]
    assert serials == list(range(1, len(written) + 1)) and 1 <= len(written) <= 8
    assert final == written[-1] and len(final.resources) == 8


def test_callbacks_run_only_after_a_write_holding_their_change() -> None:
    gate = threading.Event()
    written: list[StateSnapshot] = []
    closed: list[str] = []

    def slow_write(snapshot: StateSnapshot) -> None:
        gate.wait(5)
        written.append(snapshot)

    committer = GroupCommitter(StateSnapshot.empty(), slow_write)
    committer.commit(Address.parse("fake_thing.a"), _entry(1), lambda: closed.append("a"))
    assert closed == []
    gate.set()
    committer.flush()
    assert closed == ["a"] and Address.parse("fake_thing.a") in written[-1].resources


def test_a_failed_last_write_is_raised_by_flush_and_closes_nothing() -> None:
    closed: list[str] = []

    def broken(snapshot: StateSnapshot) -> None:
        raise OSError("disk full")

    committer = GroupCommitter(StateSnapshot.empty(), broken)
    committer.commit(Address.parse("fake_thing.a"), _entry(1), lambda: closed.append("a"))
    with pytest.raises(CheckpointError, match="disk full"):
        committer.flush()
    assert closed == []


def test_flush_without_commits_writes_nothing() -> None:
    written: list[StateSnapshot] = []
    start = StateSnapshot.empty()
    assert GroupCommitter(start, written.append).flush() == start
    assert written == []
