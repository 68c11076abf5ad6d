"""Issue 14 item 9: ``plan`` checks its connections. A refreshing plan connects to every
platform the config (or the state) has objects on before planning, as Terraform configures
its providers during plan, so missing credentials fail it early, even with an empty state:
exit 1, naming the auth methods tried and what to set. ``validate`` needs no credentials
and no provider variables; ``plan --refresh=false`` reads nothing and connects to nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apply.crash_support import run_iac

STACK = """\
name: conn
resources:
  providers:
    databricks:
      host: ${vars.WORKSPACE_HOST}
  catalogs:
    c: {name: conn}
"""
PROJECT = 'version: "1.0"\nproject: {key: CONN, name: Conn}\n'


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No credentials anywhere: no platform variables, no ~/.databrickscfg."""
    import os

    for name in [n for n in os.environ if n.startswith(("DATABRICKS_", "DKU_", "ARM_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lake").mkdir()
    (tmp_path / "dss").mkdir()
    (tmp_path / "dss" / "project.yml").write_text(PROJECT)
    return tmp_path


def test_a_plan_without_databricks_credentials_fails_early_naming_the_methods(
    bare: Path,
) -> None:
    (bare / "lake" / "stack.yaml").write_text("name: conn\nresources:\n  catalogs:\n    c: {}\n")
    code, output = run_iac(["plan", "-c", "lake"])
    assert code == 1, output
    assert "no usable credentials" in output
    assert "pat" in output and "oauth-m2m" in output and "databricks-cli" in output
    assert "DATABRICKS_HOST" in output and "DATABRICKS_TOKEN" in output
    assert "Traceback" not in output and "will be created" not in output


def test_a_plan_without_a_dss_connection_fails_early(bare: Path) -> None:
    code, output = run_iac(["plan", "-c", "dss"])
    assert code == 1, output
    assert "DKU_DSS_URL" in output and "DKU_API_KEY" in output
    assert "will be created" not in output


def test_provider_variables_are_resolved_only_when_connecting(bare: Path) -> None:
    (bare / "lake" / "stack.yaml").write_text(STACK)
    code, output = run_iac(["validate", "-c", "lake"])
    assert code == 0, output
    code, output = run_iac(["plan", "-c", "lake", "--refresh=false"])
    assert code == 2, output  # reads nothing: plans without connecting
    code, output = run_iac(["plan", "-c", "lake"])
    assert code == 1 and "unresolved placeholder ${vars.WORKSPACE_HOST}" in output, output
