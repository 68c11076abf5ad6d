"""Configs in the Dataiku IaC seed tool's format, through the real ``iac`` command.

The fixtures under fixtures/seed_format/ are our own files; together they use every
construct found in the seed repository's configs (hangtime79/dataiku-api-client-python:
examples/iac/, tests/iac/fixtures/, the configs its tests write, the YAML of its docs), whose
side-by-side run is recorded in docs/configuration.md. Accepted: plan, apply on the emulator,
plan again with no changes. Rejected: exit 1, a file:line, no traceback.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.cli.iac_process import iac

FIXTURES = Path(__file__).parent / "fixtures" / "seed_format"
ENV = {"LOYALTY_DB": "snowflake_sales"}

EVERY_CONSTRUCT = {
    "dataiku_project.LOYALTY_POINTS",
    *(
        f"dataiku_dataset.LOYALTY_POINTS.{name}"
        for name in (
            "MEMBERS",
            "PURCHASES",
            "STORES",
            "PARTNER_FEED",
            "ARCHIVE",
            "POINTS",
            "TIERS",
            "TIER_COUNTS",
            "GOLD",
            "OTHERS",
        )
    ),
    *(
        f"dataiku_recipe.LOYALTY_POINTS.{name}"
        for name in ("earn_points", "assign_tiers", "count_tiers", "split_gold", "archive_points")
    ),
}
DIRECTORY = {
    "dataiku_project.LOYALTY_DIR",
    "dataiku_dataset.LOYALTY_DIR.MEMBERS",
    "dataiku_dataset.LOYALTY_DIR.POINTS",
    "dataiku_recipe.LOYALTY_DIR.earn_points",
}


def plan_json(cwd: Path, config: str) -> dict:
    done = iac(cwd, "plan", "-c", config, "--emulator", "--json", extra_env=ENV)
    assert done.returncode in (0, 2), done.stdout + done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("config", "addresses"),
    [("every_construct.yml", EVERY_CONSTRUCT), ("directory", DIRECTORY)],
)
def test_seed_configs_plan_apply_and_settle(
    tmp_path: Path, config: str, addresses: set[str]
) -> None:
    source = FIXTURES / "accepted" / config
    if source.is_dir():
        shutil.copytree(source, tmp_path / config)
    else:
        shutil.copy(source, tmp_path / config)
    first = plan_json(tmp_path, config)
    assert {c["address"] for c in first["changes"]} == addresses
    assert {c["action"] for c in first["changes"]} == {"create"}
    applied = iac(tmp_path, "apply", "-c", config, "--emulator", "--auto-approve", extra_env=ENV)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    again = plan_json(tmp_path, config)
    assert again["summary"] == {"create": 0, "update": 0, "replace": 0, "delete": 0}


def test_a_directory_skips_other_project_files_with_a_note(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "accepted" / "directory", tmp_path / "cfg")
    done = iac(tmp_path, "validate", "-c", "cfg")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archive/old_project.yml" in done.stdout + done.stderr


REJECTED = sorted(p.name for p in (FIXTURES / "rejected").glob("*.yml"))


@pytest.mark.parametrize("name", REJECTED)
def test_seed_configs_the_seed_rejects_are_rejected_cleanly(tmp_path: Path, name: str) -> None:
    shutil.copy(FIXTURES / "rejected" / name, tmp_path / name)
    done = iac(tmp_path, "validate", "-c", name)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert re.search(rf"--> {re.escape(name)}:\d+:\d+", output), output
    assert "Traceback" not in output
