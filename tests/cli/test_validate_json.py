"""``iac validate --json`` for tools, and located text errors for people."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.iac_process import iac

REPO = Path(__file__).resolve().parents[2]


def quickstart(tmp_path: Path, *edits: tuple[str, str]) -> None:
    shutil.copytree(REPO / "examples" / "quickstart", tmp_path / "qs")
    project = tmp_path / "qs" / "project.yml"
    text = project.read_text()
    for old, new in edits:
        text = text.replace(old, new, 1)
    project.write_text(text)


def test_valid_config_prints_an_empty_diagnostics_list(tmp_path: Path) -> None:
    quickstart(tmp_path)
    done = iac(tmp_path, "validate", "-c", "qs", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    # 9: the quickstart's project variables are a resource of their own
    assert found["valid"] is True and found["diagnostics"] == [] and found["resources"] == 9


def test_wrong_type_in_our_words_located_for_tools_and_people(tmp_path: Path) -> None:
    quickstart(tmp_path, ("format_type: csv", "format_type: [csv]"))
    done = iac(tmp_path, "validate", "-c", "qs", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == {
        "valid": False,
        "diagnostics": [
            {
                "severity": "error",
                "summary": "expected text, got a list",
                "detail": "write it as a string; quote it if YAML reads it as something "
                'else: "yes"',
                "file": "qs/project.yml",
                "line": 22,
                "column": 18,
                "path": "datasets[0].format_type",
            }
        ],
    }
    text = iac(tmp_path, "validate", "-c", "qs").stderr
    assert "  22 |     format_type: [csv]\n     |                  ^" in text


def test_a_top_level_typo_does_not_cascade(tmp_path: Path) -> None:
    quickstart(tmp_path, ("\ndatasets:", "\ndatasetz:"))
    found = json.loads(iac(tmp_path, "validate", "-c", "qs", "--json").stdout)["diagnostics"]
    assert [d["summary"] for d in found] == ["unknown key 'datasetz'"]
    assert found[0]["detail"].startswith("did you mean 'datasets'?")


def test_a_mistyped_variable_gets_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "name: st\nvariables:\n  env_name: dev\nresources:\n  databricks_catalogs:\n"
        "    cat:\n      name: ${vars.env_nme}_cat\n"
    )
    found = json.loads(iac(tmp_path, "validate", "-c", "s.yaml", "--json").stdout)
    assert found["diagnostics"][0]["detail"].startswith("did you mean 'env_name'?")


def test_an_undeclared_environment_is_an_error(tmp_path: Path) -> None:
    quickstart(tmp_path)
    assert iac(tmp_path, "validate", "-c", "qs", "-e", "default").returncode == 0
    done = iac(tmp_path, "plan", "-c", "qs", "-e", "prod", "--emulator")
    assert done.returncode == 1
    assert "unknown environment 'prod'" in done.stderr
    assert "declares no environments" in done.stderr
