"""examples/dataiku/sales_platform (code env, connection, wiki, visual recipes beside the
seed's constructs): validate, plan, apply, plan empty on the emulator; the connection's
password, taken from the environment, is in no plan, state or output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.kinds.dataiku_support import apply_then_plan_empty, run_iac
from tests.refresh.support import providers_yml

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "dataiku" / "sales_platform"
PASSWORD = "example-db-password-42"


def test_the_example_applies_and_plans_empty(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SALES_DB_PASSWORD", PASSWORD)
    config = tmp_path / "sales_platform"
    shutil.copytree(EXAMPLE, config)
    (config / "providers.yml").write_text(providers_yml(emulator.url))
    code, _, output = run_iac("validate", "-c", str(config))
    assert code == 0, output
    first = apply_then_plan_empty(config)
    kinds = {c["address"].split(".")[0] for c in first["changes"]}
    assert {"dataiku_code_env", "dataiku_connection", "dataiku_wiki_article"} <= kinds
    assert PASSWORD not in str(first)
    for written in (tmp_path / ".iac").rglob("*.json"):
        assert PASSWORD not in written.read_text()
