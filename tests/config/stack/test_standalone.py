"""Laktory's stand-alone ``databricks_grants`` / ``databricks_grant`` / ``databricks_secrets``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data_iac.addresses import Address
from data_iac.config.build import load_config
from data_iac.errors import ConfigValidationError
from tests.cli.iac_process import iac

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "standalone"


def test_grants_and_secrets_become_our_kinds_and_wait_for_their_objects() -> None:
    resources = load_config(FIXTURE / "stack.yaml").desired.resources
    grants = resources[Address("databricks_grants", "grants-dev")]
    assert dict(grants.spec) == {
        "securable_type": "catalog",
        "full_name": "dev",
        "grants": [{"principal": "account users", "privileges": ["USE_CATALOG"]}],
        "grants_mode": "additive",
    }
    assert grants.depends_on == {Address("databricks_catalog", "catalog-dev")}
    one = resources[Address("databricks_grants", "grant-dev-raw")]
    assert one.spec["grants"] == [{"principal": "account users", "privileges": ["USE_SCHEMA"]}]
    assert one.depends_on == {Address("databricks_schema", "schema-dev-raw")}
    secret = resources[Address("databricks_secret", "secret-a")]
    assert secret.spec["string_value"] == "s3cret"
    assert Address("databricks_secret_scope", "scope-a") in secret.depends_on


def test_a_grant_names_exactly_one_securable(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(
        "name: s\nresources:\n  databricks_grant:\n    g:\n      catalog: a\n      schema: a.b\n"
        "      principal: p\n      privileges: [USE_SCHEMA]\n"
    )
    with pytest.raises(ConfigValidationError) as caught:
        load_config(stack)
    [problem] = caught.value.diagnostics
    assert "exactly one securable" in problem.message
    assert problem.location is not None and problem.location.line == 5  # the entry


@pytest.mark.slow
def test_they_apply_and_plan_empty(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "s")
    common = ("-c", "stack.yaml", "--emulator")
    applied = iac(tmp_path / "s", "apply", *common, "--auto-approve")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    again = iac(tmp_path / "s", "plan", *common)
    assert again.returncode == 0 and "No changes." in again.stdout, again.stdout + again.stderr
