"""``iac state ...`` through click's CliRunner, against a local state written directly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from data_iac.addresses import Address
from data_iac.cli.commands.state import state_group
from data_iac.errors import StateConflictError, StateCorruptError, StateError, StateLockedError
from data_iac.model.state import ResourceState, StateSnapshot
from data_iac.state.backend import LockInfo
from data_iac.state.codec import encode_state
from data_iac.state.factory import state_path
from data_iac.state.local import LocalBackend
from data_iac.state.s3 import S3Backend

PROJECT = "dataiku_project.sales"
DATASET = "dataiku_dataset.orders"
PROJECT_AT, DATASET_AT = Address.parse(PROJECT), Address.parse(DATASET)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "iac.yml").write_text("project: {key: P, name: P}\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def backend(workdir: Path) -> LocalBackend:
    backend = LocalBackend(state_path("P", "default", emulator=False, cwd=workdir))
    project = ResourceState(kind="dataiku_project", remote_id="SALES", attributes={"name": "S"})
    dataset = ResourceState(
        kind="dataiku_dataset",
        remote_id="SALES.orders",
        dependencies=(PROJECT_AT,),
        sensitive_hashes={"password": "sha256:abc"},
    )
    snapshot = StateSnapshot(lineage="L", serial=3).with_resource(PROJECT_AT, project)
    backend.write(snapshot.with_resource(DATASET_AT, dataset))
    return backend


def run(*args: str) -> Result:
    return CliRunner().invoke(state_group, [*args, "-c", "iac.yml"])


def stored(backend: LocalBackend) -> StateSnapshot:
    snapshot = backend.read()
    assert snapshot is not None
    return snapshot


def test_list(backend: LocalBackend) -> None:
    result = run("list")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [DATASET, PROJECT]
    rows = json.loads(run("list", "--json").output)["resources"]
    assert rows[1] == {"address": PROJECT, "kind": "dataiku_project", "remote_id": "SALES"}


def test_list_of_an_emulator_state_is_separate(backend: LocalBackend) -> None:
    result = run("list", "--emulator")
    assert result.exit_code == 0
    assert result.output == ""


def test_show_masks_sensitive_values(backend: LocalBackend) -> None:
    result = run("show", DATASET, "--no-color")
    assert result.exit_code == 0, result.output
    assert "remote_id  = SALES.orders" in result.output
    assert "password = (sensitive)" in result.output
    assert "sha256:abc" not in result.output
    assert json.loads(run("show", PROJECT, "--json").output)["attributes"] == {"name": "S"}


def test_show_of_an_unknown_address_is_an_error(backend: LocalBackend) -> None:
    result = run("show", "dataiku_project.nope")
    assert isinstance(result.exception, StateError)


def test_mv_renames_and_updates_dependencies(backend: LocalBackend) -> None:
    result = run("mv", PROJECT, "dataiku_project.revenue")
    assert result.exit_code == 0, result.output
    after = stored(backend)
    assert after.serial == 4
    assert Address.parse("dataiku_project.revenue") in after.resources
    assert after.resources[DATASET_AT].dependencies == (Address.parse("dataiku_project.revenue"),)
    assert backend.current_lock() is None


def test_mv_refuses_a_change_of_kind(backend: LocalBackend) -> None:
    result = run("mv", PROJECT, "dataiku_dataset.x")
    assert isinstance(result.exception, StateError)
    assert stored(backend).serial == 3


def test_rm_forgets_without_deleting(backend: LocalBackend) -> None:
    result = run("rm", DATASET)
    assert result.exit_code == 0, result.output
    assert "still exists on the platform" in result.output
    assert DATASET_AT not in stored(backend).resources


def test_a_held_lock_stops_a_change(backend: LocalBackend) -> None:
    held = backend.lock(LockInfo(operation="apply"))
    result = run("rm", DATASET)
    assert isinstance(result.exception, StateLockedError)
    assert result.exception.holder.id == held.id
    assert run("unlock", held.id).exit_code == 0
    assert run("rm", DATASET).exit_code == 0


def test_unlock_refuses_another_id_and_reports_no_lock(backend: LocalBackend) -> None:
    backend.lock(LockInfo(operation="apply"))
    assert isinstance(run("unlock", "wrong").exception, StateError)
    assert backend.current_lock() is not None


def test_unlock_without_a_lock_says_so(backend: LocalBackend) -> None:
    result = run("unlock", "any")
    assert result.exit_code == 0
    assert "No lock is held" in result.output


def test_pull_prints_the_state(backend: LocalBackend) -> None:
    result = run("pull")
    assert result.exit_code == 0
    assert json.loads(result.output)["serial"] == 3


def _push_file(workdir: Path, snapshot: StateSnapshot) -> str:
    path = workdir / "pushed.json"
    path.write_bytes(encode_state(snapshot))
    return str(path)


def test_push_of_the_same_lineage_bumps_the_serial(backend: LocalBackend, workdir: Path) -> None:
    edited = stored(backend).without(DATASET_AT)
    result = run("push", _push_file(workdir, edited))
    assert result.exit_code == 0, result.output
    assert stored(backend) == edited.next_serial()


@pytest.mark.parametrize(
    "pushed",
    [
        StateSnapshot(lineage="other", serial=9),
        StateSnapshot(lineage="L", serial=2),
        StateSnapshot(lineage="L", serial=9, environment="prod"),
    ],
    ids=["lineage", "older-serial", "environment"],
)
def test_push_refuses_unless_forced(
    backend: LocalBackend, workdir: Path, pushed: StateSnapshot
) -> None:
    file = _push_file(workdir, pushed)
    assert isinstance(run("push", file).exception, StateConflictError)
    assert stored(backend).serial == 3
    assert run("push", file, "--force").exit_code == 0
    after = stored(backend)
    assert (after.lineage, after.serial) == (pushed.lineage, max(pushed.serial, 4))


def test_migrate_to_a_local_path(backend: LocalBackend, workdir: Path) -> None:
    target = workdir / "copy" / "state.json"
    result = run("migrate", "--to-backend", str(target))
    assert result.exit_code == 0, result.output
    assert LocalBackend(target).read() == stored(backend)
    assert isinstance(run("migrate", "--to-backend", str(target)).exception, StateConflictError)
    assert backend.current_lock() is None


def test_migrate_to_s3_prints_how_to_switch(
    backend: LocalBackend, aws_credentials: None, moto_endpoint: str, bucket: str, s3_client: Any
) -> None:
    url = f"s3://{bucket}/states/P/default.json"
    result = run("migrate", "--to-backend", url, "--endpoint-url", moto_endpoint)
    assert result.exit_code == 0, result.output
    copy = S3Backend(bucket, "states/P/default.json", client=s3_client).read()
    assert copy == stored(backend)
    assert "type: s3" in result.output
    assert f"bucket: {bucket}" in result.output
    assert f"endpoint_url: {moto_endpoint}" in result.output


def test_push_force_recovers_a_corrupt_state(backend: LocalBackend, workdir: Path) -> None:
    good = stored(backend)
    backend.path.write_text("{truncated")
    file = _push_file(workdir, good)
    assert isinstance(run("push", file).exception, StateCorruptError)
    result = run("push", file, "--force")
    assert result.exit_code == 0, result.output
    assert stored(backend) == good
    assert backend.current_lock() is None
