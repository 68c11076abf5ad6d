"""LocalBackend specifics; the shared behaviour is in test_conformance.py."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.errors import StateConflictError, StateCorruptError, StateError, StateLockedError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.local import UNREADABLE_LOCK_ID, LocalBackend


@pytest.fixture
def backend(tmp_path: Path) -> LocalBackend:
    return LocalBackend(tmp_path / "state" / "p" / "default.json")


def _snapshot(serial: int = 1) -> StateSnapshot:
    resource = ResourceState(kind="dataiku_project", remote_id="P")
    return StateSnapshot(lineage="L", serial=serial).with_resource(
        Address.parse("dataiku_project.p"), resource
    )


def test_files_are_private_and_directories_are_created(backend: LocalBackend) -> None:
    backend.write(_snapshot(1))
    backend.lock(LockInfo(operation="apply"))
    assert stat.S_IMODE(backend.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backend.lock_path.stat().st_mode) == 0o600


def test_previous_serial_is_kept_as_backup(backend: LocalBackend) -> None:
    backend.write(_snapshot(1))
    assert not backend.backup_path.exists()
    backend.write(_snapshot(2))
    assert json.loads(backend.backup_path.read_text())["serial"] == 1
    assert stat.S_IMODE(backend.backup_path.stat().st_mode) == 0o600


def test_no_temp_files_are_left_behind(backend: LocalBackend) -> None:
    for serial in range(1, 4):
        backend.write(_snapshot(serial))
    names = sorted(p.name for p in backend.path.parent.iterdir())
    assert names == ["default.json", "default.json.backup"]


def test_a_refused_write_leaves_the_file_untouched(backend: LocalBackend) -> None:
    backend.write(_snapshot(2))
    before = backend.path.read_bytes()
    with pytest.raises(StateConflictError):
        backend.write(_snapshot(2))
    assert backend.path.read_bytes() == before


def test_overwrite_skips_the_checks(backend: LocalBackend) -> None:
    backend.write(_snapshot(5))
    backend.overwrite(StateSnapshot(lineage="other", serial=1))
    stored = backend.read()
    assert stored is not None
    assert (stored.lineage, stored.serial) == ("other", 1)


def test_unreadable_state_names_the_path(backend: LocalBackend) -> None:
    backend.path.parent.mkdir(parents=True)
    backend.path.write_text("{not json")
    with pytest.raises(StateCorruptError, match=str(backend.path)):
        backend.read()


def test_lock_file_holds_the_holder(backend: LocalBackend) -> None:
    held = backend.lock(LockInfo(operation="apply"))
    assert held.path == str(backend.path)
    assert json.loads(backend.lock_path.read_text())["id"] == held.id
    with pytest.raises(StateLockedError) as caught:
        backend.lock(LockInfo(operation="plan"))
    assert caught.value.holder.id == held.id
    assert f"iac state unlock {held.id}" in caught.value.hint


def test_unlock_of_a_missing_lock_is_a_no_op(backend: LocalBackend) -> None:
    backend.unlock("nobody")
    backend.path.parent.mkdir(parents=True)
    backend.unlock("nobody")


def test_an_unreadable_lock_is_reported_stale_and_can_be_cleared(backend: LocalBackend) -> None:
    backend.path.parent.mkdir(parents=True)
    backend.lock_path.write_text("")  # what a crash between create and write leaves
    with pytest.raises(StateLockedError) as caught:
        backend.lock(LockInfo(operation="apply"))
    assert caught.value.stale
    assert caught.value.holder.id == UNREADABLE_LOCK_ID
    backend.unlock(UNREADABLE_LOCK_ID)
    assert not os.path.exists(backend.lock_path)


def test_renew_refuses_a_lock_that_was_lost(backend: LocalBackend) -> None:
    held = backend.lock(LockInfo(operation="apply"))
    backend.unlock(held.id)
    with pytest.raises(StateConflictError, match="lost"):
        backend.renew(held)


@pytest.mark.parametrize(
    "record",
    [
        '{"operation": "apply", "pid": "12"}',
        '{"operation": "apply", "expires": "2030-01-01T00:00:00"}',
        '{"operation": "apply", "expires": "soon"}',
        "[1, 2]",
        '{"who": "x"}',
    ],
)
def test_a_lock_record_of_the_wrong_shape_says_it_is_unreadable(
    backend: LocalBackend, record: str
) -> None:
    backend.path.parent.mkdir(parents=True)
    backend.lock_path.write_text(record)
    with pytest.raises(StateLockedError) as caught:
        backend.lock(LockInfo(operation="apply"))
    assert "cannot be read" in caught.value.summary
    assert caught.value.holder.id == UNREADABLE_LOCK_ID


def test_a_lock_file_that_cannot_be_opened_says_so(backend: LocalBackend) -> None:
    backend.lock_path.mkdir(parents=True)  # a directory where the lock file should be
    with pytest.raises(StateError, match=f"cannot read {backend.lock_path}"):
        backend.current_lock()


def test_a_state_that_does_not_validate_is_never_rewritten(backend: LocalBackend) -> None:
    backend.path.parent.mkdir(parents=True)
    damaged = '{"format_version": 1, "lineage": "L", "serial": "7", "resources": {}}'
    backend.path.write_text(damaged)
    with pytest.raises(StateCorruptError) as caught:
        backend.write(StateSnapshot(lineage="L", serial=8))
    assert "serial: expected a non-negative integer" in caught.value.detail
    assert backend.path.read_text() == damaged
    assert not backend.backup_path.exists()
