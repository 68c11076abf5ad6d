"""The public API: every exported name resolves, import stays cheap, and the behaviours the
CLI relies on (cancel, progress, stale plans, diagnostics) hold when called from Python."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import data_iac

PROJECT = """
version: "1.0"
name: api-test
project:
  key: API_TEST
  name: API test
datasets:
  - name: A
    type: managed
    format_type: csv
  - name: B
    type: managed
    format_type: csv
"""


def test_every_public_name_resolves_and_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "python-api.md").read_text()
    for name in data_iac.__all__:
        assert getattr(data_iac, name) is not None
        if name not in {"__version__", "Format"}:
            assert re.search(rf"\b{name}\b", doc), name


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError):
        _ = data_iac.no_such_name  # type: ignore[attr-defined]


def test_import_data_iac_loads_neither_the_api_nor_any_sdk() -> None:
    code = textwrap.dedent(
        """
        import sys
        import data_iac
        heavy = ("databricks", "dataikuapi", "boto3", "polars", "pyspark", "data_iac.api",
                 "data_iac.operations", "data_iac.emulator")
        print(sorted(m for m in sys.modules if m.startswith(heavy)))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_validate_returns_located_diagnostics_instead_of_raising(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("version: '1.0'\nproject:\n  key: lower\n  colour: red\n")
    problems = data_iac.validate(bad)
    assert len(problems) >= 2
    assert all(isinstance(p, data_iac.Diagnostic) for p in problems)
    assert {p.location.file for p in problems if p.location} == {str(bad)}
    good = tmp_path / "good.yml"
    good.write_text(PROJECT)
    assert data_iac.validate(good) == []


def test_a_cancelled_token_starts_nothing_and_says_interrupted(tmp_path: Path) -> None:
    (tmp_path / "project.yml").write_text(PROJECT)
    with data_iac.load(tmp_path / "project.yml", emulator=True, workdir=tmp_path) as project:
        plan = project.plan()
        token = data_iac.CancellationToken()
        token.cancel()
        started: list[int] = []
        result = project.apply(plan, cancel=token, progress=data_iac.Progress(started.append))
        assert token.cancelled and result.interrupted and not result.ok
        assert started == [3]
        assert {o.status for o in result.outcomes} == {data_iac.OutcomeStatus.SKIPPED}
        assert project.state.list() == {}
        assert project.plan().summary()["create"] == 3  # nothing was done


def test_targets_accept_strings_and_a_bad_one_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "project.yml").write_text(PROJECT)
    with data_iac.load(tmp_path / "project.yml", emulator=True, workdir=tmp_path) as project:
        plan = project.plan(targets=["dataiku_dataset.API_TEST.A"])
        assert sorted(str(c.address) for c in plan.actionable) == [
            "dataiku_dataset.API_TEST.A",
            "dataiku_project.API_TEST",
        ]
        with pytest.raises(data_iac.ConfigError):
            project.plan(targets=["not an address"])
