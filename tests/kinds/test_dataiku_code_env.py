"""dataiku_code_env, and the projects and code recipes that use one: validate, plan, apply,
plan empty, update, replace and import through the real DSSClient on the emulator.

The emulator's code env facts are cited in tests/emulator/dataiku/test_code_envs.py; the
references are written as dataikuapi writes them: a project's default env in
``settings.codeEnvs.python`` (``DSSProjectSettings.set_python_code_env``), a recipe's in
``params.envSelection`` (``CodeRecipeSettings.set_code_env``), both dataikuapi/dss/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data_iac.emulator import Emulator
from tests.kinds.dataiku_support import (
    apply_then_plan_empty,
    dss_client,
    plan,
    run_iac,
    write_config,
)

DOCUMENT = """\
version: "1.0"
project:
  key: ML
  name: Machine learning
  settings:
    code_envs: {python: py311-ml}
code_envs:
  - name: py311-ml
    python_interpreter: PYTHON311
    packages: ["pandas>=2", scikit-learn]
    install_core_packages: true
    usable_by_all: false
    permissions: [{group: data-team, use: true}]
datasets:
  - {name: RAW, type: managed}
  - {name: FEATURES, type: managed}
recipes:
  - name: build_features
    type: python
    code_env: py311-ml
    inputs: [RAW]
    outputs: [FEATURES]
    code: print("features")
"""


@pytest.fixture
def config(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_config(tmp_path, emulator, DOCUMENT)


def test_apply_then_plan_is_empty_and_dss_holds_the_references(
    config: Path, emulator: Emulator
) -> None:
    first = apply_then_plan_empty(config)
    order = [c["address"] for c in first["changes"]]
    assert order.index("dataiku_code_env.PYTHON.py311-ml") < order.index("dataiku_project.ML")
    dss = dss_client(emulator)
    env = dss.get_code_env("PYTHON", "py311-ml").get_settings().get_raw()
    assert env["actualPackageList"] == "pandas>=2\nscikit-learn"  # installed, not only asked
    assert env["desc"]["pythonInterpreter"] == "PYTHON311"
    python = dss.get_project("ML").get_settings().get_raw()["settings"]["codeEnvs"]["python"]
    assert (python["mode"], python["envName"]) == ("EXPLICIT_ENV", "py311-ml")
    recipe = dss.get_project("ML").get_recipe("build_features").get_settings()
    assert recipe.get_code_env_settings() == {"envMode": "EXPLICIT_ENV", "envName": "py311-ml"}


def test_packages_update_in_place_and_the_interpreter_replaces(config: Path) -> None:
    apply_then_plan_empty(config)
    document = (config / "project.yml").read_text()
    (config / "project.yml").write_text(document.replace("scikit-learn]", "scikit-learn, xgboost]"))
    code, changed = plan(config)
    assert code == 2 and [(c["address"], c["action"]) for c in changed["changes"]] == [
        ("dataiku_code_env.PYTHON.py311-ml", "update")
    ]
    (config / "project.yml").write_text(document.replace("PYTHON311", "PYTHON312"))
    code, changed = plan(config)
    assert [c["action"] for c in changed["changes"]] == ["replace"]


def test_drift_of_a_recipe_code_env_is_seen(config: Path, emulator: Emulator) -> None:
    apply_then_plan_empty(config)
    settings = dss_client(emulator).get_project("ML").get_recipe("build_features").get_settings()
    settings.set_code_env(inherit=True)
    settings.save()
    code, drifted = plan(config)
    assert code == 2
    (change,) = drifted["changes"]
    assert change["address"] == "dataiku_recipe.ML.build_features"
    assert change["reasons"] == ["code_env"]


def test_import_an_existing_code_env(config: Path, emulator: Emulator) -> None:
    dss = dss_client(emulator)
    params = {"pythonInterpreter": "PYTHON311", "installCorePackages": True}
    env = dss.create_code_env("PYTHON", "py311-ml", "DESIGN_MANAGED", params)
    settings = env.get_settings()
    settings.set_required_packages("scikit-learn", "pandas>=2")
    settings.get_raw()["permissions"] = [{"group": "data-team", "use": True}]
    settings.save()
    env.update_packages()
    code, _, output = run_iac(
        "import", "-c", str(config), "dataiku_code_env.PYTHON.py311-ml", "PYTHON.py311-ml"
    )
    assert code == 0, output
    code, planned = plan(config)
    assert "dataiku_code_env.PYTHON.py311-ml" not in [c["address"] for c in planned["changes"]]


def test_validate_locates_code_env_mistakes(tmp_path: Path, emulator: Emulator) -> None:
    bad = DOCUMENT.replace("    code: print", "    code: print").replace(
        "  - {name: FEATURES, type: managed}",
        "  - {name: FEATURES, type: managed}\n  - {name: TOTALS, type: managed}",
    ) + (
        "  - {name: totals, type: grouping, code_env: py311-ml, inputs: [FEATURES],"
        " outputs: [TOTALS]}\n"
    )
    bad = bad.replace("  - name: py311-ml\n", "  - name: py311-ml\n    lang: R\n")
    config = write_config(tmp_path, emulator, bad)
    code, _, output = run_iac("validate", "-c", str(config))
    assert code == 1
    assert "recipes[1].code_env: recipe 'totals' of type grouping runs in no code env" in output
    assert "code_envs[0].python_interpreter: code env 'py311-ml' is an R env" in output
    assert "project.yml:" in output
