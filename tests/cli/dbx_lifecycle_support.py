"""What the Databricks lifecycle tests share: ``iac`` in a subprocess, plan and apply
helpers, the state file and a WorkspaceClient on the emulator a run left behind."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from data_iac.emulator import Emulator
from tests.cli.iac_process import iac

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def plan(cwd: Path, config: str, *extra: str) -> dict[str, Any]:
    """The ``plan --json`` object; the exit code must agree with it (0 empty, 2 changes)."""
    done = iac(cwd, "plan", "-c", config, "--emulator", "--json", *extra)
    assert done.returncode in (0, 2), done.stdout + done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    assert (done.returncode == 0) == (not found["changes"]), found["changes"]
    return found


def actions(found: dict[str, Any]) -> dict[str, str]:
    """address -> action of a plan's changes."""
    return {change["address"]: change["action"] for change in found["changes"]}


def apply(cwd: Path, config: str, *extra: str) -> None:
    # Replaces are part of every lifecycle: approved here, the gate has its own tests.
    done = iac(
        cwd, "apply", "-c", config, "--emulator", "--auto-approve", "--allow-destroy", *extra
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Apply complete!" in done.stdout


def assert_no_changes(cwd: Path, config: str, *extra: str) -> None:
    done = iac(cwd, "plan", "-c", config, "--emulator", *extra)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No changes." in done.stdout


def state_resources(cwd: Path, name: str, env: str = "default") -> dict[str, Any]:
    """The resources of the emulator state of config ``name``."""
    path = cwd / ".iac" / "emulator" / "state" / name / f"{env}.json"
    resources: dict[str, Any] = json.loads(path.read_text())["resources"]
    return resources


def destroy_events(cwd: Path, config: str) -> list[dict[str, Any]]:
    """The JSON event lines of ``destroy --json``, which must succeed."""
    done = iac(cwd, "destroy", "-c", config, "--emulator", "--auto-approve", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def assert_reverse_order(events: list[dict[str, Any]], resources: dict[str, Any]) -> None:
    """Every delete of a dependent ended before the delete of what it depends on started."""
    started = {e["address"]: i for i, e in enumerate(events) if e.get("event") == "action_start"}
    ended = {e["address"]: i for i, e in enumerate(events) if e.get("event") == "action_end"}
    assert set(ended) == set(resources), "every resource in state is deleted"
    edges = [(a, d) for a, entry in resources.items() for d in entry["dependencies"]]
    assert edges, "the config has dependencies to order"
    for dependent, dependency in edges:
        assert ended[dependent] < started[dependency], f"{dependent} before {dependency}"


@contextmanager
def workspace(cwd: Path) -> Iterator[Any]:
    """A WorkspaceClient on the emulator data the CLI runs in ``cwd`` persisted."""
    from databricks.sdk import WorkspaceClient

    with Emulator(data_dir=cwd / ".iac" / "emulator") as emulator:
        yield WorkspaceClient(host=emulator.url, token="test-token")


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    """Replace each (old, new) in the file; every old text must be there."""
    text = path.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


def live_objects(w: Any) -> set[str]:
    """A name for every object of the families the lifecycle configs touch, as listed."""
    found = {f"catalog:{c.name}" for c in w.catalogs.list()}
    for catalog in [c.name for c in w.catalogs.list()]:
        found |= {f"schema:{s.full_name}" for s in w.schemas.list(catalog)}
    found |= {f"group:{g.display_name}" for g in w.groups.list()}
    found |= {f"user:{u.user_name}" for u in w.users.list()}
    found |= {f"sp:{s.application_id}" for s in w.service_principals.list()}
    found |= {f"scope:{s.name}" for s in w.secrets.list_scopes()}
    found |= {f"job:{j.job_id}" for j in w.jobs.list()}
    found |= {f"pipeline:{p.pipeline_id}" for p in w.pipelines.list_pipelines()}
    found |= {f"warehouse:{x.id}" for x in w.warehouses.list()}
    found |= {f"policy:{p.policy_id}" for p in w.cluster_policies.list()}
    found |= {f"cluster:{c.cluster_id}" for c in w.clusters.list()}
    found |= {f"path:{o.path}" for o in w.workspace.list("/Shared")}  # folders too
    found |= {f"path:{o.path}" for o in w.workspace.list("/Shared", recursive=True)}
    return found
