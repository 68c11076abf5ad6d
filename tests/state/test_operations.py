"""The state edits behind `iac state mv/rm/push/migrate` (pure parts, then migrate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.errors import StateConflictError, StateError, StateLockedError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.local import LocalBackend
from data_iac.state.operations import (
    backend_from_url,
    forget_resource,
    migrate_state,
    move_resource,
    prepare_push,
)
from data_iac.state.s3 import S3Backend

A, B, C = Address("k", "a"), Address("k", "b"), Address("k", "c")


def _state() -> StateSnapshot:
    snapshot = StateSnapshot(lineage="L", serial=5)
    snapshot = snapshot.with_resource(A, ResourceState(kind="k", remote_id="1"))
    return snapshot.with_resource(B, ResourceState(kind="k", remote_id="2", dependencies=(A,)))


def test_move_renames_and_rewires_dependencies() -> None:
    moved = move_resource(_state(), A, C)
    assert sorted(moved.resources) == [B, C]
    assert moved.resources[C].remote_id == "1"
    assert moved.resources[B].dependencies == (C,)
    assert moved.serial == 5  # the caller bumps it when writing


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("k.zz", C, "not in the state"),
        (A, B, "already in the state"),
        (A, "other.a", "kind would change"),
        (A, "no-dot", "not an address"),
    ],
)
def test_move_refusals(old: str, new: str, message: str) -> None:
    with pytest.raises(StateError, match=message):
        move_resource(_state(), old, new)


def test_forget_removes_only_that_address() -> None:
    assert sorted(forget_resource(_state(), A).resources) == [B]
    with pytest.raises(StateError, match="not in the state"):
        forget_resource(_state(), C)


def test_push_keeps_a_newer_serial_and_bumps_an_equal_one() -> None:
    stored = _state()
    assert (
        prepare_push(stored, stored.next_serial().next_serial(), "default", force=False).serial == 7
    )
    assert prepare_push(stored, stored, "default", force=False).serial == 6
    assert prepare_push(None, stored, "default", force=False).serial == 5


def test_forced_push_still_lands_above_the_stored_serial() -> None:
    pushed = StateSnapshot(lineage="other", serial=1, environment="prod")
    final = prepare_push(_state(), pushed, "default", force=True)
    assert (final.lineage, final.serial, final.environment) == ("other", 6, "prod")


def test_backend_from_url() -> None:
    s3 = backend_from_url("s3://bucket-x/a/b.json", region="eu-west-1")
    assert isinstance(s3, S3Backend)
    assert s3.describe() == "s3://bucket-x/a/b.json"
    assert backend_from_url("file:///tmp/x.json").describe() == "/tmp/x.json"
    with pytest.raises(StateError, match="not an S3 location"):
        backend_from_url("s3://bucket-only")


def test_migrate_copies_under_both_locks_and_leaves_the_source(tmp_path: Path) -> None:
    source = LocalBackend(tmp_path / "src.json")
    source.write(_state())
    destination = LocalBackend(tmp_path / "dst.json")
    assert migrate_state(source, destination) == _state()
    assert destination.read() == source.read() == _state()
    assert source.current_lock() is None and destination.current_lock() is None


def test_migrate_refuses_without_a_source_or_with_a_locked_destination(tmp_path: Path) -> None:
    source, destination = LocalBackend(tmp_path / "s.json"), LocalBackend(tmp_path / "d.json")
    with pytest.raises(StateError, match="no state"):
        migrate_state(source, destination)
    source.write(_state())
    destination.lock(LockInfo(operation="apply"))
    with pytest.raises(StateLockedError):
        migrate_state(source, destination)
    assert source.current_lock() is None


def test_migrate_replaces_an_existing_destination_only_with_force(tmp_path: Path) -> None:
    source, destination = LocalBackend(tmp_path / "s.json"), LocalBackend(tmp_path / "d.json")
    source.write(_state())
    destination.write(StateSnapshot(lineage="old", serial=9))
    with pytest.raises(StateConflictError, match="already holds"):
        migrate_state(source, destination)
    migrate_state(source, destination, force=True)
    assert destination.read() == _state()
