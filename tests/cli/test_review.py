"""Plans people review, through the real ``iac`` command: the approval gate on a saved
destructive plan, policies that deny (exit 1, located) and warn, the Markdown comment, and
the saved-plan hint that works as printed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.cli.iac_process import iac

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "examples" / "policies"


@pytest.fixture
def applied(tmp_path: Path) -> Path:
    """The quickstart project applied to the emulator, then its DAILY_TOTALS dataset (and
    the recipe writing it) removed from the config: the next plan deletes."""
    shutil.copytree(REPO / "examples" / "quickstart", tmp_path / "quickstart")
    done = iac(tmp_path, "apply", "-c", "quickstart", "--emulator", "--auto-approve")
    assert done.returncode == 0, done.stdout + done.stderr
    project = tmp_path / "quickstart" / "project.yml"
    text = project.read_text()
    text = re.sub(r"\n  - name: DAILY_TOTALS\n(    .*\n)+", "\n", text)
    text = re.sub(r"\n  - name: daily_totals\n(    .*\n)+", "\n", text)
    project.write_text(text)
    return tmp_path


def test_a_saved_destructive_plan_is_refused_until_approved(applied: Path) -> None:
    planned = iac(applied, "plan", "-c", "quickstart", "--emulator", "-out", "plan.json")
    assert planned.returncode == 2, planned.stderr
    assert "destructive change(s)" in planned.stdout
    digest = re.search(r"sha256:[0-9a-f]{64}", planned.stdout)
    assert digest is not None
    # The hint names every option the plan was made with.
    assert "run `iac apply -c quickstart --emulator plan.json`" in planned.stderr

    refused = iac(applied, "apply", "-c", "quickstart", "--emulator", "--auto-approve", "plan.json")
    assert refused.returncode == 1
    assert "refusing to apply" in refused.stderr
    assert "dataiku_dataset.QUICKSTART.DAILY_TOTALS: delete" in refused.stderr

    wrong = {"IAC_ALLOW_DESTROY": "sha256:" + "0" * 64}
    refused = iac(applied, "apply", "-c", "quickstart", "--emulator", "plan.json", extra_env=wrong)
    assert refused.returncode == 1 and "approves another plan" in refused.stderr

    approved = {"IAC_ALLOW_DESTROY": digest.group(0)}
    done = iac(applied, "apply", "-c", "quickstart", "--emulator", "plan.json", extra_env=approved)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Apply complete!" in done.stdout


def test_policies_deny_a_project_delete_and_warn(applied: Path, tmp_path: Path) -> None:
    # The config keeps its name (the directory), so it still owns the same state.
    (applied / "quickstart" / "project.yml").write_text("variables: {}\n")
    done = iac(applied, "plan", "-c", "quickstart", "--emulator", "--policy", str(STARTER))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "deny: no-catalog-or-project-delete: dataiku_project.QUICKSTART" in done.stderr
    assert "rule at " in done.stderr and "starter.yml:5:5" in done.stderr
    assert "The plan is refused." in done.stderr

    warn = tmp_path / "warn"
    warn.mkdir()
    (warn / "p.yml").write_text(
        "policies:\n  - name: described\n    level: warn\n    scope: resource\n"
        "    kinds: [dataiku_dataset]\n    assert: has(resource.spec.description)\n"
    )
    shutil.copytree(REPO / "examples" / "quickstart", applied / "fresh")
    done = iac(applied, "plan", "-c", "fresh", "--emulator", "--policy", str(warn), "--json")
    assert done.returncode == 0, done.stderr  # unchanged: the same objects exist
    found = json.loads(done.stdout)["policy"]
    assert {v["address"] for v in found} == {
        "dataiku_dataset.QUICKSTART.CLEAN_ORDERS",
        "dataiku_dataset.QUICKSTART.DAILY_TOTALS",
    }
    assert all(v["level"] == "warn" and "project.yml:" in v["location"] for v in found)


def test_plan_markdown_and_show_markdown_agree(applied: Path) -> None:
    planned = iac(applied, "plan", "-c", "quickstart", "--emulator", "--markdown", "-out", "p.json")
    assert planned.returncode == 2, planned.stderr
    assert planned.stdout.startswith("## data-iac plan: `quickstart` / `default`")
    assert "### :warning: Destructive changes (2)" in planned.stdout
    shown = iac(applied, "show", "p.json", "--markdown")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == planned.stdout


def test_policy_folder_named_in_the_config(applied: Path) -> None:
    policies = applied / "quickstart" / "policies"
    policies.mkdir()
    shutil.copy(STARTER / "starter.yml", policies / "starter.yml")
    # The config keeps its name (the directory), so it still owns the same state.
    (applied / "quickstart" / "project.yml").write_text("policy: policies\n")
    done = iac(applied, "plan", "-c", "quickstart", "--emulator")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "deny: no-catalog-or-project-delete: dataiku_project.QUICKSTART" in done.stderr
