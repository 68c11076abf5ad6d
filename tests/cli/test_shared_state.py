"""State you can share: saved plans, concurrent applies on S3, and no secret anywhere."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.cli.iac_process import iac
from tests.state.s3_server import REGION

PROJECT = """\
name: shared
project:
  key: SHARED
  name: Shared state
datasets:
  - name: {dataset}
    type: managed
    format_type: csv
"""


def test_a_saved_plan_applies_once_then_is_stale(tmp_path: Path):
    (tmp_path / "project.yml").write_text(PROJECT.format(dataset="FIRST"))
    saved = iac(tmp_path, "plan", "-c", "project.yml", "--emulator", "-out", "plan.json")
    assert saved.returncode == 2, saved.stderr
    shown = iac(tmp_path, "show", "plan.json")
    assert shown.returncode == 0 and "Plan: 2 to add" in shown.stdout
    assert json.loads(iac(tmp_path, "show", "plan.json", "--json").stdout)["summary"]["create"] == 2

    stale = iac(tmp_path, "plan", "-c", "project.yml", "--emulator", "-out", "old.json")
    assert stale.returncode == 2
    applied = iac(tmp_path, "apply", "-c", "project.yml", "--emulator", "plan.json")
    assert applied.returncode == 0, applied.stdout + applied.stderr

    refused = iac(tmp_path, "apply", "-c", "project.yml", "--emulator", "old.json")
    assert refused.returncode == 1
    assert "plan is stale: state is now serial" in refused.stderr
    assert "run iac plan again" in refused.stderr
    # The refusal released the lock: the next command runs at once.
    assert iac(tmp_path, "plan", "-c", "project.yml", "--emulator").returncode == 0


def test_two_applies_at_once_on_s3_one_wins_one_names_the_holder(
    tmp_path: Path,
    moto_endpoint: str,
    bucket: str,
):
    with Emulator() as emu:
        # Slow mutating calls keep the winner's lock held while the loser starts.
        emu.faults.add(method="POST", mode="before", status=None, latency_ms=(300, 300))
        (tmp_path / "project.yml").write_text(
            PROJECT.format(dataset="RAW")
            + f"providers:\n  dataiku:\n    url: {emu.url}\n    api_key: test-key\n"
            + f"backend:\n  type: s3\n  bucket: {bucket}\n  key: state/{{env}}.json\n"
            + f"  endpoint_url: {moto_endpoint}\n  region: {REGION}\n"
        )
        env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
        command = [sys.executable, "-m", "data_iac", "apply", "-c", "project.yml",
                   "--auto-approve"]  # fmt: skip
        runs = [subprocess.Popen(command, cwd=tmp_path, env=env, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]  # fmt: skip
        results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    (loser_err,) = [err for code, _, err in results if code == 1]
    assert "the state is locked" in loser_err
    assert "@" in loser_err and "iac state unlock" in loser_err


@pytest.fixture
def secret_value() -> str:
    return f"tok-{uuid.uuid4().hex}"


def test_no_secret_reaches_any_output_or_file(tmp_path: Path, secret_value: str):
    (tmp_path / "stack.yaml").write_text(
        "name: secrets\n"
        "resources:\n  databricks_secretscopes:\n    scope-app:\n      name: app\n"
        "      secrets:\n        - key: api-token\n          value: ${vars.APP_TOKEN}\n"
    )
    env = {"APP_TOKEN": secret_value}
    outputs: list[str] = []

    def run(*args: str, expect: tuple[int, ...]) -> None:
        done = iac(tmp_path, *args, extra_env=env)
        outputs.extend([done.stdout, done.stderr])
        assert done.returncode in expect, done.stdout + done.stderr

    run("validate", "-c", "stack.yaml", expect=(0,))
    run("plan", "-c", "stack.yaml", "--emulator", expect=(2,))
    run("plan", "-c", "stack.yaml", "--emulator", "--json", "-out", "plan.json", expect=(2,))
    run("show", "plan.json", expect=(0,))
    run("apply", "-c", "stack.yaml", "--emulator", "plan.json", expect=(0,))
    run("plan", "-c", "stack.yaml", "--emulator", "--json", expect=(0,))
    env["APP_TOKEN"] = secret_value + "-rotated"
    run("plan", "-c", "stack.yaml", "--emulator", expect=(2,))  # a change is still detected
    run("apply", "-c", "stack.yaml", "--emulator", "--auto-approve", "--json", expect=(0,))
    run("state", "pull", "-c", "stack.yaml", "--emulator", expect=(0,))
    run("state", "show", "databricks_secret.scope-app.api-token", "-c", "stack.yaml",
        "--emulator", expect=(0,))  # fmt: skip
    run("destroy", "-c", "stack.yaml", "--emulator", "--auto-approve", expect=(0,))

    assert "(sensitive)" in "".join(outputs)
    for text in outputs:
        assert secret_value not in text
    platform_store = tmp_path / ".iac" / "emulator" / "store.json"  # the platform's own data
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != platform_store:
            assert secret_value.encode() not in path.read_bytes(), path
    for state_file in (tmp_path / ".iac").rglob("*.json"):
        if "state" in state_file.parts:
            assert stat.S_IMODE(state_file.stat().st_mode) == 0o600, state_file
