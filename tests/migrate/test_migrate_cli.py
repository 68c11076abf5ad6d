"""``iac migrate terraform`` and ``iac export terraform`` end to end, through the CLI, against
a served emulator whose request log shows that migration writes nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from data_iac.emulator import Emulator
from tests.auth_helpers import account_host, deployer
from tests.cli.iac_process import iac
from tests.migrate.terraform_of import NOT_TERRAFORM, terraform_state_of

EXAMPLES = Path(__file__).parents[2] / "examples" / "databricks"
SECRET = "dev-not-a-real-token"  # the lakehouse example's INGEST_API_TOKEN
SLACK = "https://hooks.slack.com/services/T000/B000/XXXX"  # the estate example's SLACK_URL


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, Emulator, dict[str, str]]]:
    project = tmp_path / "lakehouse"
    shutil.copytree(EXAMPLES / "lakehouse", project)
    with Emulator(data_dir=tmp_path / "emulator") as emu:
        yield project, emu, _oauth_env(emu)


def _writes(emu: Emulator) -> list[str]:
    """Mutating requests to objects (an OAuth token grant changes no object)."""
    return [
        f"{r.method} {r.path}" for r in emu.request_log() if r.mutating and "/oidc/" not in r.path
    ]


def _oauth_env(emu: Emulator) -> dict[str, str]:
    """The emulator's deployer service principal, for the workspace and the account (whose
    groups and assignments the examples manage): OAuth M2M, as CI runs it."""
    principal = deployer(emu)
    return {
        "DATABRICKS_HOST": emu.url,
        "DATABRICKS_CLIENT_ID": principal.client_id,
        "DATABRICKS_CLIENT_SECRET": principal.client_secret,
        "DATABRICKS_ACCOUNT_HOST": account_host(emu),
        "DATABRICKS_ACCOUNT_ID": principal.account_id,
    }


def _handed_to_terraform(
    project: Path, env: dict[str, str], state_path: Path, secrets: dict[str, Any], *apply: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply the project, write the Terraform state that would manage the same objects as
    ``terraform.tfstate``, and delete our state: (our resources as applied, that state)."""
    _run(project, env, "apply", "-c", ".", "--auto-approve", *apply)
    ours: dict[str, Any] = json.loads(state_path.read_text())["resources"]
    tfstate = terraform_state_of(ours, secrets)
    (project / "terraform.tfstate").write_text(json.dumps(tfstate))
    for leftover in state_path.parent.iterdir():
        leftover.unlink()
    return ours, tfstate


def _run(project: Path, env: dict[str, str], *args: str, codes: tuple[int, ...] = (0,)) -> str:
    done = iac(project, *args, extra_env=env)
    assert done.returncode in codes, done.stdout + done.stderr
    return done.stdout


def _migrate_json(project: Path, env: dict[str, str], tfstate: str, *flags: str) -> Any:
    """`iac migrate terraform --json` of the dev environment from `tfstate`, parsed."""
    args = ("migrate", "terraform", "-c", ".", "-e", "dev", "--from", tfstate, "--json", *flags)
    return json.loads(_run(project, env, *args))


def test_migrate_writes_nothing_then_plans_empty_and_exports_the_same_ids(
    served: tuple[Path, Emulator, dict[str, str]],
) -> None:
    project, emu, env = served
    ours_path = project / ".iac" / "state" / "lakehouse" / "dev.json"
    secrets = {"databricks_secret.scope-ingest.api-token": {"string_value": SECRET}}
    ours, tfstate = _handed_to_terraform(project, env, ours_path, secrets, "-e", "dev")
    emu.clear_requests()

    dry = _migrate_json(project, env, "terraform.tfstate", "--dry-run")
    assert len(dry["adopted"]) == len(ours)
    # The same through `iac migrate laktory`: the stack and its terraform.tfstate, found.
    lak = json.loads(
        _run(project, env, "migrate", "laktory", ".", "-e", "dev", "--dry-run", "--json")
    )
    assert lak["adopted"] == dry["adopted"]
    assert not ours_path.exists()
    assert emu.request_log() == []

    _run(
        project, env, "migrate", "terraform", "-c", ".", "-e", "dev", "--from", "terraform.tfstate"
    )
    assert _writes(emu) == []
    migrated = json.loads(ours_path.read_text())
    assert set(migrated["resources"]) == set(ours)
    assert SECRET not in ours_path.read_text()

    out = _run(project, env, "plan", "-c", ".", "-e", "dev")
    assert "No changes." in out

    _run(project, env, "export", "terraform", "-c", ".", "-e", "dev", "-o", "tf")
    exported = json.loads((project / "tf" / "main.tf.json").read_text())
    assert SECRET not in json.dumps(exported)
    original = {(r["type"], r["instances"][0]["attributes"]["id"]) for r in tfstate["resources"]}
    imports = {(block["to"].split(".")[0], block["id"]) for block in exported["import"]}
    assert imports == original


def test_resources_terraform_does_not_manage_are_listed_as_creates(
    served: tuple[Path, Emulator, dict[str, str]],
) -> None:
    project, _emu, env = served
    empty = {"version": 4, "serial": 1, "lineage": "x", "resources": []}
    (project / "empty.tfstate").write_text(json.dumps(empty))
    report = _migrate_json(project, env, "empty.tfstate")
    assert report["adopted"] == []
    assert "databricks_catalog.cat-lakehouse" in report["creates"]


@pytest.mark.slow
def test_every_kind_of_the_estate_example_migrates_without_a_write(tmp_path: Path) -> None:
    project = tmp_path / "workspace-estate"
    shutil.copytree(EXAMPLES / "workspace-estate", project)
    with Emulator(data_dir=tmp_path / "emulator") as emu:
        env = _oauth_env(emu)
        ours_path = project / ".iac" / "state" / "workspace-estate" / "default.json"
        # What Terraform keeps in clear for the estate's three secrets (provider shapes: a
        # map for a connection's options, a block list for a destination's config).
        secrets = {
            "databricks_secret.scope-etl.pg-password": {"string_value": "not-a-real-password"},
            "databricks_connection.conn-pg": {
                "options": {
                    "host": "orders.db.example.com",
                    "password": "not-a-real-password",
                    "port": "5432",
                    "user": "reader",
                }
            },
            "databricks_notification_destination.dest-oncall": {
                "config": [{"email": [], "slack": [{"url": SLACK, "channel_id": None}]}]
            },
        }
        ours, _ = _handed_to_terraform(project, env, ours_path, secrets)
        emu.clear_requests()
        _run(project, env, "migrate", "terraform", "-c", ".", "--from", "terraform.tfstate")
        assert _writes(emu) == []
        migrated = json.loads(ours_path.read_text())["resources"]
        laktory_only = {a for a, e in ours.items() if e["kind"] in NOT_TERRAFORM}
        assert set(migrated) == set(ours) - laktory_only
        plan = json.loads(_run(project, env, "plan", "-c", ".", "--json", codes=(0, 2)))
        assert {c["address"] for c in plan["changes"]} == laktory_only
