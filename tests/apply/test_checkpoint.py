"""Group commit: every change is checkpointed before commit returns, serials only grow."""

from __future__ import annotations

import threading

import pytest

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
        state = committer.commit(f"fake_thing.t{n}", _entry(n))
        assert f"fake_thing.t{n}" in state.resources

    threads = [threading.Thread(target=commit, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    serials = [s.serial for s in written]
    assert serials == sorted(set(serials)) and 1 <= len(written) <= 8
    assert len(written[-1].resources) == 8


def test_a_failed_write_fails_its_commit_and_keeps_the_previous_state() -> None:
    calls: list[StateSnapshot] = []

    def flaky(snapshot: StateSnapshot) -> None:
        calls.append(snapshot)
        if len(calls) == 2:
            raise OSError("disk full")

    committer = GroupCommitter(StateSnapshot.empty(), flaky)
    committer.commit("fake_thing.a", _entry(1))
    with pytest.raises(CheckpointError, match="disk full"):
        committer.commit("fake_thing.b", _entry(2))
    assert set(committer.state.resources) == {"fake_thing.a"}
    assert committer.commit("fake_thing.c", _entry(3)).serial == 2
    assert committer.commit("fake_thing.a", None).resources.keys() == {"fake_thing.c"}
