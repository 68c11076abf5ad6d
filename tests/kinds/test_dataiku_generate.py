"""``iac generate --project`` writes what the new Dataiku kinds manage (visual recipe
settings, wiki articles, code env references), and generate + import + plan is empty."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from data_iac.emulator import Emulator
from tests.kinds.dataiku_support import dss_client, run_iac, write_config
from tests.refresh.support import API_KEY, providers_yml

DOCUMENT = """\
version: "1.0"
project:
  key: GEN
  name: Generated
  settings: {code_envs: {python: py311}}
datasets:
  - {name: RAW, type: managed}
  - {name: TOTALS, type: managed}
  - {name: OUT, type: managed}
recipes:
  - name: totals
    type: group
    inputs: [RAW]
    outputs: [TOTALS]
    settings: {keys: [{column: region}], values: [{column: amount, sum: true}]}
  - name: score
    type: python
    code_env: py311
    inputs: [TOTALS]
    outputs: [OUT]
    code: print("score")
wiki_articles:
  - {name: Home, home: true, body: "# Generated"}
  - {name: Notes, parent: Home, body: notes}
"""


@pytest.fixture
def generated(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """GEN exists (applied from elsewhere, state dropped), with its code env; returns an
    empty config dir connected to the emulator."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DKU_DSS_URL", emulator.url)
    monkeypatch.setenv("DKU_API_KEY", API_KEY)
    dss_client(emulator).create_code_env("PYTHON", "py311", "DESIGN_MANAGED")
    seed = write_config(tmp_path, emulator, DOCUMENT)
    code, _, output = run_iac("apply", "-c", str(seed), "--auto-approve")
    assert code == 0, output
    for state in (tmp_path / ".iac").rglob("*.json"):
        state.unlink()
    target = tmp_path / "generated"
    target.mkdir()
    (target / "providers.yml").write_text("name: generated\n" + providers_yml(emulator.url))
    return target


def test_generate_writes_settings_wiki_and_code_envs(generated: Path) -> None:
    code, text, output = run_iac("generate", "-c", str(generated), "--project", "GEN")
    assert code == 0, output
    document = yaml.safe_load(text)
    assert document["project"]["settings"] == {"code_envs": {"python": "py311"}}
    recipes = {r["name"]: r for r in document["recipes"]}
    assert recipes["totals"]["type"] == "grouping"
    assert recipes["totals"]["settings"]["values"] == [{"column": "amount", "sum": True}]
    assert recipes["score"]["code_env"] == "py311"
    assert "envSelection" not in recipes["score"].get("params", {})
    articles = {a["name"]: a for a in document["wiki_articles"]}
    assert articles["Notes"] == {"name": "Notes", "body": "notes", "parent": "Home"}
    assert articles["Home"]["home"] is True


def test_generate_import_then_plan_is_empty(generated: Path) -> None:
    out = generated / "project.yml"
    code, _, output = run_iac(
        "generate", "-c", str(generated), "--project", "GEN", "-o", str(out), "--import"
    )
    assert code == 0, output
    code, _, text = run_iac("plan", "-c", str(generated), "--no-color")
    assert code == 0, text
