"""``iac generate --project KEY``: live DSS project -> project.yml; with ``-c --import`` the
objects are adopted, and a plan then prints "No changes" (the generate contract)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from data_iac.emulator import Emulator
from tests.refresh.support import API_KEY, PROJECT_YML, dss_client, providers_yml, run_iac, run_json


@pytest.fixture
def live_project(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """DRIFTY exists on the emulator (applied from a directory whose state is dropped) with
    a custom-python scenario added by hand; returns a config dir to generate into, which
    holds no project yet (so generate connects through DKU_DSS_URL / DKU_API_KEY)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DKU_DSS_URL", emulator.url)
    monkeypatch.setenv("DKU_API_KEY", API_KEY)
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "project.yml").write_text(PROJECT_YML + providers_yml(emulator.url))
    assert run_iac("apply", "-c", str(seed), "--auto-approve")[0] == 0
    project = dss_client(emulator).get_project("DRIFTY")
    scenario = project.create_scenario("by_hand", "custom_python")
    settings = scenario.get_settings()
    settings.script = "print('hello')\n"
    settings.save()
    for state in (tmp_path / ".iac").rglob("*.json"):
        state.unlink()
    target = tmp_path / "generated"
    target.mkdir()
    (target / "providers.yml").write_text("name: generated\n" + providers_yml(emulator.url))
    return target


def test_generate_prints_the_project_in_the_dataiku_format(live_project: Path) -> None:
    code, text, output = run_iac("generate", "-c", str(live_project), "--project", "DRIFTY")
    assert code == 0, output
    document = yaml.safe_load(text)
    assert document["project"]["key"] == "DRIFTY"
    datasets = {d["name"]: d for d in document["datasets"]}
    assert datasets["CLEAN"]["type"] == "managed" and datasets["CLEAN"]["zone"] == "curated"
    assert datasets["ORDERS"]["params"]["table"] == "orders"
    [recipe] = document["recipes"]
    assert recipe["code"] == 'print("clean")\n'
    assert "code: |" in text  # code as a literal block, readable in review


def test_generate_import_then_plan_prints_no_changes(live_project: Path) -> None:
    out = live_project / "project.yml"
    code, _, output = run_iac(
        "generate", "-c", str(live_project), "--project", "DRIFTY", "-o", str(out), "--import"
    )
    assert code == 0, output
    code, _, text = run_iac("plan", "-c", str(live_project), "--no-color")
    assert code == 0, text
    assert "No changes" in text
    code, state = run_json("state", "list", "-c", str(live_project))
    assert code == 0
    assert "dataiku_scenario.DRIFTY.by_hand" in str(state)
